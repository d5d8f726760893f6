import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Test editions with windows relative to PostgreSQL's clock: no sleeping, ever.
struct EditionMaker {
    let db: Connection

    /// An edition of the first published course. Days and hours are from now.
    func make(
        capacity: Int = 10, admission: String = "open", fee: Int = 0, opensInHours: Int = -24, closesInHours: Int = 24 * 10,
        startsInDays: Int = 20, lengthInDays: Int = 40, name: String = "Edición de prueba \(Int.random(in: 1...1_000_000))"
    ) throws -> Int64 {
        try db.query("""
            INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at, enrollment_closes_at, capacity, admission, fee)
            VALUES ((SELECT id FROM courses WHERE kind = 'course' ORDER BY id LIMIT 1), \(name), 'es',
                    current_date + \(startsInDays)::int, current_date + \(startsInDays + lengthInDays)::int,
                    now() + make_interval(hours => \(opensInHours)::int), now() + make_interval(hours => \(closesInHours)::int),
                    \(capacity), \(admission), \(Decimal(fee)))
            RETURNING id
            """).first?["id"] ?? 0
    }

    func statuses(_ edition: Int64) throws -> [String: String] {
        let rows = try db.query("""
            SELECT u.email, x.status, (\(EnrollmentQueries.position))::int8 AS position
            FROM enrollments x JOIN users u ON u.id = x.user_id WHERE x.edition_id = \(edition)
            """)
        var out: [String: String] = [:]
        for row in rows {
            let position: Int? = try row["position"]
            out[try row["email"]] = (try row["status"] as String) + (position.map { " \($0)" } ?? "")
        }
        return out
    }
}

/// Enrolling and withdrawing: windows, admission rules, the waitlist.
@Suite struct EnrollmentTests {
    let app: TestApp
    let editions: EditionMaker

    init() throws {
        app = try TestApp()
        editions = EditionMaker(db: try app.connect())
    }

    /// A verified user signed in on a browser of their own.
    func person(_ email: String, verified: Bool = true) throws -> TestApp {
        let browser = try TestApp(sharing: app)
        let id = try app.createUser(email, verified: verified)
        browser.cookies["campus_session"] = try app.sessionCookie(for: id)
        return browser
    }

    @Test func enrollingTakesASeatAndTellsThePerson() throws {
        let edition = try editions.make()
        let ana = try person("ana@example.org")
        let response = ana.post("/editions/\(edition)/enroll", [])
        #expect(response.status == .seeOther)
        #expect(response.header("Location") == "/editions/\(edition)")
        #expect(try editions.statuses(edition)["ana@example.org"] == "enrolled")
        #expect(ana.get("/editions/\(edition)").bodyText.contains("Inscripción confirmada."))
        #expect(try app.outbox(to: "ana@example.org").first?.body.contains("Tiene plaza") == true)
        // The same form again changes nothing.
        #expect(ana.post("/editions/\(edition)/enroll", []).status == .seeOther)
        #expect(try app.connect().query("SELECT 1 FROM enrollments WHERE edition_id = \(edition)").count == 1)
    }

    @Test func theWindowIsEnforcedWithTheReason() throws {
        let ana = try person("ana@example.org")
        let upcoming = try editions.make(opensInHours: 48, closesInHours: 96)
        let early = ana.post("/editions/\(upcoming)/enroll", [])
        #expect(early.status == .conflict)
        #expect(early.bodyText.contains("La inscripción se abre el"))
        let closed = try editions.make(opensInHours: -96, closesInHours: -1)
        let late = ana.post("/editions/\(closed)/enroll", [])
        #expect(late.status == .conflict)
        #expect(late.bodyText.contains("La inscripción cerró el"))
        let running = try editions.make(opensInHours: -96, closesInHours: 96, startsInDays: -1)
        #expect(ana.post("/editions/\(running)/enroll", []).bodyText.contains("ya empezó"))
        #expect(try app.connect().query("SELECT 1 FROM enrollments WHERE edition_id IN (\(upcoming), \(closed), \(running))").isEmpty)
        #expect(ana.post("/editions/999999/enroll", []).status == .notFound)
        #expect(ana.post("/editions/abc/enroll", []).status == .badRequest)
    }

    @Test func unverifiedAccountsAreToldWhy() throws {
        let edition = try editions.make()
        let new = try person("new@example.org", verified: false)
        let response = new.post("/editions/\(edition)/enroll", [])
        #expect(response.status == .forbidden)
        #expect(response.bodyText.contains("confirme su dirección de correo"))
    }

