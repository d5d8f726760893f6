import Foundation
import Postgres
import Web

/// Everything a handler needs for one request: the request, its path parameters and
/// form, the reader's language, the database, and what the page shell shows.
public final class Context {
    public let request: Request
    public let parameters: PathParameters
    public let form: Form
    public let t: Localizer
    let app: CampusApp
    var chrome: Chrome
    /// The signed-in reader, nil for a visitor.
    let user: CurrentUser?
    /// The session cookie's value, to end the session or bind tokens to it.
    let sessionToken: String?
    /// Cookies to set on the response.
    var cookies: [SetCookie] = []
    private let database: () throws -> Connection

    init(
        request: Request, parameters: PathParameters, form: Form, app: CampusApp, chrome: Chrome,
        user: CurrentUser?, sessionToken: String?, database: @escaping () throws -> Connection
    ) {
        self.request = request
        self.parameters = parameters
        self.form = form
        self.app = app
        self.chrome = chrome
        self.t = chrome.t
        self.user = user
        self.sessionToken = sessionToken
        self.database = database
    }

    var settings: Settings { app.settings }

    /// Shows `key` (a `flash.…` message) on the next page the reader sees.
    func flash(_ key: String) {
        cookies.append(SetCookie(name: Flash.cookieName, value: key, maxAge: 300, secure: request.isHTTPS))
    }

    /// Answers a form post: 303 to the next page, with a message shown there.
    func redirect(_ location: String, flash key: String? = nil) -> Response {
        if let key { flash(key) }
        return .redirect(to: location)
    }

    /// The reader's time zone, or UTC for a visitor.
    var timeZone: TimeZone { user?.zone ?? .gmt }

    /// The worker's connection, checked at most once per request.
    public var db: Connection {
        get throws { try database() }
    }

    public var language: Language { t.language }

    /// A full page in the layout.
    func page(_ title: String, _ body: HTML, status: Status = .ok, section: Section? = nil) -> Response {
        var chrome = chrome
        chrome.section = section
        return .html(Layout.page(title: title, body: body, chrome: chrome), status: status)
    }

    /// The query string's fields; a malformed query is a 400.
    func query() throws -> Form { try request.query() }
}
