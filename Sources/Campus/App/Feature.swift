import Postgres
import Web

/// What a feature adds to Campus. A feature is a folder with one type conforming to this
/// protocol, listed once in `CampusApp.features`; everything it contributes to the rest
/// of the site — routes, navigation, its part of the home page and of the reader's page, of the personal
/// export and of account deletion, its metrics, its card on the staff front page —
/// comes through here, so a new feature touches its own folder and one line.
///
/// Features reach each other through each other's functions (and SQL fragments those
/// functions return), never by reading each other's tables directly.
protocol Feature {
    /// The routes it answers.
    static var routes: [Route<Handler>] { get }

    /// Links in the site navigation, in order, each shown only to the readers it is for.
    static var navigation: [NavigationEntry] { get }

    /// Its section of the home page, or nothing.
    static func homeSection(_ context: Context) throws -> HTML?

    /// Its section of the reader's own page (/me), or nothing. Called in registration order.
    static func meSection(_ context: Context, user: CurrentUser) throws -> HTML?

    /// Its part of the personal export: named statements each returning one JSON value
    /// for the reader, in words of the reader's language rather than codes.
    static func exportSections(_ db: Connection, user: CurrentUser, t: Localizer) throws -> [(name: String, json: SQL)]

    /// What deleting an account does to its data, inside the deletion's transaction,
    /// before the account's own row is anonymised.
    static func deleteAccount(_ db: Connection, app: CampusApp, userID: Int64) throws

    /// Gauges for /metrics, read from PostgreSQL (the same whichever responder answers).
    static func gauges(_ db: Connection) throws -> [Gauge]

    /// Its card on the staff front page (/admin), or nothing.
    static func adminCard(_ context: Context) throws -> HTML?
}

/// Contributions a feature does not make: nothing.
extension Feature {
    static var routes: [Route<Handler>] { [] }
    static var navigation: [NavigationEntry] { [] }
    static func homeSection(_ context: Context) throws -> HTML? { nil }
    static func meSection(_ context: Context, user: CurrentUser) throws -> HTML? { nil }
    static func exportSections(_ db: Connection, user: CurrentUser, t: Localizer) throws -> [(name: String, json: SQL)] { [] }
    static func deleteAccount(_ db: Connection, app: CampusApp, userID: Int64) throws {}
    static func gauges(_ db: Connection) throws -> [Gauge] { [] }
    static func adminCard(_ context: Context) throws -> HTML? { nil }
}

/// One link of the site navigation.
struct NavigationEntry: Sendable {
    let section: Section
    let path: String
    /// Catalog key of the link's words.
    let label: String
    /// Whether this reader sees the link (nil: a visitor).
    let isShown: @Sendable (CurrentUser?) -> Bool

    init(_ section: Section, _ path: String, _ label: String, isShown: @escaping @Sendable (CurrentUser?) -> Bool = { _ in true }) {
        self.section = section
        self.path = path
        self.label = label
        self.isShown = isShown
    }
}

/// One Prometheus gauge.
struct Gauge: Sendable {
    let name: String
    let help: String
    let value: Int
}
