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
    /// Cookies to set on the response.
    var cookies: [SetCookie] = []
    private let database: () throws -> Connection

    init(request: Request, parameters: PathParameters, form: Form, app: CampusApp, chrome: Chrome, database: @escaping () throws -> Connection) {
        self.request = request
        self.parameters = parameters
        self.form = form
        self.app = app
        self.chrome = chrome
        self.t = chrome.t
        self.database = database
    }

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
