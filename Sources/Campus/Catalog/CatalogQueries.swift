import Postgres

/// The catalog's SQL. Topic names come in the reader's language from `topics.names`.
enum CatalogQueries {
    static let pageSize = 20

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
            LIMIT \(limit: limit)
            """).map { row in
            (
                course: try row["title"], slug: try row["slug"],
                edition: EditionDates(id: try row["id"], name: try row["name"], language: try row["language"], startsOn: try row["starts_on"], endsOn: try row["ends_on"])
            )
        }
    }
}