    @Test func membersOnlyEditionsNeedAnActiveConfirmedMember() throws {
        let edition = try editions.make(admission: "members")
        let db = try app.connect()
        let outsider = try person("outsider@example.org")
        let refused = outsider.post("/editions/\(edition)/enroll", [])
        #expect(refused.status == .conflict)
        #expect(refused.bodyText.contains("reservada a personas de ciudades socias activas"))
        // A confirmed official of an active member city gets in; of a lapsed one, does not.
        let member = try person("member@example.org")
        try db.execute("""
            UPDATE users SET organization_id = (SELECT id FROM organizations WHERE active_until >= current_date ORDER BY id LIMIT 1),
                             affiliation_confirmed_at = now() WHERE email = 'member@example.org'
            """)
        #expect(member.post("/editions/\(edition)/enroll", []).status == .seeOther)
        let lapsed = try person("lapsed@example.org")
        try db.execute("""
            UPDATE users SET organization_id = (SELECT id FROM organizations WHERE active_until < current_date ORDER BY id LIMIT 1),
                             affiliation_confirmed_at = now() WHERE email = 'lapsed@example.org'
            """)
        #expect(lapsed.post("/editions/\(edition)/enroll", []).status == .conflict)
        #expect(try editions.statuses(edition) == ["member@example.org": "enrolled"])
    }

    @Test func approvalAndPaidEditionsMakeRequests() throws {
        let approval = try editions.make(admission: "approval")
        let paid = try editions.make(admission: "open", fee: 450)
        let ana = try person("ana@example.org")
        #expect(ana.post("/editions/\(approval)/enroll", []).status == .seeOther)
        #expect(ana.post("/editions/\(paid)/enroll", []).status == .seeOther)
        #expect(try editions.statuses(approval)["ana@example.org"] == "pending")
        #expect(try editions.statuses(paid)["ana@example.org"] == "pending")
        #expect(ana.get("/editions/\(paid)").bodyText.contains("espera la decisión del equipo docente"))
    }

