import Postgres

/// The catalog's SQL. Topic names come in the reader's language from `topics.names`.
enum CatalogQueries {
    /// Published courses (capsules have their own list), each with its next edition:
    /// one statement for the whole list.
    static func fetchCourseListings(_ db: Connection, language: String) throws -> [CourseListing] {
        try db.query("""
            SELECT c.slug, c.title, c.kind, c.language, c.summary,
                   ARRAY(SELECT t.names->>\(language) FROM course_topics ct JOIN topics t ON t.id = ct.topic_id
                         WHERE ct.course_id = c.id ORDER BY 1) AS topics,
                   e.id AS edition_id, e.name AS edition_name, e.language AS edition_language, e.starts_on, e.ends_on
            FROM courses c
            LEFT JOIN LATERAL (
                SELECT id, name, language, starts_on, ends_on FROM editions
                WHERE course_id = c.id AND ends_on >= current_date
                ORDER BY starts_on, id LIMIT 1
            ) e ON true
            WHERE c.published AND c.kind <> 'capsule'
            ORDER BY CASE c.kind WHEN 'programme' THEN 0 WHEN 'course' THEN 1 ELSE 2 END, c.title
            """).map { row in
            var next: EditionDates?
            if let id: Int64 = try row["edition_id"] {
                next = EditionDates(id: id, name: try row["edition_name"], language: try row["edition_language"], startsOn: try row["starts_on"], endsOn: try row["ends_on"])
            }
            return CourseListing(
                slug: try row["slug"], title: try row["title"], kind: try row["kind"], language: try row["language"],
                summary: try row["summary"], topics: try row["topics"], nextEdition: next
            )
        }
    }

    static func fetchCourse(_ db: Connection, slug: String, language: String) throws -> Course? {
        try db.query("""
            SELECT c.id, c.slug, c.kind, c.title, c.summary, c.description, c.language, c.pathways,
                   ARRAY(SELECT t.names->>\(language) FROM course_topics ct JOIN topics t ON t.id = ct.topic_id
                         WHERE ct.course_id = c.id ORDER BY 1) AS topics
            FROM courses c
            WHERE c.slug = \(slug) AND c.published
            """).first.map { row in
            Course(
                id: try row["id"], slug: try row["slug"], kind: try row["kind"], title: try row["title"],
                summary: try row["summary"], description: try row["description"], language: try row["language"],
                pathways: try row["pathways"], topics: try row["topics"]
            )
        }
    }

    /// A course's editions, the ones still to come or running first.
    static func fetchEditions(_ db: Connection, courseID: Int64) throws -> [Edition] {
        try db.query("""
            SELECT e.id, e.name, e.language, e.starts_on, e.ends_on, e.enrollment_opens_at, e.enrollment_closes_at,
                   e.capacity, e.modality, o.name AS seminar_city, e.admission, e.fee, e.fee_currency
            FROM editions e
            LEFT JOIN organizations o ON o.id = e.seminar_organization_id
            WHERE e.course_id = \(courseID)
            ORDER BY e.ends_on < current_date, e.starts_on, e.id
            """).map { row in
            Edition(
                id: try row["id"], name: try row["name"], language: try row["language"],
                startsOn: try row["starts_on"], endsOn: try row["ends_on"],
                enrollmentOpensAt: try row["enrollment_opens_at"], enrollmentClosesAt: try row["enrollment_closes_at"],
                capacity: try row["capacity"], modality: try row["modality"], seminarCity: try row["seminar_city"],
                admission: try row["admission"], fee: try row["fee"], feeCurrency: try row["fee_currency"]
            )
        }
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
