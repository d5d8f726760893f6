import Foundation
import Postgres
import Web

/// A course as staff edit it: every field of the form, published or not.
struct CourseRecord: Sendable {
    let id: Int64
    let fields: CourseFields
}

/// What the course form holds, checked.
struct CourseFields: Sendable, Equatable {
    var slug: String
    var kind: String
    var title: String
    var summary: String
    var description: String
    var language: String
    /// In the order of `CourseAdminQueries.pathways`.
    var pathways: [String]
    /// The estimated workload certificates state; nil when not said.
    var workloadHours: Int?
    /// Topic slugs, sorted.
    var topics: [String]
    var published: Bool
}

/// A row of the staff's course list.
struct CourseAdminListing: Sendable {
    let id: Int64
    let slug: String
    let kind: String
    let title: String
    let language: String
    let published: Bool
    let editions: Int
}

/// The SQL of the staff's course pages.
enum CourseAdminQueries {
    static let kinds = ["programme", "course", "capsule", "adhoc"]
    static let pathways = ["low-carbon", "nature-based", "circular", "resilient", "equitable", "people-centred"]

    /// Every course, published or not, capsules too, by kind then title, each with its
    /// number of editions (counted through editions_course_start): one statement.
    static func fetchCourses(_ db: Connection) throws -> [CourseAdminListing] {
        try db.query("""
            SELECT c.id, c.slug, c.kind, c.title, c.language, c.published,
                   (SELECT count(*) FROM editions e WHERE e.course_id = c.id)::int8 AS editions
            FROM courses c
            ORDER BY CASE c.kind WHEN 'programme' THEN 0 WHEN 'course' THEN 1 WHEN 'adhoc' THEN 2 ELSE 3 END, lower(c.title), c.id
            """).map { row in
            CourseAdminListing(
                id: try row["id"], slug: try row["slug"], kind: try row["kind"], title: try row["title"],
                language: try row["language"], published: try row["published"], editions: try row["editions"])
        }
    }

    static func fetchCourse(_ db: Connection, id: Int64) throws -> CourseRecord? {
        try db.query("""
            SELECT c.id, c.slug, c.kind, c.title, c.summary, c.description, c.language, c.pathways, c.workload_hours, c.published,
                   ARRAY(SELECT t.slug FROM course_topics ct JOIN topics t ON t.id = ct.topic_id
                         WHERE ct.course_id = c.id ORDER BY t.slug) AS topics
            FROM courses c WHERE c.id = \(id)
            """).first.map { row in
            CourseRecord(id: try row["id"], fields: CourseFields(
                slug: try row["slug"], kind: try row["kind"], title: try row["title"], summary: try row["summary"],
                description: try row["description"], language: try row["language"], pathways: try row["pathways"],
                workloadHours: try row["workload_hours"], topics: try row["topics"], published: try row["published"]))
        }
    }

    static func fetchCourseID(_ db: Connection, slug: String) throws -> Int64? {
        try db.query("SELECT id FROM courses WHERE slug = \(slug)").first?["id"]
    }

    /// Whether another course already has this slug.
    static func slugTaken(_ db: Connection, _ slug: String, except id: Int64?) throws -> Bool {
        try !db.query("SELECT 1 FROM courses WHERE slug = \(slug) AND id IS DISTINCT FROM \(id)").isEmpty
    }

    /// Nil when the slug is taken (the unique constraint decides, so a double submit is harmless).
    static func createCourse(_ db: Connection, _ fields: CourseFields) throws -> Int64? {
        try db.query("""
            INSERT INTO courses (slug, kind, title, summary, description, language, pathways, workload_hours, published)
            VALUES (\(fields.slug), \(fields.kind), \(fields.title), \(fields.summary), \(fields.description),
                    \(fields.language), \(fields.pathways), \(fields.workloadHours), \(fields.published))
            ON CONFLICT (slug) DO NOTHING RETURNING id
            """).first?["id"]
    }

    static func updateCourse(_ db: Connection, id: Int64, _ fields: CourseFields) throws {
        try db.execute("""
            UPDATE courses SET slug = \(fields.slug), kind = \(fields.kind), title = \(fields.title), summary = \(fields.summary),
                   description = \(fields.description), language = \(fields.language), pathways = \(fields.pathways),
                   workload_hours = \(fields.workloadHours), published = \(fields.published), updated_at = now()
            WHERE id = \(id)
            """)
    }