    @Test func theWaitlistIsFirstComeFirstServedUnderWithdrawals() throws {
        let edition = try editions.make(capacity: 2)
        var people: [String: TestApp] = [:]
        for name in ["a", "b", "c", "d", "e"] {
            let browser = try person("\(name)@example.org")
            people[name] = browser
            #expect(browser.post("/editions/\(edition)/enroll", []).status == .seeOther)
        }
        #expect(try editions.statuses(edition) == [
            "a@example.org": "enrolled", "b@example.org": "enrolled",
            "c@example.org": "waitlisted 1", "d@example.org": "waitlisted 2", "e@example.org": "waitlisted 3",
        ])
        #expect(people["d"]?.get("/editions/\(edition)").bodyText.contains("En lista de espera: puesto 2.") == true)
        // A seat frees: the first in line takes it, and everyone behind moves up.
        #expect(people["b"]?.post("/editions/\(edition)/withdraw", [("confirm", "yes")]).status == .seeOther)
        #expect(try editions.statuses(edition) == [
            "a@example.org": "enrolled", "b@example.org": "withdrawn", "c@example.org": "enrolled",
            "d@example.org": "waitlisted 1", "e@example.org": "waitlisted 2",
        ])
        #expect(try app.connect().query("SELECT 1 FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = 'c@example.org' AND n.message = 'notice.enrollment.promoted'").count == 1)
        // Leaving the waitlist moves the others up; coming back goes to the end.
        _ = people["d"]?.post("/editions/\(edition)/withdraw", [("confirm", "yes")])
        _ = people["b"]?.post("/editions/\(edition)/enroll", [])
        #expect(try editions.statuses(edition) == [
            "a@example.org": "enrolled", "b@example.org": "waitlisted 2", "c@example.org": "enrolled",
            "d@example.org": "withdrawn", "e@example.org": "waitlisted 1",
        ])
        // Withdrawing twice is harmless.
        #expect(people["d"]?.post("/editions/\(edition)/withdraw", [("confirm", "yes")]).status == .seeOther)
    }

    @Test func aDraftCoursesEditionsAreHiddenFromAllButItsStaff() throws {
        let edition = try editions.make()
        try app.connect().execute("UPDATE courses SET published = false WHERE id = (SELECT course_id FROM editions WHERE id = \(edition))")
        let ana = try person("ana@example.org")
        #expect(app.get("/editions/\(edition)").status == .notFound)
        #expect(ana.get("/editions/\(edition)").status == .notFound)
        #expect(ana.post("/editions/\(edition)/enroll", []).status == .notFound)
        let teacher = try TestApp(sharing: app)
        teacher.cookies["campus_session"] = try app.sessionCookie(for: try app.createUser("draft-teacher@example.org", roles: ["instructor:edition=\(edition)"]))
        #expect(teacher.get("/editions/\(edition)").status == .ok)
        try app.connect().execute("UPDATE courses SET published = true WHERE id = (SELECT course_id FROM editions WHERE id = \(edition))")
    }

    @Test func aFinishedEditionsPlacesNoLongerChange() throws {
        let edition = try editions.make(opensInHours: -24 * 60, closesInHours: -24 * 50, startsInDays: -40, lengthInDays: 39)
        let ana = try person("ana@example.org")
        let db = try app.connect()
        try db.execute("INSERT INTO enrollments (edition_id, user_id, status) SELECT \(edition), id, 'enrolled' FROM users WHERE email = 'ana@example.org'")
        let response = ana.post("/editions/\(edition)/withdraw", [("confirm", "yes")])
        #expect(response.status == .conflict)
        #expect(response.bodyText.contains("ya terminó"))
        #expect(try editions.statuses(edition)["ana@example.org"] == "enrolled")
    }

    @Test func meetingLinksAreForParticipantsAndTheTeachingTeam() throws {
        let edition = try editions.make()
        try app.connect().execute("""
            INSERT INTO edition_sessions (edition_id, kind, title, starts_at, time_zone, link)
            VALUES (\(edition), 'master_class', 'Apertura', now() + interval '30 days', 'UTC', 'https://aula.example.org/secreta')
            """)
        let ana = try person("ana@example.org")
        #expect(!app.get("/editions/\(edition)").bodyText.contains("aula.example.org/secreta"))
        #expect(!ana.get("/editions/\(edition)").bodyText.contains("aula.example.org/secreta"))
        #expect(ana.get("/editions/\(edition)").bodyText.contains("el enlace se comparte con las personas inscritas"))
        _ = ana.post("/editions/\(edition)/enroll", [])
        #expect(ana.get("/editions/\(edition)").bodyText.contains("href=\"https://aula.example.org/secreta\""))
    }

    @Test func feesShowTheirCents() throws {
        let edition = try editions.make(admission: "approval")
        try app.connect().execute("UPDATE editions SET fee = 450.50 WHERE id = \(edition)")
        #expect(app.get("/editions/\(edition)").bodyText.contains("450,50 EUR"))
        #expect(app.get("/editions/\(edition)", headers: ["accept-language": "en"]).bodyText.contains("450.50 EUR"))
    }

    @Test func theCatalogShowsSeatsAndTheWaitlist() throws {
        let page = app.get("/courses")
        #expect(page.bodyText.contains("Inscripción abierta · quedan 58 plazas"))
        // A card's next edition is one that can still be joined: never running or closed.
        #expect(!page.bodyText.contains("state state-running"))
        #expect(!page.bodyText.contains("state state-closed"))
        #expect(page.bodyText.contains("Sin ediciones abiertas ni próximas"))
        // The demo's small edition is full, with its waitlist.
        let course = app.get("/courses/localizacion-ods")
        #expect(course.bodyText.contains("state state-full\">Completa · 5 personas en lista de espera"))
        let upcoming = try editions.make(opensInHours: 24, closesInHours: 48)
        #expect(app.get("/editions/\(upcoming)").bodyText.contains("Inscripción aún no abierta"))
    }

    @Test func meListsEnrollmentsWithTheWaitlistPosition() throws {
        let edition = try editions.make(capacity: 1)
        let first = try person("first@example.org")
        let second = try person("second@example.org")
        _ = first.post("/editions/\(edition)/enroll", [])
        _ = second.post("/editions/\(edition)/enroll", [])
        let page = second.get("/me")
        #expect(page.bodyText.contains("Mis inscripciones"))
        #expect(page.bodyText.contains("En lista de espera: puesto 1."))
        #expect(first.get("/me").bodyText.contains("Inscripción confirmada."))
    }

    @Test func deletingAnAccountFreesItsSeat() throws {
        let edition = try editions.make(capacity: 1)
        let leaving = try app.createUser("leaving@example.org")
        let waiting = try person("waiting@example.org")
        let browser = try TestApp(sharing: app)
        _ = browser.signIn("leaving@example.org")
        _ = browser.post("/editions/\(edition)/enroll", [])
        _ = waiting.post("/editions/\(edition)/enroll", [])
        #expect(browser.post("/me/delete", [("password", "correct horse battery staple")]).status == .seeOther)
        #expect(try editions.statuses(edition)["waiting@example.org"] == "enrolled")
        _ = leaving
    }
}

