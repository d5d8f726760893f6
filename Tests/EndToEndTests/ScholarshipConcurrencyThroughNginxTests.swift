import Dispatch
import Foundation
import Postgres
import Synchronization
import Testing
import TestSupport
import Web

/// Scholarship awards are seats the database keeps: bursts of awards through nginx for the
/// last seats or the last awards of the call or of a city, then awardees accepting while
/// strangers ask for the same seats, never overbook the edition nor exceed the quota or
/// the city's maximum.
@Suite(.serialized) final class ScholarshipConcurrencyThroughNginxTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database, workers: 4)
    }

    deinit { stack.stop() }

    /// A session for `user`, made directly in the database.
    func session(_ user: Int64, db: Connection) throws -> String {
        let token = Crypto.randomToken()
        let hash = ByteArray(Crypto.sha256(Crypto.fromBase64URL(token) ?? []))
        try db.execute("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (\(hash), \(user), now() + interval '1 hour')")
        return token
    }

    /// A verified official of `city`, or of an active city of their own.
    func official(_ email: String, city: Int64? = nil, db: Connection) throws -> Int64 {
        let city: Int64 = try city ?? db.query("""
            INSERT INTO organizations (name, country, network, active_until) VALUES (\(email), 'PE', 'andina', current_date + 100) RETURNING id
            """).first?["id"] ?? 0
        return try db.query("""
            INSERT INTO users (email, name, verified_at, organization_id, affiliation_confirmed_at) VALUES (\(email), 'Persona', now(), \(city), now())
            RETURNING id
            """).first?["id"] ?? 0
    }

    /// Posts `form` to each path at once, each from its own client with its own session and
    /// token; the statuses answered.
    func postAtOnce(_ requests: [(token: String, page: String, path: String, form: [(String, String)])]) throws -> [Int] {
        let clients = try requests.map { request -> (HTTPClient, String) in
            let client = stack.client()
            client.cookies["campus_session"] = request.token
            return (client, try #require(try client.get(request.page).csrfToken))
        }
        let statuses = Mutex<[Int]>([])
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for ((client, csrf), request) in zip(clients, requests) {
            done.enter()
            Thread {
                start.wait()
                let status = (try? client.post(request.path, form: [("_csrf", csrf)] + request.form))?.status ?? 0
                statuses.withLock { $0.append(status) }
                done.leave()
            }.start()
        }
        for _ in clients { start.signal() }
        done.wait()
        return statuses.withLock { $0 }
    }

    /// A released call for a new edition of `capacity` seats, with `count` applicants on its
    /// waitlist (the first `sameCity` of them from one city), and an admin.
    func waitlistedCall(
        quota: Int, capacity: Int, count: Int, maximum: Int? = nil, sameCity: Int = 0, db: Connection
    ) throws -> (edition: Int64, call: Int64, applicants: [(user: Int64, application: Int64)], admin: Int64) {
        let edition: Int64 = try db.query("""
            INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at, enrollment_closes_at, capacity, admission, fee)
            VALUES ((SELECT id FROM courses WHERE kind = 'course' ORDER BY id LIMIT 1), 'Edición con becas', 'es',
                    current_date + 30, current_date + 60, now() - interval '1 day', now() + interval '10 days', \(capacity), 'open', 0)
            RETURNING id
            """).first?["id"] ?? 0
        let call: Int64 = try db.query("""
            INSERT INTO scholarship_calls (edition_id, title, opens_at, closes_at, quota, max_per_organization, published, released_at)
            VALUES (\(edition), 'Becas concurridas', now() - interval '20 days', now() - interval '1 day', \(quota), \(maximum), true, now())
            RETURNING id
            """).first?["id"] ?? 0
        let city: Int64 = try db.query("""
            INSERT INTO organizations (name, country, network, active_until) VALUES ('Ciudad compartida', 'PE', 'andina', current_date + 100) RETURNING id
            """).first?["id"] ?? 0
        var applicants: [(user: Int64, application: Int64)] = []
        for n in 0..<count {
            let user = try official("becaria\(n)@example.org", city: n < sameCity ? city : nil, db: db)
            let application: Int64 = try db.query("""
                INSERT INTO applications (call_id, user_id, status, organization_id, submitted_at, eligibility)
                SELECT \(call), id, 'waitlisted', organization_id, now(), 'active' FROM users WHERE id = \(user) RETURNING id
                """).first?["id"] ?? 0
            try db.execute("INSERT INTO decisions (application_id, decision, released_at) VALUES (\(application), 'waitlist', now())")
            applicants.append((user, application))
        }
        let admin: Int64 = try db.query("INSERT INTO users (email, name, verified_at) VALUES ('jefa@example.org', 'Jefa', now()) RETURNING id").first?["id"] ?? 0
        try db.execute("INSERT INTO role_grants (user_id, role) VALUES (\(admin), 'admin')")
        return (edition, call, applicants, admin)
    }

    /// Every application awarded at once, each from its own admin session; the statuses.
    func awardAtOnce(_ applicants: [(user: Int64, application: Int64)], admin: Int64, db: Connection) throws -> [Int] {
        try postAtOnce(try applicants.map { applicant in
            (try session(admin, db: db), "/applications/\(applicant.application)", "/applications/\(applicant.application)/decide", [("decision", "award"), ("note", "")])
        })
    }

    @Test func aBurstOfAwardsNeverExceedsTheQuotaNorTheCitysMaximum() throws {
        let db = try database.connect()
        // Ten applicants, six of them from one city that may get two awards; the call makes three.
        let (_, call, applicants, admin) = try waitlistedCall(quota: 3, capacity: 20, count: 10, maximum: 2, sameCity: 6, db: db)
        let awards = try awardAtOnce(applicants, admin: admin, db: db)
        #expect(awards.filter { $0 == 303 }.count == 3, "statuses: \(awards.sorted())")
        #expect(awards.filter { $0 == 409 }.count == 7, "statuses: \(awards.sorted())")
        let counts = try #require(try db.query("""
            SELECT count(*)::int8 AS awarded, count(*) FILTER (WHERE u.email IN ('becaria0@example.org', 'becaria1@example.org', 'becaria2@example.org',
                   'becaria3@example.org', 'becaria4@example.org', 'becaria5@example.org'))::int8 AS city,
                   (SELECT awards FROM scholarship_calls WHERE id = \(call))::int8 AS counter
            FROM applications a JOIN users u ON u.id = a.user_id WHERE a.call_id = \(call) AND a.status = 'awarded'
            """).first)
        #expect(try counts["awarded"] == 3 && counts["counter"] == 3)
        #expect(try (counts["city"] as Int) <= 2)
        #expect(!stack.responderLog.contains(" 500 "))
    }

    @Test func aBurstOfAwardsAndAcceptancesNeverOverbooks() throws {
        let db = try database.connect()
        let (edition, call, applicants, admin) = try waitlistedCall(quota: 10, capacity: 4, count: 12, db: db)

        // Twelve awards at once for four seats: four hold a seat, eight are refused.
        let awards = try awardAtOnce(applicants, admin: admin, db: db)
        #expect(awards.filter { $0 == 303 }.count == 4, "statuses: \(awards.sorted())")
        #expect(awards.filter { $0 == 409 }.count == 8, "statuses: \(awards.sorted())")
        let awardees: [(user: Int64, application: Int64)] = try db.query("""
            SELECT user_id, id FROM applications WHERE call_id = \(call) AND status = 'awarded' ORDER BY id
            """).map { (try $0["user_id"], try $0["id"]) }
        #expect(awardees.count == 4)

        // The awardees accept while twenty strangers ask for the same seats.
        var requests = try awardees.map { awardee in
            (try session(awardee.user, db: db), "/applications/\(awardee.application)", "/applications/\(awardee.application)/accept", [(String, String)]())
        }
        for n in 0..<20 {
            let stranger = try official("visita\(n)@example.org", db: db)
            requests.append((try session(stranger, db: db), "/editions/\(edition)", "/editions/\(edition)/enroll", []))
        }
        let answers = try postAtOnce(requests)
        #expect(answers.allSatisfy { $0 == 303 }, "statuses: \(answers.sorted())")
        let counts = try #require(try db.query("""
            SELECT count(*) FILTER (WHERE x.status IN ('enrolled', 'held'))::int8 AS seated,
                   count(*) FILTER (WHERE x.status = 'enrolled' AND u.email LIKE 'becaria%')::int8 AS awardees,
                   count(*) FILTER (WHERE x.status = 'waitlisted')::int8 AS waiting, e.seats_taken::int8 AS counter
            FROM enrollments x JOIN users u ON u.id = x.user_id JOIN editions e ON e.id = x.edition_id
            WHERE x.edition_id = \(edition) GROUP BY e.seats_taken
            """).first)
        #expect(try counts["seated"] == 4 && counts["awardees"] == 4 && counts["waiting"] == 20 && counts["counter"] == 4)
        #expect(try db.query("SELECT awards FROM scholarship_calls WHERE id = \(call)").first?["awards"] == 4 as Int32?)
        #expect(!stack.responderLog.contains(" 500 "))
    }
}
