import Dispatch
import Foundation
import Postgres
import Web

/// One worker's responder: owns the worker's database connection and runs every
/// request through the same steps — decode, route, check CSRF, handle — with the one
/// boundary where errors become status pages.
public final class CampusResponder: Responder {
    let app: CampusApp
    private var connection: Connection?
    private var csrf: CSRF?
    private var checkedThisRequest = false
    /// Why the database could not be reached during this request, so it is tried once.
    private var failureThisRequest: Error?
    /// The last `Accept-Language` and the language it chose: a browser sends the same
    /// header with every request, so most requests need not parse it again.
    private var lastNegotiated: (acceptLanguage: String, language: Language)?

    init(app: CampusApp) {
        self.app = app
        if let secret = app.settings.secret { csrf = CSRF(secret: secret) }
    }

    /// The connection, reconnected if the server restarted; checked once per request.
    func database() throws -> Connection {
        if let failureThisRequest { throw failureThisRequest }
        if checkedThisRequest, let connection { return connection }
        do {
            if let connection {
                try connection.ensureAlive()
            } else {
                connection = try Connection(app.connectionSettings)
            }
        } catch {
            failureThisRequest = error
            throw error
        }
        checkedThisRequest = true
        guard let connection else { throw PostgresError(kind: .connection, message: "not connected") }
        if csrf == nil { csrf = CSRF(secret: try Secrets.fetchSigningSecret(connection)) }
        return connection
    }

    public func respond(to request: Request) -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        checkedThisRequest = false
        failureThisRequest = nil
        let requestID = request.requestID.isEmpty ? Crypto.hex(Crypto.randomBytes(8)) : request.requestID
        let cookies = request.cookies
        let language = negotiate(cookie: cookies["lang"], acceptLanguage: request.headers["accept-language"])
        var issued: [SetCookie] = []
        let sessionCookie = Sessions.cookieName(https: request.isHTTPS)
        let t = app.localizer(language)
        let query = request.rawQuery.isEmpty ? "" : "?" + request.rawQuery
        var chrome = Chrome(
            t: t, csrfToken: nil, currentPath: Paths.localPath(request.rawPath + query), assetVersion: app.assetVersion,
            user: nil, flash: nil, previousPath: CampusResponder.previousPath(request)
        )

