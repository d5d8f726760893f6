import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// An admin cancelling a session still to be held tells everyone taking part in the
/// edition, or waiting to, in one go; the audit log says how many were told.
@Suite struct SessionCancellationTests {
    let app: TestApp
    let db: Connection
    let edition: Int64

    init() throws {
        app = try TestApp()
        try app.createUser("boss@example.org", name: "Boss", roles: ["admin"])
        _ = app.signIn("boss@example.org")
        db = try app.connect()
        let course: Int64 = try db.query("""
            INSERT INTO courses (slug, kind, title, summary, language, published)
            VALUES ('agua-urbana', 'course', 'Agua urbana', 'x', 'es', true) RETURNING id
            """).first?["id"] ?? 0
        edition = try db.query("""
            INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at, enrollment_closes_at, capacity)
            VALUES (\(course), 'I edición', 'es', current_date + 10, current_date + 40, now() - interval '1 day', now() + interval '5 days', 1)
            RETURNING id
            """).first?["id"] ?? 0
    }

    /// A person with `status` in `editionID`.
    func person(_ email: String, _ status: String, in editionID: Int64? = nil) throws -> Int64 {
        let id = try app.createUser(email, name: email)
        try db.execute("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(editionID ?? edition), \(id), \(status))")
        return id
    }

    func session(_ title: String, startsIn interval: String) throws -> Int64 {
        try db.query("""
            INSERT INTO edition_sessions (edition_id, kind, title, starts_at, time_zone, link)
            VALUES (\(edition), 'master_class', \(title), now() + \(interval)::interval, 'UTC', 'https://meet.example/x') RETURNING id
            """).first?["id"] ?? 0
    }

    func told(_ userID: Int64) throws -> [String] {
        try db.query("SELECT params->>'session' AS s FROM notifications WHERE user_id = \(userID) AND message = 'notice.session.cancelled'").map { try $0["s"] }
    }

    @Test func cancellingAnUpcomingSessionTellsEveryoneTakingPart() throws {
        let enrolled = try person("ines@example.org", "enrolled")
        let waiting = try person("walter@example.org", "waitlisted")
        let asking = try person("paula@example.org", "pending")
        let gone = try person("wanda@example.org", "withdrawn")
        let otherEdition: Int64 = try db.query("""
            INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at, enrollment_closes_at, capacity)
            SELECT course_id, 'II edición', 'es', starts_on, ends_on, enrollment_opens_at, enrollment_closes_at, 5 FROM editions WHERE id = \(edition)
            RETURNING id
            """).first?["id"] ?? 0
        let elsewhere = try person("otra@example.org", "enrolled", in: otherEdition)
        try db.execute("INSERT INTO email_preferences (user_id, kind, by_email) VALUES (\(waiting), 'schedule', false)")
        let id = try session("Clase <3> del agua", startsIn: "3 days")
        let ask = "/admin/editions/\(edition)/sessions/\(id)/delete"
        #expect(app.get(ask).bodyText.contains("recibirán un aviso en Campus y por correo"))

        #expect(app.post(ask, [("confirm", "yes")]).status == .seeOther)
        for userID in [enrolled, waiting, asking] { #expect(try told(userID) == ["Clase <3> del agua"]) }
        for userID in [gone, elsewhere] { #expect(try told(userID).isEmpty) }
        // By email too, in their language, unless they turned this kind off.
        let mail = try #require(try app.outbox(to: "ines@example.org").first)
        #expect(mail.subject == "Campus: Se canceló la sesión «Clase <3> del agua» de Agua urbana (I edición).")
        #expect(mail.body.contains("/editions/\(edition)"))
        #expect(try app.outbox(to: "paula@example.org").count == 1)
        #expect(try app.outbox(to: "walter@example.org").isEmpty)
        // The staff action is audited with how many were told, and reads as words.
        let notified: String? = try db.query("""
            SELECT details->>'notified' AS n FROM audit_log WHERE action = 'session.delete' AND subject_id = \(edition)
            """).first?["n"]
        #expect(notified == "3")
        let audit = app.get("/admin/audit").bodyText
        #expect(audit.contains("Sesión «Clase &lt;3&gt; del agua». Se avisó a 3 personas."))
    }

    @Test func deletingASessionAlreadyHeldTellsNobody() throws {
        let enrolled = try person("ines@example.org", "enrolled")
        let id = try session("Clase pasada", startsIn: "-3 days")
        let ask = "/admin/editions/\(edition)/sessions/\(id)/delete"
        #expect(!app.get(ask).bodyText.contains("recibirán un aviso"))
        #expect(app.post(ask, [("confirm", "yes")]).status == .seeOther)
        #expect(try told(enrolled).isEmpty)
        let details: Bool? = try db.query("SELECT details ? 'notified' AS n FROM audit_log WHERE action = 'session.delete' AND subject_id = \(edition)").first?["n"]
        #expect(details == false)
    }
}
