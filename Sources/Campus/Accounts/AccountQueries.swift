import Foundation
import Postgres
import Web

/// A member organization as the registration and profile forms offer it.
struct OrganizationChoice: Sendable {
    let id: Int64
    let name: String
    let network: String
    let country: String
}

/// What sign-in needs to know about an account.
struct LoginAccount: Sendable {
    let id: Int64
    let passwordHash: String?
    let isDisabled: Bool
    let locale: String
}

/// A user's own profile, as /me shows and edits it.
struct Profile: Sendable {
    let id: Int64
    let email: String
    let name: String
    let organizationID: Int64?
    let organizationName: String?
    let affiliationCounts: Bool
    let affiliationRejected: Bool
    let position: String
    let locale: String
    let timeZone: String
    let isVerified: Bool
    let createdAt: Date
}

/// The accounts feature's SQL.
enum AccountQueries {
    static func fetchOrganizationChoices(_ db: Connection) throws -> [OrganizationChoice] {
        try db.query("SELECT id, name, network, country FROM organizations ORDER BY network, name").map { row in
            OrganizationChoice(id: try row["id"], name: try row["name"], network: try row["network"], country: try row["country"])
        }
    }

    static func fetchOrganizationCountry(_ db: Connection, id: Int64) throws -> String? {
        try db.query("SELECT country FROM organizations WHERE id = \(id)").first?["country"]
    }

    /// Creates an unverified account; nil when the email is already taken (whatever its case).
    static func createUser(
        _ db: Connection, email: String, name: String, passwordHash: String, organizationID: Int64?,
        position: String, locale: String, timeZone: String
    ) throws -> Int64? {
        try db.query("""
            INSERT INTO users (email, name, password_hash, organization_id, position, locale, time_zone)
            VALUES (\(email), \(name), \(passwordHash), \(organizationID), \(position), \(locale), \(timeZone))
            ON CONFLICT ((lower(email))) DO NOTHING
            RETURNING id
            """).first?["id"]
    }

    static func fetchLoginAccount(_ db: Connection, email: String) throws -> LoginAccount? {
        try db.query("""
            SELECT id, password_hash, disabled_at IS NOT NULL AS disabled, locale
            FROM users WHERE lower(email) = lower(\(email)) AND deleted_at IS NULL
            """).first.map(loginAccount)
    }

    static func fetchLoginAccount(_ db: Connection, id: Int64) throws -> LoginAccount? {
        try db.query("""
            SELECT id, password_hash, disabled_at IS NOT NULL AS disabled, locale
            FROM users WHERE id = \(id) AND deleted_at IS NULL
            """).first.map(loginAccount)
    }

    private static func loginAccount(_ row: Row) throws -> LoginAccount {
        LoginAccount(id: try row["id"], passwordHash: try row["password_hash"], isDisabled: try row["disabled"], locale: try row["locale"])
    }

    static func setLocale(_ db: Connection, userID: Int64, locale: String) throws {
        try db.execute("UPDATE users SET locale = \(locale), updated_at = now() WHERE id = \(userID)")
    }

    /// id, name, locale and email of a live account by email, for messages.
    static func fetchRecipient(_ db: Connection, email: String) throws -> (id: Int64, name: String, email: String, locale: Language)? {
        try db.query("""
            SELECT id, name, email, locale FROM users
            WHERE lower(email) = lower(\(email)) AND deleted_at IS NULL AND disabled_at IS NULL
            """).first.map { row in
            (id: try row["id"], name: try row["name"], email: try row["email"], locale: Language(rawValue: try row["locale"]) ?? .es)
        }
    }

    static func fetchRecipient(_ db: Connection, id: Int64) throws -> (id: Int64, name: String, email: String, locale: Language)? {
        try db.query("SELECT id, name, email, locale FROM users WHERE id = \(id) AND deleted_at IS NULL").first.map { row in
            (id: try row["id"], name: try row["name"], email: try row["email"], locale: Language(rawValue: try row["locale"]) ?? .es)
        }
    }

    /// The live account with this email (any case), for staff forms that name a person.
    static func fetchUserID(_ db: Connection, email: String) throws -> Int64? {
        try db.query("SELECT id FROM users WHERE lower(email) = lower(\(email)) AND deleted_at IS NULL").first?["id"]
    }

    /// Who holds `role` over exactly `scope` (an edition's teaching team…), by name; the
    /// way other features learn about people without reading the accounts' tables.
    static func fetchRoleHolders(_ db: Connection, role: Role, scope: Scope) throws -> [(id: Int64, name: String, email: String)] {
        try db.query("""
            SELECT u.id, u.name, u.email FROM role_grants g JOIN users u ON u.id = g.user_id
            WHERE g.role = \(role.rawValue) AND g.scope_kind = \(scope.kind) AND g.scope_id IS NOT DISTINCT FROM \(scope.id)
              AND u.deleted_at IS NULL
            ORDER BY lower(u.name), u.id
            """).map { (id: try $0["id"], name: try $0["name"], email: try $0["email"]) }
    }

    /// A person's name by id (an SQL expression), NULL for an account deleted since: pages
    /// then say "former participant" in the reader's language.
    static func nameSQL(_ userID: SQL) -> SQL {
        "(SELECT nu.name FROM users nu WHERE nu.id = \(userID) AND nu.deleted_at IS NULL)"
    }

