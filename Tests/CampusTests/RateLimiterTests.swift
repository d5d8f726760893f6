import Dispatch
import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus

/// The one rate limiter every feature counts with: limits, windows, concurrency, sweeping.
@Suite struct RateLimiterTests {
    let database: TestDatabase
    let db: Connection
    let limit = RateLimit("test.limit", limit: 3, window: 60)

    init() throws {
        database = try TestDatabase(.empty)
        db = try database.connect()
    }

    @Test func hitsPastTheLimitWaitForTheWindowToEnd() throws {
        for _ in 0..<3 { #expect(try RateLimiter.hit(db, limit, key: "a") == nil) }
        let wait = try #require(try RateLimiter.hit(db, limit, key: "a"))
        #expect(wait > 0 && wait <= 60)
        // Another key, or another limit with the same key, counts apart.
        #expect(try RateLimiter.hit(db, limit, key: "b") == nil)
        #expect(try RateLimiter.hit(db, RateLimit("test.other", limit: 1, window: 60), key: "a") == nil)
        // Once the window is over the count starts again.
        try db.execute("UPDATE rate_limits SET resets_at = now() - interval '1 second' WHERE key = 'a'")
        #expect(try RateLimiter.hit(db, limit, key: "a") == nil)
    }

    @Test func undoTakesOneHitBackAndClearForgets() throws {
        for _ in 0..<3 { _ = try RateLimiter.hit(db, limit, key: "a") }
        try RateLimiter.undo(db, limit, key: "a")
        #expect(try RateLimiter.hit(db, limit, key: "a") == nil)
        #expect(try RateLimiter.hit(db, limit, key: "a") != nil)
        try RateLimiter.clear(db, limit, key: "a")
        #expect(try RateLimiter.hit(db, limit, key: "a") == nil)
    }

    @Test func keysAreClearedByTheirLeadingParts() throws {
        let pair = RateLimit("test.pair", limit: 1, window: 60)
        for key in [["ana@example.org", "192.0.2.1"], ["ana@example.org", "192.0.2.2"], ["ana@example.org.evil", "192.0.2.1"]] {
            _ = try RateLimiter.hit(db, pair, key: RateLimiter.key(key))
        }
        try RateLimiter.clear(db, pair, keysStartingWith: ["ana@example.org"])
        let left: [String] = try db.query("SELECT key FROM rate_limits WHERE name = 'test.pair'").map { try $0["key"] }
        #expect(left == ["ana@example.org.evil 192.0.2.1"])
    }

    @Test func concurrentHitsNeverPassTheLimitTogether() throws {
        let callers = 24
        let database = database
        let results = Results()
        let limit = RateLimit("test.burst", limit: 5, window: 60)
        // One thread per caller, all released at once, so the statements meet in the database.
        let gate = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        let ready = DispatchGroup()
        for _ in 0..<callers {
            done.enter()
            ready.enter()
            let thread = Thread {
                let connection = try? database.connect()
                ready.leave()
                gate.wait()
                results.add(connection.flatMap { try? RateLimiter.hit($0, limit, key: "shared") == nil })
                done.leave()
            }
            thread.start()
        }
        ready.wait()
        for _ in 0..<callers { gate.signal() }
        done.wait()
        #expect(results.outcomes.count == callers)
        #expect(!results.outcomes.contains(nil))
        #expect(results.outcomes.filter { $0 == true }.count == 5)
        let hits: Int = try db.query("SELECT hits FROM rate_limits WHERE name = 'test.burst'").first?["hits"] ?? 0
        #expect(hits == callers)
    }

    @Test func finishedCountersAreSweptAsNewWindowsStart() throws {
        try db.execute("""
            INSERT INTO rate_limits (name, key, hits, resets_at)
            SELECT 'test.old', 'k' || g, 1, now() - interval '1 minute' FROM generate_series(1, 50) g
            """)
        _ = try RateLimiter.hit(db, limit, key: "live")
        _ = try RateLimiter.hit(db, limit, key: "live")
        let left: Int = try db.query("SELECT count(*)::int8 AS n FROM rate_limits").first?["n"] ?? -1
        #expect(left == 1)
    }

    @Test func addressesAreCountedAsOneClient() {
        #expect(ClientAddress.limitKey("203.0.113.9") == "203.0.113.9")
        #expect(ClientAddress.limitKey("::ffff:203.0.113.9") == "203.0.113.9")
        // Every address of one IPv6 /64 is one client.
        #expect(ClientAddress.limitKey("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64")
        #expect(ClientAddress.limitKey("2001:db8:1:2:bbbb:cccc:dddd:eeee") == "2001:db8:1:2::/64")
        #expect(ClientAddress.limitKey("2001:db8:1:3::1") != ClientAddress.limitKey("2001:db8:1:2::1"))
        #expect(ClientAddress.limitKey("") == "")
    }
}

/// Outcomes collected from concurrent callers: one lock, as they run on several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var outcomes: [Bool?] = []

    func add(_ outcome: Bool?) {
        lock.lock()
        outcomes.append(outcome)
        lock.unlock()
    }
}
