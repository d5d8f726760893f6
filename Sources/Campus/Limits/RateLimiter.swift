import Postgres

/// How often one thing may happen: at most `limit` times per `window` seconds for one key
/// (an address, an account, an account from an address…). The name keeps each limit's
/// counters apart.
struct RateLimit: Sendable {
    let name: String
    let limit: Int
    let window: Int

    init(_ name: String, limit: Int, window seconds: Int) {
        self.name = name
        self.limit = limit
        window = seconds
    }

    static func perMinutes(_ name: String, limit: Int, minutes: Int) -> RateLimit {
        RateLimit(name, limit: limit, window: minutes * 60)
    }
}

/// The one rate limiter: counters in PostgreSQL, so every responder sees the same
/// counts. A window starts at a key's first hit and lasts the limit's window; the
/// counter then starts over. Each check counts and answers in a single statement, so
/// concurrent callers can never get past the limit together.
enum RateLimiter {
    /// Counts one hit for `key`. Nil while the count is within the limit; otherwise the
    /// seconds until the window ends (for `Retry-After`).
    static func hit(_ db: Connection, _ limit: RateLimit, key: String) throws -> Int? {
        guard let row = try db.query("""
            INSERT INTO rate_limits AS r (name, key, hits, resets_at)
            VALUES (\(limit.name), \(key.truncated(toCodePoints: 400)), 1, now() + make_interval(secs => \(limit.window)))
            ON CONFLICT (name, key) DO UPDATE SET
              hits = CASE WHEN r.resets_at <= now() THEN 1 ELSE r.hits + 1 END,
              resets_at = CASE WHEN r.resets_at <= now() THEN EXCLUDED.resets_at ELSE r.resets_at END
            RETURNING hits, greatest(1, ceil(extract(epoch FROM resets_at - now())))::int8 AS wait
            """).first else { return nil }
        let hits: Int = try Int(row["hits"] as Int32)
        // A new window is the moment to clear away counters whose windows are over.
        if hits == 1 { try sweep(db) }
        return hits > limit.limit ? try row["wait"] : nil
    }

    /// Takes one hit back: the attempt turned out to be one the limit does not count
    /// (a sign-in that succeeded).
    static func undo(_ db: Connection, _ limit: RateLimit, key: String) throws {
        try db.execute("""
            UPDATE rate_limits SET hits = greatest(hits - 1, 0)
            WHERE name = \(limit.name) AND key = \(key.truncated(toCodePoints: 400)) AND resets_at > now()
            """)
    }

    /// Forgets `key`'s count.
    static func clear(_ db: Connection, _ limit: RateLimit, key: String) throws {
        try db.execute("DELETE FROM rate_limits WHERE name = \(limit.name) AND key = \(key.truncated(toCodePoints: 400))")
    }

    /// Forgets the counts of every key made with `key(_:)` from these leading parts.
    static func clear(_ db: Connection, _ limit: RateLimit, keysStartingWith parts: [String]) throws {
        try db.execute("""
            DELETE FROM rate_limits WHERE name = \(limit.name) AND starts_with(key, \(key(parts) + separator))
            """)
    }

    /// Several values as one key; no part may contain a space (emails and addresses don't).
    static func key(_ parts: [String]) -> String { parts.joined(separator: separator) }
    static let separator = " "

    /// Deletes up to a hundred finished counters, skipping any another request holds, so
    /// the table stays as small as the live limits without a cleaning job.
    static func sweep(_ db: Connection) throws {
        try db.execute("""
            DELETE FROM rate_limits WHERE (name, key) IN (
              SELECT name, key FROM rate_limits WHERE resets_at < now() ORDER BY resets_at LIMIT 100 FOR UPDATE SKIP LOCKED)
            """)
    }
}
