import Foundation
import Postgres
import Testing
import TestSupport

/// An instructor on a phone, with scripts turned off: from the teaching home to a request,
/// declining it only after the page that asks, on a roster that fits the screen.
@Suite(.serialized, .browserEvidence) final class ConfirmationBrowserTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database)
    }

    deinit { stack.stop() }

    @Test func anInstructorDeclinesARequestOnlyOnceAsked() throws {
        let db = try database.connect()
        let edition: Int64 = try db.query("""
            INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at, enrollment_closes_at, capacity, admission)
            SELECT id, 'Cohorte por aprobación', 'es', current_date + 30, current_date + 80, now() - interval '1 day', now() + interval '20 days', 25, 'approval'
            FROM courses WHERE title ILIKE 'Movilidad urbana sostenible%'
            RETURNING id
            """).first?["id"] ?? 0
        try db.execute("""
            INSERT INTO role_grants (user_id, role, scope_kind, scope_id)
            SELECT id, 'instructor', 'edition', \(edition) FROM users WHERE email = 'instructora@campus.example'
            """)
        try db.execute("""
            INSERT INTO enrollments (edition_id, user_id, status)
            SELECT \(edition), id, 'pending' FROM users WHERE email = 'alcaldesa@campus.example'
            """)
        func status() throws -> String? {
            try db.query("""
                SELECT x.status FROM enrollments x JOIN users u ON u.id = x.user_id
                WHERE u.email = 'alcaldesa@campus.example' AND x.edition_id = \(edition)
                """).first?["status"]
        }

        let browser = try Browser(baseURL: stack.baseURL, javaScript: false)
        try browser.open("/login")
        try browser.fill("#email", "instructora@campus.example")
        try browser.fill("#password", "campus-demo-2026")
        try browser.submit("form.form")
        try browser.follow("nav.site-nav a[href='/teaching']")
        try browser.follow("a[href='/editions/\(edition)/roster#pending']")

        // The roster fits the phone: the decision is within reach without scrolling sideways.
        let width = Double(Browser.windowSize.width)
        let approve = try browser.rect("#pending button[value=approve]")
        #expect(approve.x >= 0 && approve.x + approve.width <= width, "approve button at \(approve)")
        let table = try browser.rect("#pending table")
        #expect(table.width <= width, "table is \(table.width) px wide")

        try browser.fill("#pending input[name=note]", "Esta cohorte es para equipos técnicos.")
        try browser.follow("#pending button[value=reject]")
        #expect(try browser.text("h1").hasPrefix("¿No aceptar la solicitud de"))
        #expect(try browser.pageSource().contains(">Esta cohorte es para equipos técnicos.</textarea>"))
        #expect(try status() == "pending")
        try browser.follow("form button.danger")
        #expect(try browser.path.hasPrefix("/editions/\(edition)/roster"))
        #expect(try browser.text(".flash") == "Decisión guardada; la persona recibirá un aviso.")
        #expect(try status() == "rejected")
        let note: String? = try db.query("SELECT decision_note FROM enrollments WHERE edition_id = \(edition) AND status = 'rejected'").first?["decision_note"]
        #expect(note == "Esta cohorte es para equipos técnicos.")
    }
}
