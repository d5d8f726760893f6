import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// `campus mail`: the outbox delivered as files or through a sendmail command, retried on failure.
@Suite struct MailTests {
    let app: TestApp
    let folder: String

    init() throws {
        app = try TestApp()
        folder = try TestEnvironment.temporaryDirectory("mail")
    }

    func settings(_ extra: [String: String]) throws -> Settings {
        try Settings.fromEnvironment(["CAMPUS_HOME": TestEnvironment.home, "CAMPUS_MAIL_DIR": folder].merging(extra) { $1 })
    }

    func deliver(_ db: Connection, _ settings: Settings) throws -> MailDelivery.Outcome {
        try MailDelivery(settings: settings).deliverDue(db)
    }

    func queue(_ recipient: String = "ana@example.org") throws {
        try Outbox.enqueue(try app.connect(), to: .address(recipient, .es), template: "reset", values: ["name": "Ana Núñez", "link": "https://campus.example/x"])
    }

    @Test func messagesBecomeFilesByDefault() throws {
        try queue()
        let db = try app.connect()
        let result = try deliver(db, try settings([:]))
        #expect(result.sent >= 1)
        #expect(result.failed == 0)
        let id: Int64 = try db.query("SELECT id FROM outbox WHERE recipient = 'ana@example.org'").first?["id"] ?? 0
        let message = try String(contentsOfFile: "\(folder)/\(id).eml", encoding: .utf8)
        #expect(message.contains("To: ana@example.org\r\n"))
        // A subject with accents travels encoded (RFC 2047); the body is UTF-8.
        #expect(message.contains("Subject: =?UTF-8?B?"))
        #expect(message.contains("Hola, Ana Núñez:"))
        #expect(message.contains("https://campus.example/x"))
        let sent: Bool = try db.query("SELECT sent_at IS NOT NULL AS sent FROM outbox WHERE id = \(id)").first?["sent"] ?? false
        #expect(sent)
        // Nothing is sent twice.
        #expect(try deliver(db, try settings([:])).sent == 0)
    }

    @Test func mailQueuedBeforeTemplatesIsDeliveredAfterTheUpgrade() throws {
        // A database as it was before messages were queued as templates, with mail waiting.
        let database = try TestDatabase.blank()
        let db = try database.connect()
        let migrator = Migrator(home: TestEnvironment.home)
        let migrations = try migrator.migrations()
        for migration in migrations where migration.version < 9 {
            try db.run(try String(contentsOfFile: migration.path, encoding: .utf8))
            try db.execute("INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))")
        }
        try db.execute("INSERT INTO outbox (recipient, subject, body) VALUES ('antes@example.org', 'Confirme su correo', 'Hola:\n\nhttps://campus.example/verify/abc')")
        try migrator.migrate(db)
        #expect(try db.query("SELECT 1 FROM schema_migrations WHERE version = 9").count == 1)
        #expect(try deliver(db, try settings([:])).sent == 1)
        let id: Int64 = try db.query("SELECT id FROM outbox WHERE recipient = 'antes@example.org'").first?["id"] ?? 0
        let message = try String(contentsOfFile: "\(folder)/\(id).eml", encoding: .utf8)
        #expect(message.contains("Subject: Confirme su correo\r\n"))
        #expect(message.hasSuffix("\r\n\r\nHola:\r\n\r\nhttps://campus.example/verify/abc\r\n"))
    }

    @Test func aCommandThatDoesNotReadItsInputCostsNothing() throws {
        // 80 KB of UTF-8, more than a pipe holds: writing it surely meets a closed pipe (SIGPIPE).
        let db = try app.connect()
        try db.execute("INSERT INTO outbox (recipient, subject, body) VALUES ('big@example.org', 'Big', \(String(repeating: "ñ", count: 40_000)))")
        try db.execute("INSERT INTO outbox (recipient, subject, body) VALUES ('big@example.org', 'Big 2', \(String(repeating: "ü", count: 40_000)))")
        let refusing = try settings(["CAMPUS_SENDMAIL": "exit 75"])
        #expect(try deliver(db, refusing).failed == 2)
    }

