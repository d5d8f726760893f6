import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The statements the main pages really send — recorded by the connection as they run, with
/// their bound values — EXPLAINed on a catalog large enough for a sequential scan to cost:
/// no page reads a big table whole, neither in the plan PostgreSQL makes for those values
/// nor in the generic plan a prepared statement may settle on after a few runs. Browsing
/// without words does no full-text work at all.
@Suite struct QueryPlanTests {
    static let bigTables = ["enrollments", "editions", "users", "sessions", "notifications"]

    let database: TestDatabase
    let db: Connection
    let pages: RecordingResponder

    init() throws {
        database = try LargeDatabase.shared.get()
        db = try database.connect()
        pages = try RecordingResponder(database)
    }

    @Test func browsingSignedOutReadsThroughIndexes() throws {
        let topic: String = try #require(try db.query("SELECT slug FROM topics ORDER BY id LIMIT 1").first?["slug"])
        let after: Int64 = try #require(try db.query("SELECT id FROM courses WHERE slug = 'generado-1000'").first?["id"])
        let browse = [
            "/courses", "/courses?kind=course", "/courses?topic=\(topic)", "/courses?lang=fr",
            "/courses?kind=adhoc&lang=en&topic=\(topic)", "/courses?after=\(after)", "/courses?kind=course&after=\(after)",
        ]
        for uri in browse {
            // A filter's value (a kind, a language) can be rare or common: planning for it is
            // worth its cost there, but not on the unfiltered pages everyone opens.
            let statements = try check(uri, settles: uri == "/courses" || uri == "/courses?after=\(after)")
            #expect(!statements.contains { $0.text.contains("to_tsquery") }, "\(uri) does full-text work without words")
        }
        for uri in ["/", "/courses/generado-1001", "/editions/\(try editionID())"] { try check(uri) }
    }

    @Test func searchingReadsThroughIndexes() throws {
        let after: Int64 = try #require(try db.query("SELECT id FROM courses WHERE slug = 'generado-1002'").first?["id"])
        for uri in [
            "/courses?q=movilidad", "/courses?q=movilidad&kind=course&lang=es", "/courses?q=gobernanza",
            "/courses?q=movilidad&after=\(after)", "/courses?q=movilidat",
        ] {
            let statements = try check(uri, settles: uri == "/courses?q=movilidad")
            #expect(statements.contains { $0.text.contains("to_tsquery") }, "\(uri) did not search")
        }
    }

