import Postgres

/// Limits on failed sign-ins, per account and per address, counted in PostgreSQL so they
/// hold across every responder. Only failures count; a success clears the account's.
enum LoginThrottle {
    /// Seconds until another attempt is allowed, or nil when attempts are allowed now.
    static func retryAfter(_ db: Connection, email: String, address: String, settings: Settings) throws -> Int? {
        let row = try db.query("""
            SELECT
              (SELECT ceil(extract(epoch FROM at + make_interval(mins => \(settings.loginWindowMinutes)::int) - now()))::int8
               FROM login_failures WHERE email = \(email) AND at > now() - make_interval(mins => \(settings.loginWindowMinutes)::int)
               ORDER BY at DESC OFFSET \(settings.loginFailuresPerAccount - 1) LIMIT 1) AS account_wait,
              (SELECT ceil(extract(epoch FROM at + make_interval(mins => \(settings.loginWindowMinutes)::int) - now()))::int8
               FROM login_failures WHERE address = \(address) AND at > now() - make_interval(mins => \(settings.loginWindowMinutes)::int)
               ORDER BY at DESC OFFSET \(settings.loginFailuresPerAddress - 1) LIMIT 1) AS address_wait
            """).first
        let waits = [try row?["account_wait"] as Int?, try row?["address_wait"] as Int?].compactMap { $0 }
        return waits.max().map { max(1, $0) }
    }

    /// Holds a lock on this email until the transaction ends (concurrent attempts queue).
    static func serialize(_ db: Connection, email: String) throws {
        try db.query("SELECT pg_advisory_xact_lock(hashtext('campus login'), hashtext(\(email)))")
    }

    static func recordFailure(_ db: Connection, email: String, address: String) throws {
        let id: Int64 = try db.query("""
            INSERT INTO login_failures (email, address) VALUES (\(email.truncated(toCodePoints: 320)), \(address.truncated(toCodePoints: 64)))
            RETURNING id
            """).first?["id"] ?? 0
        // Old rows serve no limit: every hundredth failure sweeps them, so no cron job is needed.
        if id % 100 == 0 {
            try db.execute("DELETE FROM login_failures WHERE at < now() - interval '1 day'")
        }
    }

    static func clearFailures(_ db: Connection, email: String) throws {
        try db.execute("DELETE FROM login_failures WHERE email = \(email)")
    }
}