        var response: Response
        // What the log says of the path: a route that carries a secret (an emailed link's
        // token) is logged by its pattern, never with the token.
        var loggedPath = request.rawPath
        do {
            // Routing first: a malformed request, an unknown path, a wrong method or the
            // canonical redirect is answered without the database or the session.
            let (route, parameters) = try self.route(request)
            if route.pattern.parameterNames.contains("token") { loggedPath = route.pattern.description }

            // The session, if any: one query that also brings the unread count and roles.
            // When the database cannot say, the request fails as unavailable (503) and the
            // cookie stays: a restart must not sign anyone out.
            var user: CurrentUser?
            var sessionToken: String?
            if let token = cookies[sessionCookie] {
                user = try Sessions.load(try database(), token: token, settings: app.settings)
                if user == nil { issued.append(.expired(sessionCookie, secure: request.isHTTPS)) } else { sessionToken = token }
            } else if csrf == nil {
                // The signing secret lives in the database: fetched once per connection.
                _ = try? database()
            }

            // Forms are bound to the session, or before sign-in to an anonymous random
            // cookie (the signed double-submit pattern).
            let binding = self.binding(cookies: cookies, https: request.isHTTPS, sessionToken: sessionToken, issued: &issued)
            chrome.csrfToken = csrf?.token(binding: binding)
            chrome.user = user
            if let key = cookies[Flash.cookieName] {
                issued.append(.expired(Flash.cookieName, secure: request.isHTTPS))
                if Flash.isValid(key), t.has(key) { chrome.flash = t(key) }
            }
            let form = try checkedForm(request, binding: binding)
            let context = Context(
                request: request, parameters: parameters, form: form, app: app, chrome: chrome,
                user: user, sessionToken: sessionToken, database: database)
            response = try route.handler(context)
            issued += context.cookies
        } catch {
            if chrome.user == nil { chrome.hasSessionCookie = cookies[sessionCookie] != nil }
            if chrome.csrfToken == nil, let csrf {
                // Pages answered before the session look-up still offer the language switcher.
                chrome.csrfToken = csrf.token(binding: binding(cookies: cookies, https: request.isHTTPS, sessionToken: nil, issued: &issued))
            }
            response = errorResponse(error, request: request, chrome: chrome, requestID: requestID)
        }
        finish(&response, request: request, requestID: requestID, cookies: issued)
        let elapsed = DispatchTime.now().uptimeNanoseconds - started
        let microseconds = Int(elapsed / 1000)
        app.counters.record(status: response.status.rawValue, microseconds: microseconds)
        Log.write("\(requestID) \(request.method) \(loggedPath) \(response.status.rawValue) \(microseconds / 1000).\(microseconds % 1000 / 100)ms")
        return response
    }

    private func negotiate(cookie: String?, acceptLanguage: String?) -> Language {
        if let cookie, let language = Language(rawValue: cookie) { return language }
        guard let acceptLanguage else { return .fallback }
        if let last = lastNegotiated, last.acceptLanguage == acceptLanguage { return last.language }
        let language = Language.negotiate(cookie: nil, acceptLanguage: acceptLanguage)
        lastNegotiated = (acceptLanguage, language)
        return language
    }

    /// The value forms are bound to: the session's token for a signed-in reader, else the
    /// anonymous binding cookie (issued when missing or malformed).
    private func binding(cookies: [String: String], https: Bool, sessionToken: String?, issued: inout [SetCookie]) -> String {
        if let sessionToken { return sessionToken }
        let name = https ? "__Host-campus_csrf" : "campus_csrf"
        if let value = cookies[name], Crypto.fromBase64URL(value)?.count == 32 { return value }
        if let fresh = issued.first(where: { $0.name == name }) { return fresh.value }
        let value = Crypto.randomToken()
        issued.append(SetCookie(name: name, value: value, secure: https))
        return value
    }

    /// The request's defects, the canonical address, and the route: all decided from the
    /// request alone.
    private func route(_ request: Request) throws -> (Route<Handler>, PathParameters) {
        switch request.defect {
        case .bodyTooLarge: throw HTTPError(.payloadTooLarge)
        case .bodyTruncated: throw HTTPError(.badRequest, reason: "error.400.truncated")
        case .malformed: throw HTTPError(.badRequest, reason: "error.400.encoding")
        case nil: break
        }
        let segments = try Router<Handler>.segments(ofRawPath: request.rawPath)
        if request.rawPath.count > 1, request.rawPath.hasSuffix("/") {
            // One address per page: /courses/ → /courses. Only for reading: a form posted to
            // /login/ must not reach the handler past nginx's guard on POST /login.
            guard request.method == "GET" || request.method == "HEAD" else { throw HTTPError(.notFound) }
            let query = request.rawQuery.isEmpty ? "" : "?" + request.rawQuery
            throw Redirect(location: "/" + segments.map(PercentEncoding.encode).joined(separator: "/") + query, status: .permanentRedirect)
        }
        switch app.router.match(method: request.method, segments: segments) {
        case .notFound:
            throw HTTPError(.notFound)
        case .methodNotAllowed(let allowed):
            throw HTTPError(.methodNotAllowed, headers: [("Allow", allowed.joined(separator: ", "))])
        case .found(let route, let parameters):
            return (route, parameters)
        }
    }

    /// A POST's form, once its CSRF token and origin are checked.
    private func checkedForm(_ request: Request, binding: String) throws -> Form {
        guard request.method == "POST" else { return Form() }
        let form = try request.form()
        guard let csrf else { throw PostgresError(kind: .connection, message: "signing secret unavailable") }
        guard CSRF.originMatches(request, trusted: app.trustedOrigins), csrf.isValid(form[CSRF.fieldName], binding: binding) else {
            throw HTTPError(.forbidden, reason: "error.403.csrf")
        }
        return form
    }

    /// The one place where failures become pages, in the reader's language.
    func errorResponse(_ error: Error, request: Request, chrome: Chrome, requestID: String) -> Response {
        if let redirect = error as? Redirect { return .redirect(to: redirect.location, status: redirect.status) }
        var failure: HTTPError
        switch error {
        case let httpError as HTTPError:
            failure = httpError
        case let database as PostgresError where database.isUnavailable:
            Log.write("\(requestID) database unavailable: \(database)")
            failure = HTTPError(.serviceUnavailable, headers: [("Retry-After", "10")])
        case let database as PostgresError where database.kind == .query && CampusResponder.refusal(database.sqlState) != nil:
            // A constraint the handler did not expect still says what the client did: the
            // thing exists already (a form sent twice), or a value is out of bounds. The page
            // says so in words; the constraint's name and the SQL stay in the log. The key a
            // unique violation names is logged too, but not the whole failing row the other
            // violations carry (a users row holds a password hash).
            let key = database.isUniqueViolation ? database.detail.map { " — \($0)" } ?? "" : ""
            Log.write("\(requestID) refused by the database: \(database)\(key)")
            failure = CampusResponder.refusal(database.sqlState) ?? HTTPError(.internalServerError)
        default:
            Log.write("\(requestID) error: \(String(reflecting: error))")
            failure = HTTPError(.internalServerError)
        }
        var response = ErrorPages.render(failure, chrome: chrome, requestID: requestID)
        response.headers += failure.headers
        return response
    }

    /// What a violated constraint means for the client: a unique one (23505) that the thing
    /// exists, 409; a check, a missing value or a value too long (23514, 23502, 22001) that
    /// the input was wrong, 422.
    static func refusal(_ sqlState: String?) -> HTTPError? {
        switch sqlState {
        case "23505": HTTPError(.conflict, reason: "error.409.exists")
        case "23514", "23502", "22001": HTTPError(.unprocessableContent, reason: "error.422.constraint")
        default: nil
        }
    }

    /// What every response gets: length, cache policy, cookies, security headers, request id.
    private func finish(_ response: inout Response, request: Request, requestID: String, cookies: [SetCookie]) {
        // A 304 stands for a representation it does not carry: a length of 0 would misstate it.
        if response.status != .notModified { response.setHeader("Content-Length", String(response.body.count)) }
        if request.method == "HEAD" { response.body = [] }
        if response.header("Cache-Control") == nil {
            response.headers.append(("Cache-Control", "private, no-cache"))
        }
        for cookie in cookies { response.headers.append(("Set-Cookie", cookie.headerValue)) }
        SecurityHeaders.apply(to: &response, https: request.isHTTPS)
        response.headers.append(("X-Request-Id", requestID))
    }
}

extension CampusResponder {
    /// The Referer's path when it is a page of this site, else nil.
    static func previousPath(_ request: Request) -> String? {
        guard let referer = request.headers["referer"], let host = request.headers["host"] else { return nil }
        for scheme in ["https://", "http://"] where referer.hasPrefix(scheme) {
            let rest = referer.dropFirst(scheme.count)
            let authority = rest.prefix { $0 != "/" }
            guard CSRF.hostname(String(authority)) == CSRF.hostname(host) else { return nil }
            let path = String(rest.dropFirst(authority.count))
            return path.isEmpty ? "/" : Paths.localPath(path, fallback: "/")
        }
        return nil
    }
}

/// A redirect thrown instead of answered: to the canonical address (308), or to the
/// sign-in page for a visitor (303).
struct Redirect: Error {
    let location: String
    let status: Status
}
