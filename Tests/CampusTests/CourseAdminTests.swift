import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The catalog's staff pages: courses, editions, their sessions and instructors.
@Suite struct CourseAdminTests {
    let app: TestApp
    let adminID: Int64
    let db: Connection
    /// The demo's flagship programme.
    let programmeID: Int64

    init() throws {
        app = try TestApp()
        adminID = try app.createUser("boss@example.org", name: "Boss", roles: ["admin"])
        _ = app.signIn("boss@example.org")
        db = try app.connect()
        programmeID = try db.query("SELECT id FROM courses WHERE slug = 'programa-pensamiento-estrategico-urbano'").first?["id"] ?? 0
    }

    // MARK: - Helpers

    /// A day relative to today (UTC), as `YYYY-MM-DD`.
    func day(_ offset: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: Date().addingTimeInterval(Double(offset) * 86_400))
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// `base` with every field named in `changes` replaced by the values given (none removes it).
    func replacing(_ base: [(String, String)], _ changes: [String: [String]]) -> [(String, String)] {
        base.filter { changes[$0.0] == nil } + changes.flatMap { name, values in values.map { (name, $0) } }
    }

    func courseForm(_ changes: [String: [String]] = [:]) -> [(String, String)] {
        replacing([
            ("slug", "gestion-del-agua"), ("kind", "course"), ("title", "Gestión urbana del agua"),
            ("summary", "Cómo las ciudades cuidan el agua."), ("description", "Primer párrafo.\r\n\r\nSegundo párrafo."),
            ("language", "es"), ("pathways", "resilient"), ("pathways", "nature-based"),
            ("topics", "resiliencia-urbana"), ("topics", "accion-climatica-energia"), ("workload_hours", "40"), ("published", "1"),
        ], changes)
    }

    func editionForm(_ changes: [String: String] = [:]) -> [(String, String)] {
        replacing([
            ("name", "Edición de prueba"), ("language", "es"), ("starts_on", day(60)), ("ends_on", day(90)),
            ("enrollment_opens_at", day(-1) + "T09:00"), ("enrollment_closes_at", day(30) + "T18:00"), ("time_zone", "America/Bogota"),
            ("capacity", "25"), ("modality", "online"), ("seminar_organization_id", ""), ("admission", "open"), ("fee", "0"), ("fee_currency", "EUR"),
        ], changes.mapValues { [$0] })
    }

    func count(_ sql: SQL) throws -> Int {
        try db.query("SELECT (\(sql))::int8 AS n").first?["n"] ?? -1
    }

    /// The id at the end of a 303's Location under `prefix`.
    func createdID(_ response: Response, under prefix: String) -> Int64? {
        guard response.status == .seeOther, let location = response.header("Location"), location.hasPrefix(prefix) else { return nil }
        return Int64(location.dropFirst(prefix.count))
    }

    func createEdition(_ changes: [String: String] = [:]) throws -> Int64 {
        try #require(createdID(app.post("/admin/courses/\(programmeID)/editions", editionForm(changes)), under: "/admin/editions/"))
    }

    /// Rows in the tables these pages write, to show a refused form wrote nothing.
    func writes() throws -> [Int] {
        try ["courses", "course_topics", "editions", "edition_sessions", "role_grants", "audit_log", "notifications"].map {
            try count("SELECT count(*) FROM \(unsafeRaw: $0)")
        }
    }

