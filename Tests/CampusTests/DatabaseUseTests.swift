import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Work before it is needed: requests the route table alone can answer never reach
/// PostgreSQL, and a page costs no more statements than its data needs.
@Suite struct DatabaseUseTests {
    /// A responder whose connections carry a name of their own, so pg_stat_activity
    /// shows whether it ever connected.
    func responder(named name: String, database: TestDatabase) throws -> CampusResponder {
        let settings = ConnectionSettings(keywords: database.settings.keywords + [("application_name", name)])
        let app = try CampusApp(settings: try Settings.fromEnvironment(["CAMPUS_HOME": TestEnvironment.home]), connectionSettings: settings)
        return app.makeResponder()
    }

    func connections(named name: String, _ db: Connection) throws -> Int {
        try db.query("SELECT count(*)::int8 AS n FROM pg_stat_activity WHERE application_name = \(name)").first?["n"] ?? -1
    }

    @Test func unknownPathsWrongMethodsAndRedirectsNeverConnect() throws {
        let database = try TestDatabase(.empty)
        let name = "probe_" + String(UInt32.random(in: 0...UInt32.max))
        let responder = try responder(named: name, database: database)
        let cookie = ["cookie": "campus_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA; lang=fr"]
        let requests: [(Request, Status)] = [
            (Request(method: "GET", uri: "/no-such-page", headers: Headers(cookie)), .notFound),
            (Request(method: "DELETE", uri: "/courses", headers: Headers(cookie)), .methodNotAllowed),
            (Request(method: "GET", uri: "/courses/", headers: Headers(cookie)), .permanentRedirect),
            (Request(method: "GET", uri: "/courses/%FF"), .badRequest),
            (Request(method: "POST", uri: "/login", defect: .bodyTooLarge), .payloadTooLarge),
        ]
        for (request, status) in requests {
            let response = responder.respond(to: request)
            #expect(response.status == status, "\(request.method) \(request.rawPath)")
        }
        let db = try database.connect()
        #expect(try connections(named: name, db) == 0)
        // The not-found page still speaks the reader's language and offers the profile
        // to someone with a session cookie, without looking the session up.
        let page = responder.respond(to: Request(method: "GET", uri: "/nowhere", headers: Headers(cookie)))
        #expect(page.bodyText.contains("<html lang=\"fr\">"))
        #expect(page.bodyText.contains("href=\"/me\""))
        #expect(!page.bodyText.contains("href=\"/login"))
        // A real page connects (and the check above could have seen it).
        #expect(responder.respond(to: Request(method: "GET", uri: "/courses")).status == .ok)
        #expect(try connections(named: name, db) == 1)
    }
}