    /// The ids of those holding exactly one of `grants` (and of admins, with
    /// `admins`), as a SELECT: who to tell, where `fetchRoleHolders` would be a query per scope.
    static func holdersSQL(_ grants: [RoleGrant], admins: Bool = false) -> SQL {
        let roles = grants.map(\.role.rawValue)
        let kinds = grants.map(\.scope.kind)
        let ids = grants.map { $0.scope.id ?? 0 }
        return """
            SELECT g.user_id FROM role_grants g
            WHERE (\(admins) AND g.role = 'admin') OR (g.role, g.scope_kind, coalesce(g.scope_id, 0)) IN
                (SELECT * FROM unnest(\(roles)::text[], \(kinds)::text[], \(ids)::int8[]))
            """
    }

    static func setPassword(_ db: Connection, userID: Int64, hash: String) throws {
        try db.execute("UPDATE users SET password_hash = \(hash), updated_at = now() WHERE id = \(userID)")
    }

    /// The affiliation counts once an admin confirmed it, or when the verified email's
    /// domain is one of the organization's domains.
    static let affiliationCounts: SQL = """
        (u.affiliation_confirmed_at IS NOT NULL OR (u.verified_at IS NOT NULL AND u.affiliation_rejected_at IS NULL
            AND lower(split_part(u.email, '@', 2)) = ANY(o.email_domains)))
        """

    static func fetchProfile(_ db: Connection, userID: Int64) throws -> Profile? {
        try db.query("""
            SELECT u.id, u.email, u.name, u.organization_id, o.name AS organization_name,
                   coalesce(\(affiliationCounts), false) AS affiliation_counts,
                   u.affiliation_rejected_at IS NOT NULL AS affiliation_rejected,
                   u.position, u.locale, u.time_zone, u.verified_at IS NOT NULL AS verified, u.created_at
            FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
            WHERE u.id = \(userID) AND u.deleted_at IS NULL
            """).first.map { row in
            Profile(
                id: try row["id"], email: try row["email"], name: try row["name"], organizationID: try row["organization_id"],
                organizationName: try row["organization_name"], affiliationCounts: try row["affiliation_counts"],
                affiliationRejected: try row["affiliation_rejected"], position: try row["position"], locale: try row["locale"],
                timeZone: try row["time_zone"], isVerified: try row["verified"], createdAt: try row["created_at"])
        }
    }

    /// Saves the profile. A new organization starts its affiliation over.
    static func updateProfile(_ db: Connection, userID: Int64, name: String, organizationID: Int64?, position: String, locale: String, timeZone: String) throws {
        try db.execute("""
            UPDATE users SET name = \(name), position = \(position), locale = \(locale), time_zone = \(timeZone),
                   affiliation_confirmed_at = CASE WHEN organization_id IS DISTINCT FROM \(organizationID) THEN NULL ELSE affiliation_confirmed_at END,
                   affiliation_confirmed_by = CASE WHEN organization_id IS DISTINCT FROM \(organizationID) THEN NULL ELSE affiliation_confirmed_by END,
                   affiliation_rejected_at = CASE WHEN organization_id IS DISTINCT FROM \(organizationID) THEN NULL ELSE affiliation_rejected_at END,
                   organization_id = \(organizationID), updated_at = now()
            WHERE id = \(userID)
            """)
    }

    // MARK: Email tokens

    /// A single-use link token; only its hash is stored.
    static func createEmailToken(_ db: Connection, userID: Int64, purpose: String, validForMinutes minutes: Int) throws -> String {
        let token = Crypto.randomToken()
        // Spent and expired links of this user serve nothing any more.
        try db.execute("DELETE FROM email_tokens WHERE user_id = \(userID) AND (used_at IS NOT NULL OR expires_at <= now()) AND created_at < now() - interval '1 day'")
        try db.execute("""
            INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at)
            VALUES (\(ByteArray(Crypto.sha256(Array(token.utf8)))), \(userID), \(purpose), now() + make_interval(mins => \(minutes)::int))
            """)
        return token
    }

    /// The user a valid, unused, unexpired token belongs to, without using it up.
    static func peekEmailToken(_ db: Connection, token: String, purpose: String) throws -> Int64? {
        try db.query("""
            SELECT user_id FROM email_tokens
            WHERE token_hash = \(ByteArray(Crypto.sha256(Array(token.utf8)))) AND purpose = \(purpose)
              AND used_at IS NULL AND expires_at > now()
            """).first?["user_id"]
    }

    /// Uses a token up, atomically: of two concurrent uses, one wins.
    static func consumeEmailToken(_ db: Connection, token: String, purpose: String) throws -> Int64? {
        try db.query("""
            UPDATE email_tokens SET used_at = now()
            WHERE token_hash = \(ByteArray(Crypto.sha256(Array(token.utf8)))) AND purpose = \(purpose)
              AND used_at IS NULL AND expires_at > now()
            RETURNING user_id
            """).first?["user_id"]
    }

    static func markVerified(_ db: Connection, userID: Int64) throws {
        try db.execute("UPDATE users SET verified_at = coalesce(verified_at, now()), updated_at = now() WHERE id = \(userID)")
    }
}
