import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Notifying many people at once, and emails written in each reader's language when
/// `campus mail` delivers them.
@Suite struct BulkNotificationTests {
    let app: TestApp
    let db: Connection
    let folder: String

    init() throws {
        app = try TestApp()
        db = try app.connect()
        folder = try TestEnvironment.temporaryDirectory("mail")
    }

    func deliver() throws -> MailDelivery.Outcome {
        let settings = try Settings.fromEnvironment(["CAMPUS_HOME": TestEnvironment.home, "CAMPUS_MAIL_DIR": folder, "CAMPUS_BASE_URL": "https://campus.example"])
        return try MailDelivery(settings: settings, catalog: app.app.messages).deliverDue(db)
    }

    /// The delivered file of the newest message to `userID`.
    func email(to userID: Int64) throws -> String {
        let id: Int64 = try #require(try db.query("SELECT max(id) AS id FROM outbox WHERE user_id = \(userID)").first?["id"])
        return try String(contentsOfFile: "\(folder)/\(id).eml", encoding: .utf8)
    }

    /// Header lines, unfolded, and the body.
    func parts(_ message: String) throws -> (headers: [String], body: String) {
        let split = try #require(message.range(of: "\r\n\r\n"))
        return (message[..<split.lowerBound].components(separatedBy: "\r\n"), String(message[split.upperBound...]))
    }

    /// A subject as a reader's mail program shows it (RFC 2047 base64 when not ASCII).
    func subject(_ headers: [String]) throws -> String {
        let line = try #require(headers.first { $0.hasPrefix("Subject: ") }).dropFirst("Subject: ".count)
        guard line.hasPrefix("=?UTF-8?B?"), line.hasSuffix("?=") else { return String(line) }
        let data = try #require(Data(base64Encoded: String(line.dropFirst(10).dropLast(2))))
        return String(decoding: data, as: UTF8.self)
    }

    @Test func fiveHundredPeopleAreToldInOneStatementForEachTable() throws {
        // Counts the INSERT statements each table receives, whatever their rows.
        try db.run("""
            CREATE TABLE inserts_seen (tbl text NOT NULL);
            CREATE FUNCTION note_insert() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN INSERT INTO inserts_seen VALUES (TG_TABLE_NAME); RETURN NULL; END $$;
            CREATE TRIGGER notifications_seen AFTER INSERT ON notifications FOR EACH STATEMENT EXECUTE FUNCTION note_insert();
            CREATE TRIGGER outbox_seen AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION note_insert();
            """)
        // Person g: unverified when g % 10 = 0, deleted when g % 25 = 0, schedule emails off
        // when g % 7 = 0, and enrollment emails off (which changes nothing here) when g % 11 = 0.
        try db.execute("""
            INSERT INTO users (email, name, locale, verified_at, deleted_at)
            SELECT 'bulk-' || g || '@example.org', 'Persona ' || g, (ARRAY['es', 'pt', 'en', 'fr'])[1 + g % 4],
                   CASE WHEN g % 10 <> 0 THEN now() END, CASE WHEN g % 25 = 0 THEN now() END
            FROM generate_series(1, 500) g
            """)
        let number = "substring(u.email from 'bulk-([0-9]+)@')::int"
        try db.execute("""
            INSERT INTO email_preferences (user_id, kind, by_email)
            SELECT u.id, CASE WHEN \(unsafeRaw: number) % 7 = 0 THEN 'schedule' ELSE 'enrollment' END, false
            FROM users u WHERE u.email LIKE 'bulk-%' AND (\(unsafeRaw: number) % 7 = 0 OR \(unsafeRaw: number) % 11 = 0)
            """)
        let audience: SQL = "SELECT id FROM users WHERE email LIKE 'bulk-%'"
        let told = try db.transaction {
            try Notifier.notifyAll(
                db, app: app.app, audience: audience, kind: .schedule, message: "notice.session.cancelled",
                values: ["session": "Clase 3", "course": "Agua", "edition": "I"], link: "/editions/1")
        }
        let people = Array(1...500)
        #expect(told == people.filter { $0 % 25 != 0 }.count)
        let notified: [Int32] = try db.query("""
            SELECT substring(u.email from 'bulk-([0-9]+)@')::int AS g FROM notifications n JOIN users u ON u.id = n.user_id ORDER BY 1
            """).map { try $0["g"] }
        #expect(notified.map(Int.init) == people.filter { $0 % 25 != 0 })
        let mailed: [Int32] = try db.query("""
            SELECT substring(u.email from 'bulk-([0-9]+)@')::int AS g FROM outbox o JOIN users u ON u.id = o.user_id ORDER BY 1
            """).map { try $0["g"] }
        #expect(mailed.map(Int.init) == people.filter { $0 % 25 != 0 && $0 % 10 != 0 && $0 % 7 != 0 })
        let statements: [String] = try db.query("SELECT tbl FROM inserts_seen ORDER BY tbl").map { try $0["tbl"] }
        #expect(statements == ["notifications", "outbox"])

        // One person is the same two statements.
        let one: Int64 = try db.query("SELECT id FROM users WHERE email = 'bulk-1@example.org'").first?["id"] ?? 0
        try Notifier.notify(db, app: app.app, userID: one, kind: .schedule, message: "notice.session.cancelled", values: ["session": "Clase 4", "course": "Agua", "edition": "I"])
        #expect(try db.query("SELECT 1 FROM inserts_seen").count == 4)
    }

