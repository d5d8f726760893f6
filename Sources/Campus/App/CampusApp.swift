import Foundation
import Postgres
import Web

/// A route handler: reads the request through its context, answers or throws.
public typealias Handler = @Sendable (Context) throws -> Response

/// What every worker shares, read-only after start-up: settings, message catalogs,
/// the route table and the stylesheet's version for cache busting.
public final class CampusApp: Sendable {
    public let settings: Settings
    public let messages: MessageCatalog
    let localizers: [Language: Localizer]
    public let router: Router<Handler>
    let assetVersion: String
    let connectionSettings: ConnectionSettings
    /// Origins always accepted on form posts: the public address from CAMPUS_BASE_URL.
    let trustedOrigins: [String]
    /// Shared by every worker: atomics, see RequestCounters.
    let counters = RequestCounters()
    /// Checked against when an email has no account, so a sign-in takes as long either way.
    let standInPasswordHash: String

    public init(settings: Settings, connectionSettings: ConnectionSettings = .fromEnvironment()) throws {
        Crypto.initialize()
        self.settings = settings
        self.connectionSettings = connectionSettings
        trustedOrigins = [CampusApp.origin(of: settings.baseURL)]
        standInPasswordHash = Passwords.hash(Crypto.randomToken()) ?? ""
        messages = try MessageCatalog.load(directory: settings.home + "/locales")
        var localizers: [Language: Localizer] = [:]
        for language in Language.allCases { localizers[language] = messages.localizer(language) }
        self.localizers = localizers
        router = Router(CampusApp.routes)
        let css = FileManager.default.contents(atPath: settings.home + "/www/static/campus.css") ?? Data()
        assetVersion = String(Crypto.hex(Crypto.sha256(Array(css))).prefix(10))
    }

    /// Every feature, one line each, in the order their contributions appear (navigation,
    /// the reader's page, the staff front page, the export). See `Feature`.
    static let features: [any Feature.Type] = [
        HomeFeature.self,
        CatalogFeature.self,
        CapsulesFeature.self,
        ForumsFeature.self,
        AccountsFeature.self,
        NotificationsFeature.self,
        MailFeature.self,
        OperationsFeature.self,
        DocumentsFeature.self,
        CertificatesFeature.self,
        ScholarshipsFeature.self,
        // Last: its navigation link and its staff cards (people, cities, the audit log) close the lists.
        AdminFeature.self,
    ]

    /// Every route Campus answers: what the features contribute.
    static let routes: [Route<Handler>] = features.flatMap { $0.routes }

    /// `https://campus.example.org/path` → `https://campus.example.org`.
    static func origin(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        return String(url[..<schemeEnd.upperBound]) + String(rest.prefix { $0 != "/" })
    }

    func localizer(_ language: Language) -> Localizer {
        localizers[language] ?? messages.localizer(language)
    }

    /// A responder for one worker thread, with its own database connection.
    public func makeResponder() -> CampusResponder { CampusResponder(app: self) }
}