/// The catalog's search and filters.
@Suite struct CatalogSearchTests {
    let app: TestApp

    init() throws { app = try TestApp() }

    func titles(_ query: String) -> String { app.get("/courses?" + query).bodyText }

    @Test(arguments: [
        ("q=movilidad+sostenible", "Movilidad urbana sostenible"),
        ("q=gobernanza", "gobernanza"),
        ("q=genero", "género"),
        ("q=GÉNERO+cuidados", "género"),
        ("q=ciudades+hexagonales", "Ciudades hexagonales"),
    ])
    func searchForgivesAccentsAndWordForms(_ query: String, _ expected: String) {
        let page = titles(query)
        #expect(page.contains("class=\"card\""), "no results for \(query)")
        #expect(page.lowercased().contains(expected.lowercased()))
    }

    @Test func theBestMatchComesFirst() throws {
        let page = titles("q=movilidad+sostenible")
        let first = try #require(page.range(of: "<h2><a href=\"/courses/[^\"]+\" lang=\"es\">[^<]+", options: .regularExpression))
        #expect(page[first].contains("Movilidad urbana sostenible"))
    }

    @Test func noResultsSaySoAndSuggest() {
        let page = titles("q=astronautas+lunares")
        #expect(page.contains("No encontramos cursos para «astronautas lunares»."))
        #expect(page.contains("Pruebe con menos palabras"))
        #expect(page.contains("href=\"/courses\">Ver todo el catálogo"))
    }

    @Test func filtersNarrowByTopicKindAndLanguage() throws {
        let programmes = titles("kind=programme")
        #expect(programmes.contains("Programa de Especialización en Pensamiento Estratégico Urbano"))
        #expect(!programmes.contains("kind-course\""))
        let french = titles("lang=fr")
        #expect(french.contains("Objetivos de Desarrollo Sostenible") || french.contains("ODS"))
        #expect(!french.contains("Ciudades hexagonales"))
        let db = try app.connect()
        let topic: String = try db.query("SELECT t.slug FROM topics t JOIN course_topics ct ON ct.topic_id = t.id GROUP BY t.slug ORDER BY count(*) LIMIT 1").first?["slug"] ?? ""
        let expected: Int = try db.query("""
            SELECT count(*)::int8 AS n FROM courses c JOIN course_topics ct ON ct.course_id = c.id JOIN topics t ON t.id = ct.topic_id
            WHERE t.slug = \(topic) AND c.kind <> 'capsule'
            """).first?["n"] ?? 0
        #expect(titles("topic=\(topic)").components(separatedBy: "<li class=\"card\">").count - 1 == expected)
    }

    @Test func oddFilterValuesAreIgnoredNotErrors() {
        for query in ["kind=spaceship", "lang=klingon", "topic=%3Cscript%3E", "q=" + String(repeating: "x", count: 500), "q=%22%27%3B--", "after=abc"] {
            let page = app.get("/courses?" + query)
            #expect(page.status == .ok, "\(query)")
        }
        #expect(!app.get("/courses?q=%3Cscript%3Ealert(1)%3C/script%3E").bodyText.contains("<script>alert"))
    }

    @Test func theCatalogIsKeysetPaginated() throws {
        let db = try app.connect()
        try db.execute("""
            INSERT INTO courses (slug, kind, title, summary, language)
            SELECT 'extra-' || g, 'adhoc', 'Zeta formación ' || lpad(g::text, 2, '0'), 'Formación a medida.', 'es' FROM generate_series(1, 30) g
            """)
        let first = app.get("/courses")
        let count = first.bodyText.components(separatedBy: "<li class=\"card\">").count - 1
        #expect(count == 20)
        let next = try #require(first.bodyText.range(of: "/courses\\?after=[0-9]+", options: .regularExpression))
        let second = app.get(String(first.bodyText[next]))
        #expect(second.bodyText.contains("Zeta formación 30"))
        #expect(!second.bodyText.contains("Programa de Especialización"))
    }
}
