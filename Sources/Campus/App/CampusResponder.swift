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

    init(app: CampusApp) {
        self.app = app
        if let secret = app.settings.secret { csrf = CSRF(secret: secret) }
    }

    /// The connection, reconnected if the server restarted; checked once per request.
    func database() throws -> Connection {
        if checkedThisRequest, let connection { return connection }
        if let connection {
            try connection.ensureAlive()
        } else {
            connection = try Connection(app.connectionSettings)
        }
        checkedThisRequest = true
        guard let connection else { throw PostgresError(kind: .connection, message: "not connected") }
        if csrf == nil { csrf = CSRF(secret: try Secrets.fetchSigningSecret(connection)) }
        return connection
    }

    public func respond(to request: Request) -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        checkedThisRequest = false
        let requestID = request.requestID.isEmpty ? Crypto.hex(Crypto.randomBytes(8)) : request.requestID
        let cookies = request.cookies
        let language = Language.negotiate(cookie: cookies["lang"], acceptLanguage: request.headers["accept-language"])
        _ = try? database()

        // Signed-out forms are bound to an anonymous random cookie (signed double submit).
        var issued: [SetCookie] = []
        let bindingName = request.isHTTPS ? "__Host-campus_csrf" : "campus_csrf"
        var binding = cookies[bindingName] ?? ""
        if Crypto.fromBase64URL(binding)?.count != 32 {
            binding = Crypto.randomToken()
            issued.append(SetCookie(name: bindingName, value: binding, secure: request.isHTTPS))
        }
        let query = request.rawQuery.isEmpty ? "" : "?" + request.rawQuery
        let chrome = Chrome(
            t: app.localizer(language), csrfToken: csrf?.token(binding: binding),
            currentPath: Paths.localPath(request.rawPath + query), assetVersion: app.assetVersion
        )

        var response: Response
        do {
            let context = try prepare(request, chrome: chrome, binding: binding)
            response = try context.route.handler(context.context)
            issued += context.context.cookies
        } catch {
            response = errorResponse(error, request: request, chrome: chrome, requestID: requestID)
        }
        finish(&response, request: request, requestID: requestID, cookies: issued)
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        Log.write("\(requestID) \(request.method) \(request.rawPath) \(response.status.rawValue) \(String(format: "%.1f", milliseconds))ms")
        return response
    }

    /// Everything before the handler: the request's defects, routing, the form, CSRF.
    private func prepare(_ request: Request, chrome: Chrome, binding: String) throws -> (route: Route<Handler>, context: Context) {
        switch request.defect {
        case .bodyTooLarge: throw HTTPError(.payloadTooLarge)
        case .bodyTruncated: throw HTTPError(.badRequest, reason: "error.400.truncated")
        case .malformed: throw HTTPError(.badRequest, reason: "error.400.encoding")
        case nil: break
        }
        let segments = try Router<Handler>.segments(ofRawPath: request.rawPath)
        if request.rawPath.count > 1, request.rawPath.hasSuffix("/"), request.method == "GET" || request.method == "HEAD" {
            // One address per page: /courses/ → /courses.
            let query = request.rawQuery.isEmpty ? "" : "?" + request.rawQuery
            throw Redirect(location: "/" + segments.map(PercentEncoding.encode).joined(separator: "/") + query)
        }
        switch app.router.match(method: request.method, segments: segments) {
        case .notFound:
            throw HTTPError(.notFound)
        case .methodNotAllowed(let allowed):
            throw HTTPError(.methodNotAllowed, headers: [("Allow", allowed.joined(separator: ", "))])
        case .found(let route, let parameters):
            var form = Form()
            if request.method == "POST" {
                form = try request.form()
                guard let csrf else { throw PostgresError(kind: .connection, message: "signing secret unavailable") }
                guard CSRF.originMatches(request, trusted: app.trustedOrigins), csrf.isValid(form[CSRF.fieldName], binding: binding) else {
                    throw HTTPError(.forbidden, reason: "error.403.csrf")
                }
            }
            let context = Context(request: request, parameters: parameters, form: form, app: app, chrome: chrome, database: database)
            return (route, context)
        }
    }

    /// The one place where failures become pages, in the reader's language.
    func errorResponse(_ error: Error, request: Request, chrome: Chrome, requestID: String) -> Response {
        if let redirect = error as? Redirect { return .redirect(to: redirect.location, status: .permanentRedirect) }
        var failure: HTTPError
        switch error {
        case let httpError as HTTPError:
            failure = httpError
        case let database as PostgresError where database.isUnavailable:
            Log.write("\(requestID) database unavailable: \(database)")
            failure = HTTPError(.serviceUnavailable, headers: [("Retry-After", "10")])
        default:
            Log.write("\(requestID) error: \(String(reflecting: error))")
            failure = HTTPError(.internalServerError)
        }
        var response = ErrorPages.render(failure, chrome: chrome, requestID: requestID)
        response.headers += failure.headers
        return response
    }

    /// What every response gets: length, cache policy, cookies, security headers, request id.
    private func finish(_ response: inout Response, request: Request, requestID: String, cookies: [SetCookie]) {
        response.setHeader("Content-Length", String(response.body.count))
        if request.method == "HEAD" { response.body = [] }
        if response.header("Cache-Control") == nil {
            response.headers.append(("Cache-Control", "private, no-cache"))
        }
        for cookie in cookies { response.headers.append(("Set-Cookie", cookie.headerValue)) }
        SecurityHeaders.apply(to: &response, https: request.isHTTPS)
        response.headers.append(("X-Request-Id", requestID))
    }
}

/// A permanent redirect to the canonical address, thrown before routing.
struct Redirect: Error {
    let location: String
}