    @Test func theEmailIsInTheLanguageTheReaderHasWhenItIsDelivered() throws {
        let userID = try app.createUser("lea@example.org", name: "Léa Martin")
        try Notifier.notify(
            db, app: app.app, userID: userID, kind: .enrollment, message: "notice.enrollment.enrolled",
            values: ["course": "Gestión del agua", "edition": "I edición"], link: "/editions/7")
        // Queued while she read Spanish; she switches to French (and corrects her name) before it goes.
        try db.execute("UPDATE users SET locale = 'fr', name = 'Léa Martin-Roux' WHERE id = \(userID)")
        #expect(try deliver().sent == 1)
        let (headers, body) = try parts(try email(to: userID))
        #expect(headers.contains("To: lea@example.org"))
        #expect(try subject(headers) == "Notification Campus : Vous avez obtenu une place pour Gestión del agua (I edición).")
        #expect(body.hasPrefix("Bonjour Léa Martin-Roux,\r\n\r\nVous avez obtenu une place pour Gestión del agua (I edición).\r\n\r\n\(app.app.settings.baseURL)/editions/7\r\n"))
        #expect(body.contains("Pour choisir les notifications que vous recevez par e-mail : https://campus.example/me/email"))
        #expect(!body.contains("Hola"))
        // What was sent is recorded, for the personal export.
        let sent = try #require(try db.query("SELECT subject, recipient FROM outbox WHERE user_id = \(userID)").first)
        #expect(try sent["subject"] == "Notification Campus : Vous avez obtenu une place pour Gestión del agua (I edición).")
        #expect(try sent["recipient"] == "lea@example.org")
    }

    @Test func anAddressWithoutAnAccountGetsTheLanguageItWasQueuedIn() throws {
        try Outbox.enqueue(db, to: .address("visita@example.org", .pt), template: "reset", values: ["name": "Rita", "link": "https://campus.example/r/1"])
        #expect(try deliver().sent == 1)
        let id: Int64 = try db.query("SELECT id FROM outbox WHERE recipient = 'visita@example.org'").first?["id"] ?? 0
        let body = try parts(try String(contentsOfFile: "\(folder)/\(id).eml", encoding: .utf8)).body
        #expect(body.hasPrefix("Olá, Rita"))
        #expect(body.contains("https://campus.example/r/1"))
    }

    @Test func valuesCannotAddHeadersOrMarkup() throws {
        let userID = try app.createUser("hostil@example.org", name: "Ana")
        // The form refuses such a name; the mail must hold even if one got in.
        try db.execute("UPDATE users SET locale = 'en', name = \("Ana\r\nBcc: name@evil.example") WHERE id = \(userID)")
        let course = "Water\r\nBcc: victim@evil.example\nX-Injected: 1\u{2028}Y: 2\r\n\r\n<script>alert(1)</script>"
        try Notifier.notify(db, app: app.app, userID: userID, kind: .enrollment, message: "notice.enrollment.enrolled", values: ["course": course, "edition": "I"])
        #expect(try deliver().sent == 1)
        let (headers, body) = try parts(try email(to: userID))
        // ASCII subjects travel as they are, so this is the line that must stay one line.
        #expect(headers.filter { $0.hasPrefix("Subject: ") } == [
            "Subject: Campus notification: You have a place in Water  Bcc: victim@evil.example X-Injected: 1 Y: 2    <script>alert(1)</script> (I).",
        ])
        #expect(!headers.contains { $0.hasPrefix("Bcc") || $0.hasPrefix("X-Injected") || $0.hasPrefix("Y:") })
        #expect(headers.contains("Content-Type: text/plain; charset=utf-8"))
        // Plain text: the body shows the value as it was typed, markup and all, and inert.
        #expect(body.contains("<script>alert(1)</script> (I)."))
        #expect(body.hasPrefix("Hello Ana\r\nBcc: name@evil.example,"))
    }

    @Test func mailForAnAccountDeletedBeforeDeliveryIsDropped() throws {
        let gone = try app.createUser("gone@example.org", name: "Gone")
        let staying = try app.createUser("staying@example.org", name: "Staying")
        for userID in [gone, staying] {
            try Notifier.notify(db, app: app.app, userID: userID, kind: .account, message: "notice.role_granted.admin")
        }
        try db.execute("UPDATE users SET deleted_at = now() WHERE id = \(gone)")
        let outcome = try deliver()
        #expect(outcome.sent == 1)
        #expect(outcome.dropped == 1)
        #expect(try db.query("SELECT 1 FROM outbox WHERE user_id = \(gone)").isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 1)
        #expect(try email(to: staying).contains("To: staying@example.org"))
        // A deleted account is not notified at all afterwards.
        #expect(try Notifier.notify(db, app: app.app, userID: gone, kind: .account, message: "notice.role_granted.admin") == 0)
        #expect(try db.query("SELECT 1 FROM outbox WHERE user_id = \(gone)").isEmpty)
    }
}