    /// Makes the course's topics exactly `slugs`.
    static func setTopics(_ db: Connection, courseID: Int64, slugs: [String]) throws {
        try db.execute("""
            DELETE FROM course_topics WHERE course_id = \(courseID)
              AND topic_id NOT IN (SELECT id FROM topics WHERE slug = ANY(\(slugs)))
            """)
        try db.execute("""
            INSERT INTO course_topics (course_id, topic_id) SELECT \(courseID), id FROM topics WHERE slug = ANY(\(slugs))
            ON CONFLICT DO NOTHING
            """)
    }
}

/// /admin/courses: the whole catalog as staff see it, and the course form.
enum CourseAdminRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.adminCourses, listCourses),
        Route("GET", Paths.adminCourseNew, showNewCourse),
        Route("POST", Paths.adminCourses, createCourse),
        Route("GET", Paths.adminCourse, showCourse),
        Route("POST", Paths.adminCourse, updateCourse),
    ]

    static func listCourses(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let body = CourseAdminPages.list(try CourseAdminQueries.fetchCourses(context.db), t: context.t)
        return context.page(context.t("admin.courses.title"), body, section: .admin)
    }

    static func showNewCourse(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let form = FormState(t: context.t, values: ["kind": "course", "language": context.language.rawValue])
        let topics = try CatalogQueries.fetchTopics(context.db, language: context.language.rawValue)
        return context.page(context.t("admin.courses.new"), CourseAdminPages.newCourse(form, topics: topics, chrome: context.chrome), section: .admin)
    }

    static func createCourse(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let db = try context.db
        let topics = try CatalogQueries.fetchTopics(db, language: context.language.rawValue)
        var form = state(context)
        func show(_ status: Status) -> Response {
            context.page(context.t("admin.courses.new"), CourseAdminPages.newCourse(form, topics: topics, chrome: context.chrome), status: status, section: .admin)
        }
        if context.wantsPreview { return show(.ok) }
        func invalid() -> Response { show(.unprocessableContent) }
        guard let fields = read(context.form, topics: topics, into: &form) else { return invalid() }
        let id: Int64? = try db.transaction {
            guard let id = try CourseAdminQueries.createCourse(db, fields) else { return nil }
            try CourseAdminQueries.setTopics(db, courseID: id, slugs: fields.topics)
            try context.audit("course.create", "course", id, ["slug": fields.slug, "title": fields.title, "kind": fields.kind])
            return id
        }
        guard let id else {
            // The same form sent twice (a double click, a page sent again): the course it made.
            if let existing = try CourseAdminQueries.fetchCourseID(db, slug: fields.slug).flatMap({ try CourseAdminQueries.fetchCourse(db, id: $0) }),
                existing.fields == fields
            {
                return context.redirect(Paths.adminCourse.path(existing.id), flash: "flash.course_created")
            }
            form.fail("slug", "admin.courses.error.slug_taken")
            return invalid()
        }
        return context.redirect(Paths.adminCourse.path(id), flash: "flash.course_created")
    }

    static func loadCourse(_ context: Context) throws -> CourseRecord {
        try context.requireAdmin()
        guard let course = try CourseAdminQueries.fetchCourse(context.db, id: try context.parameters.id("id")) else { throw HTTPError(.notFound) }
        return course
    }

    static func showCourse(_ context: Context) throws -> Response {
        let course = try loadCourse(context)
        return try coursePage(context, course, form: FormState(t: context.t, values: values(course.fields)))
    }

    /// The course's page: its form (with `form`'s values and errors), its editions and its
    /// documents (with `documentForm`'s, after a refused upload).
    static func coursePage(_ context: Context, _ course: CourseRecord, form: FormState, documentForm: FormState? = nil, status: Status = .ok) throws -> Response {
        let db = try context.db
        let body = CourseAdminPages.course(
            course, form: form, topics: try CatalogQueries.fetchTopics(db, language: context.language.rawValue),
            editions: try CatalogQueries.fetchEditions(db, courseID: course.id),
            documents: try DocumentAdminRoutes.section(context, owner: .course(course.id), form: documentForm), context: context)
        return context.page(course.fields.title, body, status: status, section: .admin)
    }

    static func updateCourse(_ context: Context) throws -> Response {
        let before = try loadCourse(context)
        let db = try context.db
        var form = state(context)
        if context.wantsPreview { return try coursePage(context, before, form: form) }
        let topics = try CatalogQueries.fetchTopics(db, language: context.language.rawValue)
        guard let fields = read(context.form, topics: topics, into: &form) else {
            return try coursePage(context, before, form: form, status: .unprocessableContent)
        }
        func slugTaken() throws -> Response {
            form.fail("slug", "admin.courses.error.slug_taken")
            return try coursePage(context, before, form: form, status: .unprocessableContent)
        }
        if try CourseAdminQueries.slugTaken(db, fields.slug, except: before.id) { return try slugTaken() }
        do {
            try db.transaction {
                try CourseAdminQueries.updateCourse(db, id: before.id, fields)
                try CourseAdminQueries.setTopics(db, courseID: before.id, slugs: fields.topics)
                let changed = changes(before.fields, fields)
                if !changed.isEmpty { try context.audit("course.update", "course", before.id, changed) }
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            // Another admin took the slug between the check and the update.
            return try slugTaken()
        }
        return context.redirect(Paths.adminCourse.path(before.id), flash: "flash.course_saved")
    }

    /// The submitted form, checkbox groups kept whole (one value per line).
    static func state(_ context: Context) -> FormState {
        var form = FormState(t: context.t, form: context.form)
        form.values["pathways"] = context.form.all("pathways").joined(separator: "\n")
        form.values["topics"] = context.form.all("topics").joined(separator: "\n")
        return form
    }

    static func values(_ fields: CourseFields) -> [String: String] {
        [
            "slug": fields.slug, "kind": fields.kind, "title": fields.title, "summary": fields.summary,
            "description": fields.description, "language": fields.language, "pathways": fields.pathways.joined(separator: "\n"),
            "workload_hours": fields.workloadHours.map(String.init) ?? "",
            "topics": fields.topics.joined(separator: "\n"), "published": fields.published ? "1" : "",
        ]
    }

    /// Reads and checks the course form; nil with the form's errors when invalid.
    static func read(_ input: Form, topics: [TopicChoice], into form: inout FormState) -> CourseFields? {
        let slug = input.trimmed("slug") ?? ""
        let slugIsValid = slug.utf8.count <= 100 && slug.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) != nil
        if !slugIsValid { form.fail("slug", "admin.courses.error.slug") }
        let kind = input["kind"] ?? ""
        if !CourseAdminQueries.kinds.contains(kind) { form.fail("kind", "account.error.choose") }
        let title = CatalogAdminInput.line(input, "title", 3...200)
        if title == nil { form.fail("title", "admin.courses.error.title") }
        let summary = CatalogAdminInput.paragraphs(input, "summary", 1...600)
        if summary == nil { form.fail("summary", "admin.courses.error.summary") }
        let description = CatalogAdminInput.paragraphs(input, "description", 0...20_000)
        if description == nil { form.fail("description", "admin.courses.error.description") }
        let language = Language(rawValue: input["language"] ?? "")
        if language == nil { form.fail("language", "account.error.choose") }
        let chosenPathways = Set(input.all("pathways"))
        if !chosenPathways.isSubset(of: CourseAdminQueries.pathways) { form.fail("pathways", "admin.courses.error.pathways") }
        // Empty says nothing of the workload; anything else must be a whole number of hours.
        let hours = input.trimmed("workload_hours").map { CatalogAdminInput.integer($0, in: 1...2000) }
        if hours == .some(nil) { form.fail("workload_hours", "admin.courses.error.workload") }
        let chosenTopics = Set(input.all("topics"))
        if !chosenTopics.isSubset(of: topics.map(\.slug)) { form.fail("topics", "admin.courses.error.topics") }
        guard form.isValid, let title, let summary, let description, let language else { return nil }
        return CourseFields(
            slug: slug, kind: kind, title: title, summary: summary, description: description, language: language.rawValue,
            pathways: CourseAdminQueries.pathways.filter(chosenPathways.contains), workloadHours: hours ?? nil, topics: chosenTopics.sorted(),
            published: input["published"] == "1")
    }

    /// What an update changed, for the audit log. Long texts are noted, not copied.
    static func changes(_ before: CourseFields, _ after: CourseFields) -> [String: String] {
        var changes: [String: String] = [:]
        func note(_ name: String, _ old: String, _ new: String) {
            if old != new { changes[name] = "\(old) → \(new)" }
        }
        note("slug", before.slug, after.slug)
        note("kind", before.kind, after.kind)
        note("title", before.title, after.title)
        note("language", before.language, after.language)
        note("published", String(before.published), String(after.published))
        note("pathways", before.pathways.joined(separator: ", "), after.pathways.joined(separator: ", "))
        note("topics", before.topics.joined(separator: ", "), after.topics.joined(separator: ", "))
        note("workload_hours", before.workloadHours.map(String.init) ?? "—", after.workloadHours.map(String.init) ?? "—")
        if before.summary != after.summary { changes["summary"] = "edited" }
        if before.description != after.description { changes["description"] = "edited" }
        return changes
    }
}
