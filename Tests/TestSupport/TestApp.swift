import Campus
import Foundation
import Postgres
import Web

/// The application called directly with Request values, without sockets — what a
/// handler answers, as fast as a unit test, against a real database.
public final class TestApp: @unchecked Sendable {
    public let app: CampusApp
    public let responder: CampusResponder
    public let database: TestDatabase?
    /// Cookies the "browser" holds, updated from every Set-Cookie.
    public var cookies: [String: String] = [:]
    public var language = "es"
    /// The client address requests come from, as nginx would pass it.
    public var remoteAddress = "127.0.0.1"

    /// `environment`: settings (`CAMPUS_*`) beyond the defaults.
    public init(_ template: TestDatabase.Template = .demo, environment: [String: String] = [:]) throws {
        let database = try TestDatabase(template)
        self.database = database
        let settings = try Settings.fromEnvironment(environment.merging(["CAMPUS_HOME": TestEnvironment.home]) { $1 })
        app = try CampusApp(settings: settings, connectionSettings: database.settings)
        responder = app.makeResponder()
    }

    /// A second browser on the same application and database.
    public init(sharing other: TestApp) throws {
        database = other.database
        app = other.app
        responder = app.makeResponder()
    }

    /// An app whose database cannot be reached.
    public init(unreachable: Void) throws {
        database = nil
        app = try CampusApp(
            settings: try Settings.fromEnvironment(["CAMPUS_HOME": TestEnvironment.home]),
            connectionSettings: ConnectionSettings(keywords: [("host", "/nonexistent"), ("dbname", "campus"), ("connect_timeout", "1")]))
        responder = app.makeResponder()
    }

    public func connect() throws -> Connection {
        guard let database else { throw TestSetupError("no database") }
        return try database.connect()
    }

    public func get(_ uri: String, headers: [String: String] = [:]) -> Response {
        send("GET", uri, headers: headers)
    }

    /// Posts a form; `csrf: nil` leaves the token out.
    public func post(_ uri: String, _ fields: [(String, String)], csrf: String? = "", headers: [String: String] = [:]) -> Response {
        var all = fields
        if let csrf { all.append(("_csrf", csrf.isEmpty ? (token() ?? "") : csrf)) }
        let body = all.map { "\(HTTPClient.encode($0.0))=\(HTTPClient.encode($0.1))" }.joined(separator: "&")
        var merged = headers
        merged["content-type"] = merged["content-type"] ?? "application/x-www-form-urlencoded"
        return send("POST", uri, headers: merged, body: Array(body.utf8))
    }

    /// A CSRF token as a page would carry it for the current cookies.
    public func token() -> String? {
        let page = get("/")
        return HTTPResponse(status: page.status.rawValue, headers: page.headers, body: page.body).csrfToken
    }

    public func send(_ method: String, _ uri: String, headers: [String: String] = [:], body: [UInt8] = [], defect: Request.Defect? = nil) -> Response {
        var all = Headers(headers)
        all["host"] = all["host"] ?? "campus.test"
        all["accept-language"] = all["accept-language"] ?? language
        if all["cookie"] == nil, !cookies.isEmpty {
            all["cookie"] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        let request = Request(method: method, uri: uri, headers: all, remoteAddress: remoteAddress, requestID: "test-request", body: body, defect: defect)
        let response = responder.respond(to: request)
        for value in response.headers(named: "Set-Cookie") {
            guard let pair = value.split(separator: ";").first, let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            if value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = String(pair[pair.index(after: equals)...]) }
        }
        return response
    }
}