    @Test func aFailingCommandIsRetriedLater() throws {
        try queue()
        let db = try app.connect()
        let failing = try settings(["CAMPUS_SENDMAIL": "echo 'relay refused' >&2; exit 75"])
        #expect(try deliver(db, failing).failed >= 1)
        let row = try #require(try db.query("""
            SELECT attempts, last_error, sent_at IS NULL AS pending, next_attempt_at > now() AS later
            FROM outbox WHERE recipient = 'ana@example.org'
            """).first)
        #expect(try row["attempts"] == Int32(1))
        #expect((try row["last_error"] as String?)?.contains("relay refused") == true)
        #expect(try row["pending"] == true)
        #expect(try row["later"] == true)
        // Not due yet: not tried again now. Once due, a working command delivers it.
        #expect(try deliver(db, failing).failed == 0)
        try db.execute("UPDATE outbox SET next_attempt_at = now() WHERE recipient = 'ana@example.org'")
        let copy = folder + "/piped.eml"
        let working = try settings(["CAMPUS_SENDMAIL": "cat > '\(copy)'"])
        #expect(try deliver(db, working).sent >= 1)
        #expect(try String(contentsOfFile: copy, encoding: .utf8).contains("To: ana@example.org"))
    }
}

/// The command line, run as operators run it.
@Suite struct CommandLineTests {
    func campus(_ arguments: [String], input: String? = nil, database: String) throws -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["PGDATABASE"] = database
        let binary = try TestEnvironment.value("CAMPUS_TEST_BIN")
        if let input {
            let file = try TestEnvironment.temporaryDirectory("stdin") + "/password"
            try input.write(toFile: file, atomically: true, encoding: .utf8)
            return try Subprocess.run("/bin/sh", ["-c", "\"$0\" \"$@\" < '\(file)'", binary] + arguments, environment: environment)
        }
        return try Subprocess.run(binary, arguments, environment: environment)
    }

    @Test func userAddCreatesAVerifiedUserWithRoles() throws {
        let database = try TestDatabase(.demo)
        let db = try database.connect()
        let edition: Int64 = try db.query("SELECT id FROM editions ORDER BY id LIMIT 1").first?["id"] ?? 0
        let result = try campus(["user", "add", "--email", "Nuevo@Example.org", "--name", "Nuevo Admin", "--password-stdin", "--role", "admin", "--role", "instructor:edition=\(edition)"],
                                input: "una contraseña de prueba larga\n", database: database.name)
        #expect(result.status == 0, "\(result.output)")
        let row = try #require(try db.query("""
            SELECT u.verified_at IS NOT NULL AS verified, ARRAY(SELECT role || ':' || scope_kind FROM role_grants g WHERE g.user_id = u.id ORDER BY role) AS roles
            FROM users u WHERE lower(email) = 'nuevo@example.org'
            """).first)
        #expect(try row["verified"] == true)
        #expect(try row["roles"] == ["admin:global", "instructor:edition"])
        #expect(try db.query("SELECT 1 FROM audit_log WHERE action = 'role.grant' AND actor_id IS NULL").count == 2)
        // The password was read whole from standard input, without its line ending.
        let hash: String = try db.query("SELECT password_hash FROM users WHERE lower(email) = 'nuevo@example.org'").first?["password_hash"] ?? ""
        #expect(Passwords.verify("una contraseña de prueba larga", hash: hash))
    }

    @Test func userAddFailuresAreOneClearLine() throws {
        let database = try TestDatabase(.demo)
        let badRole = try campus(["user", "add", "--email", "a@example.org", "--name", "A", "--password-stdin", "--role", "instructor:forum=1"], input: "una contraseña de prueba larga\n", database: database.name)
        #expect(badRole.status == 1)
        #expect(badRole.output.hasPrefix("campus: --role instructor:forum=1"))
        #expect(badRole.output.split(separator: "\n").count == 1)
        let missingEdition = try campus(["user", "add", "--email", "a@example.org", "--name", "A", "--password-stdin", "--role", "instructor:edition=999999"], input: "una contraseña de prueba larga\n", database: database.name)
        #expect(missingEdition.output.contains("no edition with id 999999"))
        let weak = try campus(["user", "add", "--email", "a@example.org", "--name", "A", "--password-stdin"], input: "password\n", database: database.name)
        #expect(weak.status == 1)
        #expect(weak.output.contains("at least 12 characters"))
        let duplicate = try campus(["user", "add", "--email", "ADMIN@campus.example", "--name", "A", "--password-stdin"], input: "una contraseña de prueba larga\n", database: database.name)
        #expect(duplicate.output.contains("already exists"))
        let noPassword = try campus(["user", "add", "--email", "b@example.org", "--name", "B"], database: database.name)
        #expect(noPassword.status != 0)
        #expect(try database.connect().query("SELECT 1 FROM users WHERE email IN ('a@example.org', 'b@example.org')").isEmpty)
    }

    @Test func seedRefusesADatabaseWithUsers() throws {
        let database = try TestDatabase(.demo)
        let result = try campus(["seed", "--demo"], database: database.name)
        #expect(result.status == 3)
        #expect(result.output.contains("already has users"))
        let listed = try campus(["seed", "--demo", "--print-accounts"], database: database.name)
        #expect(listed.output.contains("admin@campus.example"))
    }
}
