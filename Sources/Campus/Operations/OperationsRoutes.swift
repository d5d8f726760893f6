import Postgres
import Web

/// Health checks and the reader's language choice.
enum OperationsRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.healthz, checkHealth),
        Route("POST", Paths.locale, chooseLanguage),
    ]

    /// 200 `ok` while the database answers, 503 otherwise — for load balancers and monitors.
    static func checkHealth(_ context: Context) throws -> Response {
        var response: Response
        do {
            try context.db.query("SELECT 1")
            response = .text("ok\n")
        } catch {
            response = .text("unavailable\n", status: .serviceUnavailable)
        }
        response.setHeader("Cache-Control", "no-store")
        return response
    }

    /// Remembers the language in a cookie and goes back to the page the reader was on.
    static func chooseLanguage(_ context: Context) throws -> Response {
        guard let choice = context.form["lang"], let language = Language(rawValue: choice) else {
            throw HTTPError(.unprocessableContent, reason: "error.422.language")
        }
        var cookie = SetCookie(name: "lang", value: language.rawValue, maxAge: 365 * 24 * 3600, secure: context.request.isHTTPS)
        cookie.httpOnly = false
        context.cookies.append(cookie)
        return .redirect(to: Paths.localPath(context.form["next"]))
    }
}