    @Test func signedInPagesReadThroughIndexes() throws {
        let waiting = try #require(try db.query("""
            SELECT x.user_id, x.edition_id FROM enrollments x JOIN users u ON u.id = x.user_id
            JOIN editions e ON e.id = x.edition_id JOIN courses c ON c.id = e.course_id
            WHERE u.email LIKE 'generada%' AND x.status = 'waitlisted' AND c.published ORDER BY x.id LIMIT 1
            """).first)
        let learner: Int64 = try waiting["user_id"]
        let edition: Int64 = try waiting["edition_id"]
        let cookie = try sessionCookie(learner)
        for uri in ["/", "/me", "/courses", "/editions/\(edition)", "/editions/\(try editionID())"] { try check(uri, cookie: cookie, settles: false) }
        let admin: Int64 = try #require(try db.query("SELECT id FROM users WHERE email = 'admin@campus.example'").first?["id"])
        let after: Int64 = try #require(try db.query("SELECT id FROM users WHERE email = 'generada500@example.org'").first?["id"])
        let staff = try sessionCookie(admin)
        for uri in ["/admin/users", "/admin/users?after=\(after)", "/admin/users?q=generada123", "/admin/users?q=carmen&after=\(after)"] {
            try check(uri, cookie: staff, settles: false)
        }
    }

    // MARK: - Plans

    /// An open edition of the generated catalog, with people in it.
    func editionID() throws -> Int64 {
        try #require(try db.query("""
            SELECT e.id FROM editions e JOIN courses c ON c.id = e.course_id
            WHERE c.slug LIKE 'generado-%' AND c.published AND e.seats_taken > 0 AND now() BETWEEN e.enrollment_opens_at AND e.enrollment_closes_at
            ORDER BY e.id LIMIT 1
            """).first?["id"])
    }

    func sessionCookie(_ userID: Int64) throws -> String {
        let token = Crypto.randomToken()
        let hash = ByteArray(Crypto.sha256(Crypto.fromBase64URL(token) ?? []))
        try db.execute("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (\(hash), \(userID), now() + interval '1 day')")
        return token
    }

    /// Requests `uri`, then EXPLAINs every statement it sent; returns them.
    @discardableResult
    /// With `settles`, also that PostgreSQL would choose each statement's generic plan by
    /// itself (the session look-up of signed-in pages is priced above its custom plans on
    /// the generated catalog, so signed-in pages are not held to it).
    func check(_ uri: String, cookie: String? = nil, settles: Bool = true) throws -> [SQL] {
        let (status, statements) = try pages.visit(uri, cookie: cookie)
        #expect(status == .ok, "\(uri) answered \(status)")
        #expect(!statements.isEmpty)
        for sql in statements {
            for (kind, plan) in [("custom", try customPlan(sql)), ("generic", try genericPlan(sql))] {
                for table in QueryPlanTests.bigTables where plan.contains("Seq Scan on \(table) ") {
                    Issue.record("\(uri): the \(kind) plan reads \(table) whole\n\(sql.text)\n\(plan)")
                }
            }
            if settles {
                #expect(try settlesOnGenericPlan(sql), "\(uri): PostgreSQL plans this statement anew at every run\n\(sql.text)")
            }
        }
        return statements
    }

    /// The plan for exactly these values, as run (in a transaction rolled back, so a
    /// statement that writes leaves nothing behind).
    func customPlan(_ sql: SQL) throws -> String {
        try db.run("BEGIN; SET LOCAL plan_cache_mode = force_custom_plan")
        defer { try? db.run("ROLLBACK") }
        return try db.query("EXPLAIN (ANALYZE, BUFFERS) \(sql)").map { try $0["QUERY PLAN"] as String }.joined(separator: "\n")
    }

    /// The plan a prepared statement uses once PostgreSQL stops planning for each value.
    func genericPlan(_ sql: SQL) throws -> String {
        try prepared(sql, mode: "force_generic_plan") { execute in
            try db.query(SQL(stringLiteral: "EXPLAIN " + execute)).map { try $0["QUERY PLAN"] as String }.joined(separator: "\n")
        }
    }

    /// Whether PostgreSQL, left to choose, would itself settle on the generic plan after a
    /// few runs (as it does when that plan costs no more than a custom one). The
    /// application's connections always use the generic plan; one priced well above the
    /// custom plans on the pages everyone opens is a plan to look at.
    func settlesOnGenericPlan(_ sql: SQL) throws -> Bool {
        try prepared(sql, mode: "auto") { execute in
            try db.run("BEGIN")
            defer { try? db.run("ROLLBACK") }
            for _ in 0..<8 { try db.run(execute) }
            let generic: Int64 = try #require(try db.query("SELECT generic_plans FROM pg_prepared_statements WHERE name = 'probe'").first?["generic_plans"])
            return generic > 0
        }
    }

    /// `body` with the statement prepared as `probe` under a plan cache mode, given the
    /// `EXECUTE` that runs it with its own values.
    func prepared<T>(_ sql: SQL, mode: String, _ body: (String) throws -> T) throws -> T {
        var types: [String] = []
        for bind in sql.binds {
            types.append(try #require(try db.query("SELECT format_type(\(Int64(bind.type))::oid, NULL) AS name").first?["name"]))
        }
        let parameters = types.isEmpty ? "" : "(" + types.joined(separator: ", ") + ")"
        // The statement text is the application's own, the mode one of two literals.
        try db.run("SET plan_cache_mode = \(mode); PREPARE probe\(parameters) AS \(sql.text)")
        defer { try? db.run("DEALLOCATE probe; RESET plan_cache_mode") }
        // EXECUTE takes no bound parameters: its arguments are the statement's own values
        // as literals that PostgreSQL itself quotes.
        var literals: [String] = []
        for bind in sql.binds {
            literals.append(try #require(try db.query("SELECT quote_nullable(\(bind.text)) AS literal").first?["literal"]))
        }
        return try body("EXECUTE probe" + (literals.isEmpty ? "" : "(" + literals.joined(separator: ", ") + ")"))
    }
}

/// The large catalog, made once for every test that needs it.
enum LargeDatabase {
    static let shared = Result { () throws -> TestDatabase in
        let database = try TestDatabase(.demo)
        try LargeCatalog.fill(try database.connect())
        return database
    }
}

/// The statements a connection sent, as its observer saw them.
final class StatementLog: @unchecked Sendable {
    private let lock = NSLock()
    private var statements: [SQL] = []

    func record(_ sql: SQL) {
        lock.lock()
        defer { lock.unlock() }
        statements.append(sql)
    }

    /// What was recorded since the last call.
    func take() -> [SQL] {
        lock.lock()
        defer { lock.unlock() }
        let taken = statements
        statements = []
        return taken
    }
}

/// The application on a connection of its own, telling which statements each request sent.
struct RecordingResponder {
    let log = StatementLog()
    let responder: CampusResponder

    init(_ database: TestDatabase) throws {
        var settings = database.settings
        settings.observer = { [log] sql in log.record(sql) }
        let app = try CampusApp(settings: try Settings.fromEnvironment(["CAMPUS_HOME": TestEnvironment.home]), connectionSettings: settings)
        responder = app.makeResponder()
    }

    /// The page's status and the statements it sent.
    func visit(_ uri: String, cookie: String?) throws -> (Status, [SQL]) {
        _ = log.take()
        var headers = ["host": "campus.test", "accept-language": "es"]
        if let cookie { headers["cookie"] = "campus_session=\(cookie)" }
        let response = responder.respond(to: Request(method: "GET", uri: uri, headers: Headers(headers)))
        return (response.status, log.take())
    }
}