    func expectErrors(_ response: Response, _ fields: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == .unprocessableContent, sourceLocation: sourceLocation)
        for field in fields {
            #expect(response.bodyText.contains("id=\"\(field)-error\""), "no error beside \(field)", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Courses

    @Test func theListShowsEveryCourseByKindWithItsEditions() throws {
        try db.execute("UPDATE courses SET published = false WHERE slug = 'ciudades-hexagonales'")
        let page = app.get("/admin/courses")
        #expect(page.status == .ok)
        let body = page.bodyText
        // Unpublished courses and capsules too, programmes first.
        for slug in ["ciudades-hexagonales", "capsula-estrategia-urbana", "programa-pensamiento-estrategico-urbano"] {
            #expect(body.contains("<code>\(slug)</code>"), "missing \(slug)")
        }
        let programme = try #require(body.range(of: "programa-pensamiento-estrategico-urbano"))
        let capsule = try #require(body.range(of: "capsula-estrategia-urbana"))
        #expect(programme.lowerBound < capsule.lowerBound)
        #expect(body.contains("Borrador"))
        #expect(body.contains("href=\"/admin/courses/new\""))
        let editions = try count("SELECT count(*) FROM editions WHERE course_id = \(programmeID)")
        #expect(editions > 0)
        let row = try #require(body.range(of: "href=\"/admin/courses/\(programmeID)\"[^\n]*\n[^\n]*\n<td>\(editions)</td>", options: .regularExpression))
        #expect(!row.isEmpty)
    }

    @Test func coursesAreCreatedEditedAndAudited() throws {
        #expect(app.get("/admin/courses/new").bodyText.contains("name=\"topics\" value=\"resiliencia-urbana\""))
        let created = app.post("/admin/courses", courseForm())
        let id = try #require(createdID(created, under: "/admin/courses/"))
        let row = try #require(try db.query("""
            SELECT slug, kind, title, description, language, pathways, workload_hours, published,
                   ARRAY(SELECT t.slug FROM course_topics ct JOIN topics t ON t.id = ct.topic_id WHERE ct.course_id = c.id ORDER BY 1) AS topics
            FROM courses c WHERE id = \(id)
            """).first)
        #expect(try row["title"] == "Gestión urbana del agua")
        #expect(try row["description"] == "Primer párrafo.\n\nSegundo párrafo.")
        #expect(try row["pathways"] == ["nature-based", "resilient"])
        #expect(try row["topics"] == ["accion-climatica-energia", "resiliencia-urbana"])
        #expect(try row["published"] == true)
        #expect(try row["workload_hours"] == Optional(40))
        #expect(app.get("/courses/gestion-del-agua").status == .ok)
        let audit = try #require(try db.query("SELECT actor_id, details->>'slug' AS slug FROM audit_log WHERE action = 'course.create' AND subject_id = \(id)").first)
        #expect(try audit["actor_id"] == adminID)
        #expect(try audit["slug"] == "gestion-del-agua")

        let page = app.get("/admin/courses/\(id)")
        #expect(page.status == .ok)
        #expect(page.bodyText.contains("value=\"Gestión urbana del agua\""))
        #expect(page.bodyText.contains("name=\"workload_hours\" type=\"number\" value=\"40\""))
        #expect(page.bodyText.contains("href=\"/admin/courses/\(id)/editions/new\""))

        // Unpublished, renamed, one topic left.
        let edited = app.post("/admin/courses/\(id)", courseForm(["title": ["Agua y ciudad"], "published": [], "topics": ["resiliencia-urbana"], "workload_hours": [""]]))
        #expect(edited.status == .seeOther)
        #expect(edited.header("Location") == "/admin/courses/\(id)")
        #expect(try count("SELECT count(*) FROM course_topics WHERE course_id = \(id)") == 1)
        // A draft is not found by the public; its staff see it, marked as a draft.
        #expect(try TestApp(sharing: app).get("/courses/gestion-del-agua").status == .notFound)
        #expect(app.get("/courses/gestion-del-agua").bodyText.contains("Borrador: este curso aún no está publicado"))
        let update = try #require(try db.query("""
            SELECT details->>'title' AS title, details->>'published' AS published, details->>'topics' AS topics, details ? 'slug' AS slug,
                   details->>'workload_hours' AS workload, (SELECT workload_hours FROM courses WHERE id = \(id)) AS hours
            FROM audit_log WHERE action = 'course.update' AND subject_id = \(id)
            """).first)
        #expect(try update["title"] == "Gestión urbana del agua → Agua y ciudad")
        #expect(try update["published"] == "true → false")
        #expect(try update["topics"] == "accion-climatica-energia, resiliencia-urbana → resiliencia-urbana")
        #expect(try update["slug"] == false)
        // Emptied, the workload is no longer said (certificates then leave it out).
        #expect(try update["workload"] == "40 → —")
        #expect(try update["hours"] as Int? == nil)
    }

    @Test func aTakenSlugIsRefusedBesideTheSlug() throws {
        let first = app.post("/admin/courses", courseForm())
        #expect(first.status == .seeOther)
        let before = try writes()
        let again = app.post("/admin/courses", courseForm(["title": ["Otro curso del agua"]]))
        expectErrors(again, ["slug"])
        #expect(again.bodyText.contains("Otro curso ya usa esa dirección"))
        #expect(again.bodyText.contains("value=\"Otro curso del agua\""))
        #expect(try writes() == before)
        // Renaming another course to it: the same answer, nothing changed.
        let renamed = app.post("/admin/courses/\(programmeID)", courseForm(["title": ["Programa renombrado"]]))
        expectErrors(renamed, ["slug"])
        #expect(try db.query("SELECT slug FROM courses WHERE id = \(programmeID)").first?["slug"] == "programa-pensamiento-estrategico-urbano")
        #expect(try writes() == before)
    }

    @Test func badCourseInputIs422BesideEachFieldAndWritesNothing() throws {
        let before = try writes()
        let bad = courseForm([
            "slug": ["Not-A-Slug!"], "kind": ["lecture"], "title": ["ab"], "summary": ["  "],
            "description": [String(repeating: "x", count: 20_001)], "language": ["de"],
            "pathways": ["sparkly"], "topics": ["no-such-topic"], "workload_hours": ["cuarenta"],
        ])
        let created = app.post("/admin/courses", bad)
        expectErrors(created, ["slug", "kind", "title", "summary", "description", "language", "pathways", "topics", "workload_hours"])
        #expect(created.bodyText.contains("value=\"Not-A-Slug!\""))
        let edited = app.post("/admin/courses/\(programmeID)", bad)
        expectErrors(edited, ["slug", "kind", "title", "summary", "description", "language", "pathways", "topics", "workload_hours"])
        // Lengths count as PostgreSQL counts them: 101 flags are 202 code points, over 200.
        let flags = app.post("/admin/courses", courseForm(["title": [String(repeating: "🇪🇸", count: 101)], "slug": ["-agua", "agua-"]]))
        expectErrors(flags, ["title", "slug"])
        #expect(app.post("/admin/courses", courseForm(["slug": ["agua--ciudad"]])).status == .unprocessableContent)
        for hours in ["0", "2001", "-3", "4.5", "99999999999"] {
            expectErrors(app.post("/admin/courses", courseForm(["workload_hours": [hours]])), ["workload_hours"])
        }
        #expect(app.post("/admin/courses", courseForm(["slug": [String(repeating: "a", count: 101)]])).status == .unprocessableContent)
        #expect(try writes() == before)
        #expect(app.post("/admin/courses/999999", courseForm()).status == .notFound)
    }

    // MARK: - Editions

    @Test func editionsAreCreatedEditedAndAudited() throws {
        let lima: Int64 = try db.query("SELECT id FROM organizations WHERE name = 'Lima'").first?["id"] ?? 0
        #expect(app.get("/admin/courses/\(programmeID)/editions/new").status == .ok)
        let id = try createEdition([
            "modality": "hybrid", "seminar_organization_id": String(lima), "admission": "members", "fee": "450.50", "fee_currency": "usd",
        ])
        let row = try #require(try db.query("""
            SELECT course_id, to_char(enrollment_opens_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS opens,
                   to_char(enrollment_closes_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS closes,
                   capacity, seminar_organization_id, admission, fee::text AS fee, fee_currency
            FROM editions WHERE id = \(id)
            """).first)
        #expect(try row["course_id"] == programmeID)
        // Bogotá is UTC−5 all year.
        #expect(try row["opens"] == day(-1) + "T14:00")
        #expect(try row["closes"] == day(30) + "T23:00")
        #expect(try row["capacity"] == 25)
        #expect(try row["seminar_organization_id"] == lima)
        #expect(try row["fee"] == "450.50")
        #expect(try row["fee_currency"] == "USD")
        #expect(try db.query("SELECT actor_id FROM audit_log WHERE action = 'edition.create' AND subject_id = \(id)").first?["actor_id"] == adminID)

        // The admin's zone is UTC: the window shows in it.
        let page = app.get("/admin/editions/\(id)")
        #expect(page.status == .ok)
        #expect(page.bodyText.contains("value=\"\(day(-1))T14:00\""))
        #expect(page.bodyText.contains("href=\"/editions/\(id)/roster\""))
        #expect(app.get("/admin/courses/\(programmeID)").bodyText.contains("href=\"/admin/editions/\(id)\""))

        // Online now: the seminar's host is dropped.
        let edited = app.post("/admin/editions/\(id)", editionForm([
            "name": "Edición de prueba, grupo B", "capacity": "30", "seminar_organization_id": String(lima), "time_zone": "UTC",
            "enrollment_opens_at": day(-1) + "T14:00", "enrollment_closes_at": day(30) + "T23:00",
        ]))
        #expect(edited.header("Location") == "/admin/editions/\(id)")
        let after = try #require(try db.query("SELECT name, capacity, modality, seminar_organization_id FROM editions WHERE id = \(id)").first)
        #expect(try after["capacity"] == 30)
        #expect(try after["modality"] == "online")
        #expect(try after["seminar_organization_id"] as Int64? == nil)
        let audit = try #require(try db.query("""
            SELECT details->>'capacity' AS capacity, details->>'name' AS name, details ? 'enrollment_opens_at' AS window
            FROM audit_log WHERE action = 'edition.update' AND subject_id = \(id)
            """).first)
        #expect(try audit["capacity"] == "25 → 30")
        #expect(try audit["name"] == "Edición de prueba → Edición de prueba, grupo B")
        // The same instants written in another zone are no change.
        #expect(try audit["window"] == false)
    }

    @Test func badEditionInputIs422BesideEachFieldAndWritesNothing() throws {
        let id = try createEdition()
        let before = try writes()
        let bad = editionForm([
            "name": "", "language": "xx", "starts_on": "2027-02-30", "ends_on": "tomorrow", "enrollment_opens_at": "2027-03-01 09:00",
            "enrollment_closes_at": "2027-03-01T25:00", "time_zone": "Mars/Olympus", "capacity": "1e3", "modality": "teleport",
            "admission": "lottery", "fee": "4,50", "fee_currency": "EURO",
        ])
        let fields = ["name", "language", "starts_on", "ends_on", "enrollment_opens_at", "enrollment_closes_at", "time_zone", "capacity", "modality", "admission", "fee", "fee_currency"]
        expectErrors(app.post("/admin/courses/\(programmeID)/editions", bad), fields)
        expectErrors(app.post("/admin/editions/\(id)", bad), fields)
        // Rules across fields: the end before the start, closing before opening, a hybrid edition without its host.
        let crossed = editionForm([
            "starts_on": day(60), "ends_on": day(59), "enrollment_opens_at": day(3) + "T10:00", "enrollment_closes_at": day(3) + "T10:00",
            "modality": "hybrid", "seminar_organization_id": "999999", "capacity": "100001", "fee": "-5",
        ])
        expectErrors(app.post("/admin/courses/\(programmeID)/editions", crossed), ["ends_on", "enrollment_closes_at", "seminar_organization_id", "capacity", "fee"])
        expectErrors(app.post("/admin/editions/\(id)", crossed), ["ends_on", "enrollment_closes_at", "seminar_organization_id", "capacity", "fee"])
        #expect(try writes() == before)
        #expect(try db.query("SELECT name FROM editions WHERE id = \(id)").first?["name"] == "Edición de prueba")
    }

    @Test func aDuplicateEditionNameIsRefusedBesideTheName() throws {
        let first = try createEdition()
        let before = try writes()
        let again = app.post("/admin/courses/\(programmeID)/editions", editionForm(["capacity": "40"]))
        expectErrors(again, ["name"])
        #expect(again.bodyText.contains("ya tiene una edición con ese nombre"))
        #expect(try writes() == before)
        // The same name in another language is another edition…
        let english = try createEdition(["language": "en"])
        #expect(english != first)
        // …which cannot take the Spanish one's language.
        expectErrors(app.post("/admin/editions/\(english)", editionForm()), ["name"])
        #expect(try db.query("SELECT language FROM editions WHERE id = \(english)").first?["language"] == "en")
    }

    /// Enrolls people straight in the table: `statuses` in order of request.
    func enroll(_ editionID: Int64, _ statuses: [String]) throws -> [Int64] {
        try statuses.enumerated().map { index, status in
            let user: Int64 = try db.query("INSERT INTO users (email, name) VALUES (\("p\(index)-\(editionID)@example.org"), \("Persona \(index)")) RETURNING id").first?["id"] ?? 0
            try db.execute("""
                INSERT INTO enrollments (edition_id, user_id, status, requested_at)
                VALUES (\(editionID), \(user), \(status), now() - make_interval(days => \(Int32(10 - index))))
                """)
            return user
        }
    }

    @Test func theCapacityCannotDropBelowThePeopleEnrolled() throws {
        let id = try createEdition(["capacity": "3"])
        _ = try enroll(id, ["enrolled", "enrolled", "waitlisted"])
        let before = try writes()
        let response = app.post("/admin/editions/\(id)", editionForm(["capacity": "1"]))
        expectErrors(response, ["capacity"])
        #expect(response.bodyText.contains("Ya hay 2 personas inscritas"))
        #expect(try db.query("SELECT capacity FROM editions WHERE id = \(id)").first?["capacity"] == 3)
        #expect(try writes() == before)
        // Exactly the seats taken is fine.
        #expect(app.post("/admin/editions/\(id)", editionForm(["capacity": "2"])).status == .seeOther)
    }

    @Test func raisingTheCapacityPromotesTheFirstPeopleWaiting() throws {
        let id = try createEdition(["capacity": "1"])
        let people = try enroll(id, ["enrolled", "waitlisted", "waitlisted"])
        #expect(app.post("/admin/editions/\(id)", editionForm(["capacity": "2"])).status == .seeOther)
        let statuses: [String] = try people.map { person in try db.query("SELECT status FROM enrollments WHERE user_id = \(person)").first?["status"] ?? "" }
        #expect(statuses == ["enrolled", "enrolled", "waitlisted"])
        #expect(try count("SELECT count(*) FROM notifications WHERE user_id = \(people[1]) AND message = 'notice.enrollment.promoted'") == 1)
        #expect(try count("SELECT count(*) FROM notifications WHERE user_id = \(people[2])") == 0)
        #expect(try db.query("SELECT details->>'capacity' AS c FROM audit_log WHERE action = 'edition.update' AND subject_id = \(id)").first?["c"] == "1 → 2")
    }

    // MARK: - Sessions

    /// 18:00 in Mexico City is midnight UTC (no daylight saving there since 2022): in
    /// Madrid it is 01:00 the next day in winter (CET) and 02:00 in summer (CEST).
    @Test(arguments: [("2027-01-15", "16 de enero de 2027, 01:00 (Europe/Madrid)"), ("2027-07-15", "16 de julio de 2027, 02:00 (Europe/Madrid)")])
    func aSessionShowsInTheReadersTimeZone(date: String, expected: String) throws {
        let id = try createEdition()
        let added = app.post("/admin/editions/\(id)/sessions", [
            ("kind", "master_class"), ("title", "Clase inaugural"), ("starts_at", date + "T18:00"), ("time_zone", "America/Mexico_City"),
            ("duration_minutes", ""), ("place", ""), ("link", "https://meet.example.org/inaugural"),
        ])
        #expect(added.header("Location") == "/admin/editions/\(id)")
        let row = try #require(try db.query("SELECT id, starts_at, time_zone, duration_minutes FROM edition_sessions WHERE edition_id = \(id)").first)
        #expect(try row["time_zone"] == "America/Mexico_City")
        #expect(try row["duration_minutes"] == 90)
        // Foundation's zone data agrees with PostgreSQL's on the instant.
        var mexico = Calendar(identifier: .gregorian)
        mexico.timeZone = try #require(TimeZone(identifier: "America/Mexico_City"))
        let parts = date.split(separator: "-").compactMap { Int($0) }
        let instant = try #require(mexico.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 18)))
        #expect(try row["starts_at"] == instant)
        #expect(try db.query("SELECT details->>'title' AS t FROM audit_log WHERE action = 'session.create' AND subject_id = \(id)").first?["t"] == "Clase inaugural")

        let readerID = try app.createUser("lectora@example.org", name: "Lectora")
        try db.execute("UPDATE users SET time_zone = 'Europe/Madrid' WHERE id = \(readerID)")
        let reader = try TestApp(sharing: app)
        reader.signIn("lectora@example.org")
        let page = reader.get("/editions/\(id)")
        #expect(page.bodyText.contains(expected))
        #expect(page.bodyText.contains("18:00 (America/Mexico City)"))
    }

    @Test func sessionsAreDeletedOnlyFromTheirEdition() throws {
        let id = try createEdition()
        let other = try createEdition(["name": "Otra edición"])
        #expect(app.post("/admin/editions/\(id)/sessions", [
            ("kind", "seminar"), ("title", "Seminario en Lima"), ("starts_at", day(70) + "T10:00"), ("time_zone", "America/Lima"),
            ("duration_minutes", "240"), ("place", "Palacio Municipal de Lima"), ("link", ""),
        ]).status == .seeOther)
        let session: Int64 = try db.query("SELECT id FROM edition_sessions WHERE edition_id = \(id)").first?["id"] ?? 0
        #expect(app.get("/admin/editions/\(id)").bodyText.contains("Palacio Municipal de Lima"))
        #expect(app.post("/admin/editions/\(other)/sessions/\(session)/delete", [("confirm", "yes")]).status == .notFound)
        #expect(app.get("/admin/editions/\(other)/sessions/\(session)/delete").status == .notFound)
        #expect(try count("SELECT count(*) FROM edition_sessions WHERE id = \(session)") == 1)
        // The list links to a page that asks first; a post without `confirm` is sent there and deletes nothing.
        let ask = "/admin/editions/\(id)/sessions/\(session)/delete"
        #expect(app.get("/admin/editions/\(id)").bodyText.contains("href=\"\(ask)\""))
        let unconfirmed = app.post(ask, [])
        #expect(unconfirmed.status == .seeOther)
        #expect(unconfirmed.header("Location") == ask)
        #expect(try count("SELECT count(*) FROM edition_sessions WHERE id = \(session)") == 1)
        let page = app.get(ask)
        #expect(page.status == .ok)
        #expect(page.bodyText.contains("¿Eliminar la sesión «Seminario en Lima»?"))
        #expect(page.bodyText.contains("name=\"confirm\" value=\"yes\""))
        #expect(app.post(ask, [("confirm", "yes")]).status == .seeOther)
        #expect(try count("SELECT count(*) FROM edition_sessions WHERE id = \(session)") == 0)
        #expect(try db.query("SELECT details->>'title' AS t FROM audit_log WHERE action = 'session.delete' AND subject_id = \(id)").first?["t"] == "Seminario en Lima")
    }

    @Test func badSessionInputIs422BesideEachFieldAndWritesNothing() throws {
        let id = try createEdition()
        let before = try writes()
        let response = app.post("/admin/editions/\(id)/sessions", [
            ("kind", "lecture"), ("title", ""), ("starts_at", "2027-01-15 18:00"), ("time_zone", "Mars/Olympus"),
            ("duration_minutes", "5"), ("place", String(repeating: "p", count: 301)), ("link", "javascript:alert(1)"),
        ])
        expectErrors(response, ["kind", "title", "starts_at", "session_time_zone", "duration_minutes", "place", "link"])
        // The edition's own form is on the page too, untouched and without errors.
        #expect(response.bodyText.contains("value=\"Edición de prueba\""))
        #expect(!response.bodyText.contains("id=\"name-error\""))
        let nowhere = app.post("/admin/editions/\(id)/sessions", [
            ("kind", "seminar"), ("title", "Sin lugar"), ("starts_at", "2027-01-15T18:00"), ("time_zone", "UTC"), ("place", " "), ("link", ""),
        ])
        expectErrors(nowhere, ["place"])
        #expect(nowhere.bodyText.contains("Indique un lugar, un enlace o ambos"))
        expectErrors(app.post("/admin/editions/\(id)/sessions", [
            ("kind", "seminar"), ("title", "Mayúsculas"), ("starts_at", "2027-01-15T18:00"), ("time_zone", "UTC"), ("link", "HTTPS://example.org"),
        ]), ["link"])
        #expect(try writes() == before)
        #expect(app.post("/admin/editions/999999/sessions", []).status == .notFound)
    }

    // MARK: - Instructors

    @Test func instructorsAreAddedByEmailAuditedAndNotified() throws {
        let id = try createEdition()
        let teacher = try app.createUser("docente@example.org", name: "Docente Díaz")
        let added = app.post("/admin/editions/\(id)/instructors", [("email", " DOCENTE@example.org ")])
        #expect(added.header("Location") == "/admin/editions/\(id)")
        #expect(app.cookies["campus_flash"] == "flash.instructor_added")
        #expect(try count("SELECT count(*) FROM role_grants WHERE user_id = \(teacher) AND role = 'instructor' AND scope_kind = 'edition' AND scope_id = \(id)") == 1)
        let audit = try #require(try db.query("SELECT actor_id, details->>'role' AS role FROM audit_log WHERE action = 'role.grant' AND subject_id = \(teacher)").first)
        #expect(try audit["actor_id"] == adminID)
        #expect(try audit["role"] == "instructor:edition=\(id)")
        #expect(try count("SELECT count(*) FROM notifications WHERE user_id = \(teacher) AND message = 'notice.role_granted.instructor' AND params->>'id' = \(String(id))") == 1)
        #expect(app.get("/admin/editions/\(id)").bodyText.contains("Docente Díaz"))
        // Again: nothing doubled, and the admin is told.
        let before = try writes()
        #expect(app.post("/admin/editions/\(id)/instructors", [("email", "docente@example.org")]).status == .seeOther)
        #expect(app.cookies["campus_flash"] == "flash.instructor_exists")
        #expect(try writes() == before)
    }

    @Test func anInstructorMustHaveAnAccount() throws {
        let id = try createEdition()
        let gone = try app.createUser("gone@example.org", name: "Gone")
        try db.execute("UPDATE users SET deleted_at = now() WHERE id = \(gone)")
        let before = try writes()
        for email in ["nadie@example.org", "gone@example.org", "not an email", ""] {
            let response = app.post("/admin/editions/\(id)/instructors", [("email", email)])
            expectErrors(response, ["email"])
        }
        #expect(app.post("/admin/editions/\(id)/instructors", [("email", "nadie@example.org")]).bodyText.contains("Ninguna cuenta usa esa dirección"))
        #expect(try writes() == before)
    }

    // MARK: - Escaping

    @Test func userTextIsEscapedOnTheAdminPages() throws {
        let course: Int64 = try db.query("""
            INSERT INTO courses (slug, kind, title, summary, language) VALUES ('xss-admin', 'course', '<script>alert("t")</script>', 'x', 'es') RETURNING id
            """).first?["id"] ?? 0
        let edition: Int64 = try db.query("""
            INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at, enrollment_closes_at, capacity)
            VALUES (\(course), '<script>alert("e")</script>', 'es', current_date + 10, current_date + 20, now(), now() + interval '1 day', 5) RETURNING id
            """).first?["id"] ?? 0
        try db.execute("""
            INSERT INTO edition_sessions (edition_id, kind, title, starts_at, time_zone, place)
            VALUES (\(edition), 'seminar', '<img src=x onerror=alert(1)>', now() + interval '12 days', 'UTC', '<b>sala</b>')
            """)
        for path in ["/admin/courses", "/admin/courses/\(course)", "/admin/editions/\(edition)"] {
            let body = app.get(path).bodyText
            #expect(!body.contains("<script>alert"), "\(path)")
            #expect(!body.contains("<img src=x"), "\(path)")
            #expect(!body.contains("<b>sala"), "\(path)")
            #expect(body.contains("&lt;script&gt;alert(&quot;"), "\(path)")
        }
        let refused = app.post("/admin/courses", courseForm(["title": ["<script>alert(2)</script>"], "slug": ["Bad Slug"]]))
        #expect(refused.status == .unprocessableContent)
        #expect(!refused.bodyText.contains("<script>alert(2)"))
        #expect(refused.bodyText.contains("value=\"&lt;script&gt;alert(2)&lt;/script&gt;\""))
    }
}
