import Postgres
import Web

/// Sign-in sessions: 32 random bytes in an HttpOnly cookie, only their SHA-256 in the
/// database, with an idle and an absolute expiry compared against PostgreSQL's clock.
enum Sessions {
    static func cookieName(https: Bool) -> String { https ? "__Host-campus_session" : "campus_session" }

    static func hash(_ token: String) -> ByteArray? {
        guard let bytes = Crypto.fromBase64URL(token), bytes.count == 32 else { return nil }
        return ByteArray(Crypto.sha256(bytes))
    }

    /// Starts a session for `userID` and returns the cookie value.
    static func create(_ db: Connection, userID: Int64, request: Request, settings: Settings) throws -> String {
        let token = Crypto.randomToken()
        guard let hash = hash(token) else { throw SettingsError("token generation failed") }
        // The user's dead sessions go as a new one starts: no cleaning job needed.
        try db.execute("""
            DELETE FROM sessions WHERE user_id = \(userID)
              AND (expires_at <= now() OR last_seen_at <= now() - make_interval(mins => \(settings.sessionIdleMinutes)::int))
            """)
        try db.execute("""
            INSERT INTO sessions (token_hash, user_id, expires_at, address, user_agent)
            VALUES (\(hash), \(userID), now() + make_interval(days => \(settings.sessionDays)::int),
                    \(request.remoteAddress.truncated(toCodePoints: 64)), \((request.headers["user-agent"] ?? "").truncated(toCodePoints: 300)))
            """)
        return token
    }

    /// The signed-in reader for a cookie value, or nil when the session is unknown,
    /// expired, idle too long, or the account is disabled or deleted. One statement,
    /// with the unread count and the roles the page shell needs.
    static func load(_ db: Connection, token: String, settings: Settings) throws -> CurrentUser? {
        guard let hash = hash(token) else { return nil }
        guard let row = try db.query("""
            SELECT s.id AS session_id, s.last_seen_at < now() - interval '5 minutes' AS stale,
                   u.id, u.name, u.email, u.locale, u.time_zone, u.verified_at IS NOT NULL AS verified,
                   \(NotificationsFeature.unreadCountSQL)::int8 AS unread,
                   ARRAY(SELECT g.role || ':' || g.scope_kind || ':' || coalesce(g.scope_id, 0)
                         FROM role_grants g WHERE g.user_id = u.id) AS grants
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = \(hash) AND s.expires_at > now()
              AND s.last_seen_at > now() - make_interval(mins => \(settings.sessionIdleMinutes)::int)
              AND u.disabled_at IS NULL AND u.deleted_at IS NULL
            """).first else { return nil }
        let sessionID: Int64 = try row["session_id"]
        // Touch the session now and then, not on every request.
        if try row["stale"] as Bool {
            try db.execute("UPDATE sessions SET last_seen_at = now() WHERE id = \(sessionID)")
        }
        let grants: [String] = try row["grants"]
        return CurrentUser(
            id: try row["id"], sessionID: sessionID, name: try row["name"], email: try row["email"],
            locale: Language(rawValue: try row["locale"]) ?? .es, timeZone: try row["time_zone"],
            isVerified: try row["verified"], unreadNotifications: try row["unread"],
            grants: Set(grants.compactMap(parseGrant))
        )
    }

    /// `role:kind:id` (id 0 for global) as the session query writes it.
    static func parseGrant(_ text: String) -> RoleGrant? {
        let parts = text.split(separator: ":")
        guard parts.count == 3, let role = Role(rawValue: String(parts[0])), let id = Int64(parts[2]),
            let scope = Scope(kind: String(parts[1]), id: id == 0 ? nil : id)
        else { return nil }
        return RoleGrant(role: role, scope: scope)
    }

    static func end(_ db: Connection, sessionID: Int64) throws {
        try db.execute("DELETE FROM sessions WHERE id = \(sessionID)")
    }

    /// Ends every session of a user, or every one but `keeping`.
    static func endAll(_ db: Connection, userID: Int64, keeping: Int64? = nil) throws {
        try db.execute("DELETE FROM sessions WHERE user_id = \(userID) AND id IS DISTINCT FROM \(keeping)")
    }
}
