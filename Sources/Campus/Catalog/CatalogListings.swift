import Postgres

/// The catalog list's SQL, put together from fixed fragments the code chooses (never from what
/// a client sent; values stay bound). Browsing without words does no full-text work, and each
/// filter in use adds its own condition: every combination is a statement of its own, which
/// PostgreSQL plans for what it asks — an optional condition such as `($1 = '' OR c.kind = $1)`
/// would leave a generic plan that has to ignore it.
extension CatalogQueries {
    /// One page of published courses (capsules have their own list), each with its next
    /// edition the reader can still join: open before upcoming, in the reader's language
    /// (or the language filtered by) before others; running and closed editions are not
    /// "next". One statement for the whole page.
    /// A search matches a course's own text or the names of its topics in any language;
    /// it puts the best matches first (title words weigh most, then topics); otherwise,
    /// and among equal matches, programmes come first, then courses, then ad-hoc
    /// training, by title. Keyset-paginated after `after` on that same order. A search also
    /// brings the summary with its matches marked and passages of the description that match.
    static func fetchCourseListings(_ db: Connection, language: String, filter: CatalogFilter, after: SearchCursor?) throws -> [CourseListing] {
        let preferred = filter.language.isEmpty ? language : filter.language
        let search = TextSearch(filter.query)
        let page: SQL
        let extras: SQL
        let words: SQL = search == nil ? "" : "CROSS JOIN q"
        let rank: SQL = search == nil ? "" : "p.rank DESC,"
        if let search {
            page = searchPage(search, filter: filter, after: after.flatMap { cursor in cursor.rank.map { (cursor.id, $0) } })
            extras = """
                p.rank, \(TextSearch.headline("p.summary", language: "p.language", .whole)) AS marked_summary,
                \(TextSearch.headline("p.description", language: "p.language", .passages)) AS marked_description
                """
        } else {
            page = browsePage(filter: filter, after: after?.id)
            extras = "NULL::float8 AS rank, NULL::text AS marked_summary, NULL::text AS marked_description"
        }
        return try db.query("""
            \(search.map(matchTables) ?? "")
            SELECT p.id, p.slug, p.title, p.kind, p.language, p.summary, \(extras),
                   ARRAY(SELECT t.names->>\(language) FROM course_topics ct JOIN topics t ON t.id = ct.topic_id
                         WHERE ct.course_id = p.id ORDER BY 1) AS topics,
                   n.id AS edition_id, n.name AS edition_name, n.language AS edition_language, n.starts_on, n.ends_on,
                   n.capacity, n.phase, n.taken, n.waitlisted
            FROM (\(page)) p
            LEFT JOIN LATERAL (
                SELECT e.id, e.name, e.language, e.starts_on, e.ends_on, e.capacity, \(EditionStates.phase) AS phase,
                       \(EditionStates.taken)::int8 AS taken, \(EditionStates.waitlisted)::int8 AS waitlisted
                FROM editions e
                WHERE e.course_id = p.id AND e.starts_on > current_date AND now() < e.enrollment_closes_at
                ORDER BY e.language = \(preferred) DESC, now() >= e.enrollment_opens_at DESC, e.starts_on, e.id
                LIMIT 1
            ) n ON true
            \(words)
            ORDER BY \(rank) \(kindOrder("p")), lower(p.title), p.id
            """).map(listing)
    }

    /// Whether a search (or the filters alone) finds any course, without ranking or reading them.
    static func hasCourseListings(_ db: Connection, filter: CatalogFilter) throws -> Bool {
        let search = TextSearch(filter.query)
        let words: SQL = search == nil ? "" : ", q"
        let matching: SQL = search == nil ? "" : "AND \(matches)"
        return try db.query("""
            \(search.map(matchTables) ?? "")
            SELECT EXISTS (
                SELECT 1 FROM courses c \(words)
                WHERE \(listed(filter)) \(matching)
            ) AS found
            """).first?["found"] ?? false
    }

    /// Programmes, then courses, then ad-hoc training: the order of course `alias` when ranks
    /// are equal (an index, `courses_catalog_order`, keeps courses in this order).
    static func kindOrder(_ alias: String) -> SQL {
        "CASE \(unsafeRaw: alias).kind WHEN 'programme' THEN 0 WHEN 'course' THEN 1 ELSE 2 END"
    }

