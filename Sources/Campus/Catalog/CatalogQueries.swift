import Postgres

/// The catalog's SQL. Topic names come in the reader's language from `topics.names`.
enum CatalogQueries {
    static let pageSize = 20

    /// One page of published courses (capsules have their own list), each with its next
    /// edition the reader can still join: open before upcoming, in the reader's language
    /// (or the language filtered by) before others; running and closed editions are not
    /// "next". One statement for the whole page.
    /// A search matches a course's own text or the names of its topics in any language;
    /// it puts the best matches first (title words weigh most, then topics); otherwise,
    /// and among equal matches, programmes come first, then courses, then ad-hoc
    /// training, by title. Keyset-paginated after course `after` on that same order.
    static func fetchCourseListings(_ db: Connection, language: String, filter: CatalogFilter, after: Int64?) throws -> [CourseListing] {
        let preferred = filter.language.isEmpty ? language : filter.language
        return try db.query("""
            WITH q AS (
                SELECT websearch_to_tsquery('campus_es', \(filter.query)) || websearch_to_tsquery('campus_pt', \(filter.query))
                       || websearch_to_tsquery('campus_en', \(filter.query)) || websearch_to_tsquery('campus_fr', \(filter.query)) AS query
            ), ranked AS (
                SELECT c.id, c.slug, c.title, c.kind, c.language, c.summary,
                       CASE WHEN \(filter.query) = '' THEN 0
                            ELSE ts_rank(c.search, q.query) + CASE WHEN th.hit THEN 0.2 ELSE 0 END END AS rank,
                       CASE c.kind WHEN 'programme' THEN 0 WHEN 'course' THEN 1 ELSE 2 END AS kind_order
                FROM courses c CROSS JOIN q
                LEFT JOIN LATERAL (
                    SELECT true AS hit FROM course_topics ct JOIN topics t ON t.id = ct.topic_id
                    WHERE ct.course_id = c.id AND t.search @@ q.query LIMIT 1
                ) th ON \(filter.query) <> ''
                WHERE c.published AND c.kind <> 'capsule'
                  AND (\(filter.query) = '' OR c.search @@ q.query OR th.hit)
                  AND (\(filter.kind) = '' OR c.kind = \(filter.kind))
                  AND (\(filter.topic) = '' OR EXISTS (SELECT 1 FROM course_topics ct JOIN topics t ON t.id = ct.topic_id
                                                     WHERE ct.course_id = c.id AND t.slug = \(filter.topic)))
                  AND (\(filter.language) = '' OR c.language = \(filter.language)
                       OR EXISTS (SELECT 1 FROM editions le WHERE le.course_id = c.id AND le.language = \(filter.language)))
            )
            SELECT r.id, r.slug, r.title, r.kind, r.language, r.summary,
                   ARRAY(SELECT t.names->>\(language) FROM course_topics ct JOIN topics t ON t.id = ct.topic_id
                         WHERE ct.course_id = r.id ORDER BY 1) AS topics,
                   n.id AS edition_id, n.name AS edition_name, n.language AS edition_language, n.starts_on, n.ends_on,
                   n.capacity, n.phase, n.taken, n.waitlisted
            FROM ranked r
            LEFT JOIN LATERAL (
                SELECT e.id, e.name, e.language, e.starts_on, e.ends_on, e.capacity, \(EditionStates.phase) AS phase,
                       \(EditionStates.taken)::int8 AS taken, \(EditionStates.waitlisted)::int8 AS waitlisted
                FROM editions e
                WHERE e.course_id = r.id AND e.starts_on > current_date AND now() < e.enrollment_closes_at
                ORDER BY e.language = \(preferred) DESC, now() >= e.enrollment_opens_at DESC, e.starts_on, e.id
                LIMIT 1
            ) n ON true
            WHERE \(after) IS NULL OR (-r.rank, r.kind_order, lower(r.title), r.id) >
                  (SELECT -a.rank, a.kind_order, lower(a.title), a.id FROM ranked a WHERE a.id = \(after))
            ORDER BY -r.rank, r.kind_order, lower(r.title), r.id
            LIMIT \(pageSize + 1)
            """).map(listing)
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
            summary: try row["summary"], id: try row["id"], topics: try row["topics"], nextEdition: next
        )
    }

    static func fetchTopics(_ db: Connection, language: String) throws -> [TopicChoice] {
        try db.query("SELECT slug, names->>\(language) AS name FROM topics ORDER BY 2").map {
            TopicChoice(slug: try $0["slug"], name: try $0["name"])
        }
    }

    /// A course by its address, if the reader may see it (CoursePolicy: drafts for their staff).
    static func fetchCourse(_ db: Connection, slug: String, language: String, reader: CurrentUser?) throws -> Course? {
        try db.query("""
            SELECT c.id, c.slug, c.kind, c.title, c.summary, c.description, c.language, c.pathways, c.published,
                   ARRAY(SELECT t.names->>\(language) FROM course_topics ct JOIN topics t ON t.id = ct.topic_id
                         WHERE ct.course_id = c.id ORDER BY 1) AS topics
            FROM courses c
            WHERE c.slug = \(slug) AND \(CoursePolicy.visibleSQL(reader))
            """).first.map { row in
            Course(
                id: try row["id"], slug: try row["slug"], kind: try row["kind"], title: try row["title"],
                summary: try row["summary"], description: try row["description"], language: try row["language"],
                pathways: try row["pathways"], topics: try row["topics"], published: try row["published"]
            )
        }
    }

    /// A course's editions with their phase and seats, the ones still to come or running first.
    static func fetchEditions(_ db: Connection, courseID: Int64) throws -> [EditionDetail] {
        try db.query("""
            \(EnrollmentQueries.editionSelect)
            WHERE e.course_id = \(courseID)
            ORDER BY e.ends_on < current_date, e.starts_on, e.id
            """).map(EnrollmentQueries.detail)
    }

    /// Editions starting soon, for the home page.
    static func fetchUpcomingEditions(_ db: Connection, limit: Int) throws -> [(course: String, slug: String, edition: EditionDates)] {
        try db.query("""
            SELECT c.title, c.slug, e.id, e.name, e.language, e.starts_on, e.ends_on
            FROM editions e JOIN courses c ON c.id = e.course_id
            WHERE c.published AND e.starts_on >= current_date
            ORDER BY e.starts_on, e.id
            LIMIT \(limit)
            """).map { row in
            (
                course: try row["title"], slug: try row["slug"],
                edition: EditionDates(id: try row["id"], name: try row["name"], language: try row["language"], startsOn: try row["starts_on"], endsOn: try row["ends_on"])
            )
        }
    }
}
