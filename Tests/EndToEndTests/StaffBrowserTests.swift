import Foundation
import Postgres
import Testing
import TestSupport

/// Staff work in a real browser through nginx: an admin makes someone an instructor,
/// and the instructor decides a request on the roster.
@Suite(.serialized, .browserEvidence) final class StaffBrowserTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database)
    }

    deinit { stack.stop() }

    @Test func anAdminGrantsARoleAndTheInstructorDecidesARequest() throws {
        // The XIX edition takes requests (it is paid): the demo has some pending.
        let db = try database.connect()
        let edition: Int64 = try db.query("SELECT id FROM editions WHERE name = 'XIX edición'").first?["id"] ?? 0
        let pending: Int = try db.query("SELECT count(*)::int8 AS n FROM enrollments WHERE edition_id = \(edition) AND status = 'pending'").first?["n"] ?? 0
        #expect(pending > 0)

        let admin = try Browser(name: "admin", baseURL: stack.baseURL)
        try admin.signIn("admin@campus.example")
        try admin.follow("nav.site-nav a[href='/admin']")
        try admin.follow("a[href='/admin/users']")
        try admin.fill("#q", "moderador")
        try admin.submit("form.filters")
        try admin.follow("table.data a[href^='/admin/users/']")
        #expect(try admin.text("h1") == "Tomás Ribeiro")
        try admin.select("#role", value: "instructor")
        try admin.select("#scope", value: "edition")
        try admin.fill("#scope_id", String(edition))
        try admin.submit("form.form[action$='/roles']")
        #expect(try admin.text(".flash") == "Rol concedido.")
        #expect(try admin.pageSource().contains("Docente (Edición n.º \(edition))"))
        try admin.open("/admin/audit?action=role.grant")
        #expect(try admin.text("table.data tbody td[data-label='Acción']") == "Concedió un rol")

        // The new instructor reads in Portuguese (his profile says so) and decides.
        let instructor = try Browser(name: "instructor", baseURL: stack.baseURL, language: "pt")
        try instructor.signIn("moderador@campus.example")
        try instructor.open("/editions/\(edition)/roster")
        #expect(try instructor.exists("#pending table"))
        let requests = try instructor.count("#pending tbody tr")
        try instructor.fill("#pending tbody tr:first-child input[name=note]", "Bem-vinda ao programa.")
        try instructor.follow("#pending tbody tr:first-child button[value=approve]")
        #expect(try instructor.exists(".flash"))
        #expect(try instructor.count("#pending tbody tr") == requests - 1)
        let decided: Int = try db.query("""
            SELECT count(*)::int8 AS n FROM enrollments WHERE edition_id = \(edition) AND status = 'enrolled' AND decision_note = 'Bem-vinda ao programa.'
            """).first?["n"] ?? 0
        #expect(decided == 1)
    }
}