    /// Listed courses, as narrowed by the filters in use: each one a condition of its own.
    static func listed(_ filter: CatalogFilter) -> SQL {
        var conditions: SQL = "c.published AND c.kind <> 'capsule'"
        if !filter.kind.isEmpty { conditions = "\(conditions) AND c.kind = \(filter.kind)" }
        if !filter.topic.isEmpty {
            conditions = """
                \(conditions) AND EXISTS (SELECT 1 FROM course_topics ct JOIN topics t ON t.id = ct.topic_id
                                          WHERE ct.course_id = c.id AND t.slug = \(filter.topic))
                """
        }
        if !filter.language.isEmpty {
            conditions = """
                \(conditions) AND (c.language = \(filter.language)
                     OR EXISTS (SELECT 1 FROM editions le WHERE le.course_id = c.id AND le.language = \(filter.language)))
                """
        }
        return conditions
    }

    /// Browsing: listed courses in the index's order, the page after `after` found by seeking
    /// that index (the cursor's sort key comes from the course row itself).
    static func browsePage(filter: CatalogFilter, after: Int64?) -> SQL {
        let keyset: SQL = after.map { id in
            """
            AND (\(kindOrder("c")), lower(c.title), c.id) >
                ((SELECT \(kindOrder("a")) FROM courses a WHERE a.id = \(id)), (SELECT lower(a.title) FROM courses a WHERE a.id = \(id)), \(id))
            """
        } ?? ""
        return """
            SELECT c.id, c.slug, c.title, c.kind, c.language, c.summary
            FROM courses c
            WHERE \(listed(filter)) \(keyset)
            ORDER BY \(kindOrder("c")), lower(c.title), c.id
            LIMIT \(limit: pageSize + 1)
            """
    }

    /// The words as a query (`q`), and the courses one of whose topics' names match them.
    static func matchTables(_ search: TextSearch) -> SQL {
        """
        WITH \(search.queryTable), topic_hits AS (
            SELECT ct.course_id FROM q, topics t JOIN course_topics ct ON ct.topic_id = t.id WHERE t.search @@ q.query
        )
        """
    }

    /// A course's own text matches, or the name of one of its topics does.
    static let matches: SQL = "(c.search @@ q.query OR c.id IN (SELECT course_id FROM topic_hits))"

    /// Searching: matching listed courses by rank — a topic's name counts as much as a strong
    /// match in the text — then in the browsing order; the page after `after` (a course id and
    /// the rank it had) by comparing with that key.
    static func searchPage(_ search: TextSearch, filter: CatalogFilter, after: (id: Int64, rank: Double)?) -> SQL {
        let keyset: SQL = after.map { after in
            """
            WHERE (-m.rank, \(kindOrder("m")), lower(m.title), m.id) >
                  (-\(after.rank)::float8, (SELECT \(kindOrder("a")) FROM courses a WHERE a.id = \(after.id)),
                   (SELECT lower(a.title) FROM courses a WHERE a.id = \(after.id)), \(after.id))
            """
        } ?? ""
        return """
            SELECT m.* FROM (
                SELECT c.id, c.slug, c.title, c.kind, c.language, c.summary, c.description,
                       \(TextSearch.rank("c.search")) + CASE WHEN c.id IN (SELECT course_id FROM topic_hits) THEN 0.2 ELSE 0 END AS rank
                FROM q, courses c
                WHERE \(listed(filter)) AND \(matches)
            ) m
            \(keyset)
            ORDER BY m.rank DESC, \(kindOrder("m")), lower(m.title), m.id
            LIMIT \(limit: pageSize + 1)
            """
    }

    static func listing(_ row: Row) throws -> CourseListing {
        var next: EditionSummary?
        if let id: Int64 = try row["edition_id"] {
            let capacity = Int(try row["capacity"] as Int32)
            let taken: Int = try row["taken"]
            next = EditionSummary(
                dates: EditionDates(id: id, name: try row["edition_name"], language: try row["edition_language"], startsOn: try row["starts_on"], endsOn: try row["ends_on"]),
                state: EditionState(phase: try row["phase"], capacity: capacity, taken: taken),
                seatsLeft: max(0, capacity - taken), waitlisted: try row["waitlisted"])
        }
        return CourseListing(
            slug: try row["slug"], title: try row["title"], kind: try row["kind"], language: try row["language"],
            summary: try row["summary"], id: try row["id"], topics: try row["topics"], nextEdition: next,
            rank: try row["rank"], markedSummary: try row["marked_summary"], markedDescription: try row["marked_description"]
        )
    }
}
