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
    /// Signed in, it becomes the account's language (emails too); signed out, a second
    /// cookie marks it as chosen, so signing in keeps it rather than the account's.
    static func chooseLanguage(_ context: Context) throws -> Response {
        guard let choice = context.form["lang"], let language = Language(rawValue: choice) else {
            throw HTTPError(.unprocessableContent, reason: "error.422.language")
        }
        let https = context.request.isHTTPS
        if let user = context.user {
            try AccountQueries.setLocale(try context.db, userID: user.id, locale: language.rawValue)
        } else {
            context.cookies.append(SetCookie(name: languageChosenCookie, value: "1", maxAge: 24 * 3600, secure: https))
        }
        context.cookies.append(languageCookie(language, https: https))
        return .redirect(to: Paths.localPath(context.form["next"]))
    }

    /// Marks a language chosen before signing in (see `LoginRoutes.keepChosenLanguage`).
    static let languageChosenCookie = "lang_chosen"

    /// The interface language for a year; readable by scripts, as it holds nothing secret.
    static func languageCookie(_ language: Language, https: Bool) -> SetCookie {
        var cookie = SetCookie(name: "lang", value: language.rawValue, maxAge: 365 * 24 * 3600, secure: https)
        cookie.httpOnly = false
        return cookie
    }
}
