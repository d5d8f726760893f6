import Dispatch
import Foundation
import Postgres
import Synchronization
import Testing
import TestSupport
import Web

/// Capacity is the database's to enforce: a burst of requests through nginx for the
/// last seats can never overbook an edition.
@Suite(.serialized) final class ConcurrencyTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database, workers: 4)
    }

    deinit { stack.stop() }

    /// Verified people with a session each, made directly in the database (no hashing).
    func people(_ count: Int, db: Connection) throws -> [String] {
        var tokens: [String] = []
        for index in 0..<count {
            let id: Int64 = try db.query("""
                INSERT INTO users (email, name, verified_at) VALUES (\("burst\(index)@example.org"), \("Persona \(index)"), now()) RETURNING id
                """).first?["id"] ?? 0
            let token = Crypto.randomToken()
            let hash = ByteArray(Crypto.sha256(Crypto.fromBase64URL(token) ?? []))
            try db.execute("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (\(hash), \(id), now() + interval '1 hour')")
            tokens.append(token)
        }
        return tokens
    }

    @Test func fiftyConcurrentRequestsForTenSeats() throws {
        let db = try database.connect()
        let edition: Int64 = try db.query("""
            INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at, enrollment_closes_at, capacity)
            VALUES ((SELECT id FROM courses WHERE kind = 'course' ORDER BY id LIMIT 1), 'Edición concurrida', 'es',
                    current_date + 30, current_date + 60, now() - interval '1 day', now() + interval '10 days', 10)
            RETURNING id
            """).first?["id"] ?? 0
        let tokens = try people(50, db: db)

        // Each browser first loads the page for its form token, then all post at once.
        let clients = try tokens.map { token -> (HTTPClient, String) in
            let client = stack.client()
            client.cookies["campus_session"] = token
            let page = try client.get("/editions/\(edition)")
            return (client, try #require(page.csrfToken))
        }
        let statuses = Mutex<[Int]>([])
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for (client, token) in clients {
            done.enter()
            Thread {
                start.wait()
                let status = (try? client.post("/editions/\(edition)/enroll", form: [("_csrf", token)]))?.status ?? 0
                statuses.withLock { $0.append(status) }
                done.leave()
            }.start()
        }
        for _ in clients { start.signal() }
        done.wait()

        let answered = statuses.withLock { $0 }
        #expect(answered.count == 50)
        #expect(answered.allSatisfy { $0 == 303 }, "statuses: \(answered.sorted())")
        let counts = try #require(try db.query("""
            SELECT count(*) FILTER (WHERE status = 'enrolled')::int8 AS enrolled,
                   count(*) FILTER (WHERE status = 'waitlisted')::int8 AS waitlisted
            FROM enrollments WHERE edition_id = \(edition)
            """).first)
        #expect(try counts["enrolled"] == 10)
        #expect(try counts["waitlisted"] == 40)
        // Positions are computed from request order: 1 to 40, no gaps, no ties.
        let positions: [Int] = try db.query("""
            SELECT row_number() OVER (ORDER BY requested_at, id)::int8 AS position,
                   (SELECT count(*) FROM enrollments w WHERE w.edition_id = x.edition_id AND w.status = 'waitlisted'
                      AND (w.requested_at, w.id) <= (x.requested_at, x.id))::int8 AS computed
            FROM enrollments x WHERE x.edition_id = \(edition) AND x.status = 'waitlisted' ORDER BY requested_at, id
            """).map { try $0["computed"] }
        #expect(positions == Array(1...40))
        #expect(!stack.responderLog.contains(" 500 "))
    }
}
