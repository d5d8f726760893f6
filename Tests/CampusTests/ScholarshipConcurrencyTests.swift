import Dispatch
import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Awards and acceptances at once, from many browsers: the seats, the quota and the
/// per-organization maximum are never exceeded, and the seat counters stay true.
@Suite struct ScholarshipConcurrencyTests {
    let world: ScholarshipWorld

    init() throws { world = try ScholarshipWorld() }

    /// A released call whose `count` applicants all wait on its waitlist, each from a city of
    /// their own unless `sameCity`.
    func waitlistedCall(quota: Int, capacity: Int, count: Int, maximum: Int? = nil, sameCity: Bool = false) throws -> (call: TestCall, applications: [Int64]) {
        let edition = try world.edition(capacity: capacity)
        let call = try world.call(edition: edition, quota: quota, maximum: maximum)
        let shared = try world.city("Ciudad compartida \(call.id)")
        var applications: [Int64] = []
        for n in 0..<count {
            let city = sameCity ? shared : try world.city("Ciudad \(call.id)-\(n)")
            let user = try world.official("c\(call.id)-\(n)@example.org", city: city)
            let application = try world.submitted(call, user: user, city: city)
            try world.decide(application, "waitlist")
            applications.append(application)
        }
        #expect(world.admin.post("/admin/scholarships/\(call.id)/release", [("confirm", "yes")]).status == .seeOther)
        return (call, applications)
    }

    /// Every application awarded at once, each by its own admin browser; the statuses answered.
    func awardAtOnce(_ applications: [Int64]) throws -> [Int] {
        let browsers = try applications.map { _ in try world.app.browser(signedInAs: world.adminID) }
        let statuses = ConcurrentResults(count: applications.count)
        DispatchQueue.concurrentPerform(iterations: applications.count) { index in
            let response = browsers[index].post("/applications/\(applications[index])/decide", [("decision", "award"), ("note", "")])
            statuses.set(index, response.status.rawValue)
        }
        return statuses.values
    }

    func awarded(_ call: TestCall) throws -> Int {
        try world.db.query("SELECT count(*)::int8 AS n FROM applications WHERE call_id = \(call.id) AND status IN ('awarded', 'accepted')").first?["n"] ?? -1
    }

    func seats(_ call: TestCall) throws -> (taken: Int, held: Int, counter: Int) {
        let row = try world.db.query("""
            SELECT (SELECT count(*) FROM enrollments x WHERE x.edition_id = e.id AND x.status IN ('enrolled', 'completed', 'held'))::int8 AS taken,
                   (SELECT count(*) FROM enrollments x WHERE x.edition_id = e.id AND x.status = 'held')::int8 AS held, e.seats_taken::int8 AS counter
            FROM editions e WHERE e.id = \(call.edition)
            """).first
        return (try row?["taken"] ?? -1, try row?["held"] ?? -1, try row?["counter"] ?? -1)
    }

    @Test func concurrentAwardsNeverExceedTheSeats() throws {
        let (call, applications) = try waitlistedCall(quota: 10, capacity: 3, count: 8)
        let statuses = try awardAtOnce(applications)
        #expect(statuses.filter { $0 == 303 }.count == 3)
        #expect(statuses.filter { $0 == 409 }.count == 5)
        #expect(try awarded(call) == 3)
        let seats = try seats(call)
        #expect(seats.taken == 3 && seats.held == 3 && seats.counter == 3)
    }

    @Test func concurrentAwardsNeverExceedTheQuota() throws {
        let (call, applications) = try waitlistedCall(quota: 2, capacity: 20, count: 8)
        let statuses = try awardAtOnce(applications)
        #expect(statuses.filter { $0 == 303 }.count == 2)
        #expect(try awarded(call) == 2)
        #expect(try world.db.query("SELECT awards FROM scholarship_calls WHERE id = \(call.id)").first?["awards"] == 2 as Int32?)
        #expect(try seats(call).held == 2)
    }

    @Test func concurrentAwardsNeverExceedTheMaximumPerCity() throws {
        let (call, applications) = try waitlistedCall(quota: 10, capacity: 20, count: 6, maximum: 1, sameCity: true)
        let statuses = try awardAtOnce(applications)
        #expect(statuses.filter { $0 == 303 }.count == 1)
        #expect(try awarded(call) == 1)
    }

    /// Awardees accept while others decline and strangers ask for the last seats: each
    /// award's seat passes on once, and the edition is never overbooked.
    @Test func concurrentAcceptancesDeclinesAndEnrollmentsKeepEverySeatCounted() throws {
        let (call, applications) = try waitlistedCall(quota: 6, capacity: 6, count: 10)
        #expect(try awardAtOnce(Array(applications.prefix(6))).allSatisfy { $0 == 303 })
        try world.db.execute("UPDATE editions SET admission = 'open', fee = 0 WHERE id = \(call.edition)")
        let strangers = try (0..<6).map { try world.app.browser(signedInAs: try world.official("extra\($0)@example.org", city: nil)) }
        let awardees: [(TestApp, Int64)] = try applications.prefix(6).map { application in
            let user: Int64 = try world.db.query("SELECT user_id FROM applications WHERE id = \(application)").first?["user_id"] ?? 0
            return (try world.browser(user), application)
        }
        DispatchQueue.concurrentPerform(iterations: 12) { index in
            if index < 6 {
                let (browser, application) = awardees[index]
                _ = index % 2 == 0
                    ? browser.post("/applications/\(application)/accept", [])
                    : browser.post("/applications/\(application)/decline", [("confirm", "yes")])
            } else {
                _ = strangers[index - 6].post("/editions/\(call.edition)/enroll", [])
            }
        }
        let seats = try seats(call)
        #expect(seats.taken <= 6 && seats.counter == seats.taken)
        // Three declined: their seats went to the next three on the call's waitlist, not to strangers.
        #expect(try awarded(call) == 6)
        #expect(try world.db.query("SELECT count(*)::int8 AS n FROM applications WHERE call_id = \(call.id) AND from_waitlist").first?["n"] == 3)
        #expect(try world.db.query("SELECT count(*)::int8 AS n FROM enrollments WHERE edition_id = \(call.edition) AND status = 'enrolled' AND user_id IN (SELECT id FROM users WHERE email LIKE 'extra%@example.org')").first?["n"] == 0)
    }
}

/// Results written from concurrent iterations, one slot each.
final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Int]

    init(count: Int) { slots = Array(repeating: 0, count: count) }

    func set(_ index: Int, _ value: Int) { lock.withLock { slots[index] = value } }

    var values: [Int] { lock.withLock { slots } }
}
