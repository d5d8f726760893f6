import Postgres
import Web

/// Accounts: registering, signing in and out, passwords, the reader's own page, the
/// personal export and account deletion (whose parts every feature adds).
enum AccountsFeature: Feature {
    static let routes: [Route<Handler>] =
        RegistrationRoutes.routes + LoginRoutes.routes + PasswordRoutes.routes + ProfileRoutes.routes + PrivacyRoutes.routes

    static func gauges(_ db: Connection) throws -> [Gauge] {
        let row = try db.query("""
            SELECT (SELECT count(*) FROM users WHERE deleted_at IS NULL)::int8 AS users,
                   (SELECT count(*) FROM sessions WHERE expires_at > now())::int8 AS sessions
            """).first
        return [
            Gauge(name: "users", help: "Accounts that are not deleted.", value: try row?["users"] ?? 0),
            Gauge(name: "sessions", help: "Sessions not yet expired.", value: try row?["sessions"] ?? 0),
        ]
    }
}
