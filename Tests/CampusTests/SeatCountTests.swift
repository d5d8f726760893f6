import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus

/// Editions keep their seats taken, waitlist and pending requests as counters, so pages
/// never count rows: those counters must always equal the counts, whatever changes
/// the enrollments — the application, a cascade, or several sessions at once.
@Suite struct SeatCountTests {
    let app: TestApp
    let db: Connection
    let editions: EditionMaker

    init() throws {
        app = try TestApp()
        db = try app.connect()
        editions = EditionMaker(db: db)
    }

    /// Editions whose counters differ from the rows, with both sides.
    func mismatches() throws -> [String] {
        try db.query("""
            SELECT e.id, e.seats_taken, e.waitlisted, e.pending,
                   count(x.id) FILTER (WHERE x.status IN ('enrolled', 'completed', 'held'))::int AS taken_rows,
                   count(x.id) FILTER (WHERE x.status = 'waitlisted')::int AS waitlisted_rows,
                   count(x.id) FILTER (WHERE x.status = 'pending')::int AS pending_rows
            FROM editions e LEFT JOIN enrollments x ON x.edition_id = e.id
            GROUP BY e.id
            HAVING e.seats_taken <> count(x.id) FILTER (WHERE x.status IN ('enrolled', 'completed', 'held'))
                OR e.waitlisted <> count(x.id) FILTER (WHERE x.status = 'waitlisted')
                OR e.pending <> count(x.id) FILTER (WHERE x.status = 'pending')
            """).map { row in
            "edition \(try row["id"] as Int64): \(try row["seats_taken"] as Int32)/\(try row["taken_rows"] as Int32) taken, "
                + "\(try row["waitlisted"] as Int32)/\(try row["waitlisted_rows"] as Int32) waiting, \(try row["pending"] as Int32)/\(try row["pending_rows"] as Int32) pending"
        }
    }

    @Test func theDemoDataStartsCounted() throws {
        #expect(try mismatches() == [])
        #expect(try db.query("SELECT count(*)::int8 AS n FROM editions WHERE seats_taken > 0 OR waitlisted > 0").first?["n"] as Int? ?? 0 > 0)
    }

    @Test func everyKindOfChangeKeepsTheCounters() throws {
        let first = try editions.make(capacity: 3)
        let second = try editions.make(capacity: 2, admission: "approval")
        var people: [Int64] = []
        for index in 0..<12 { people.append(try app.createUser("seat\(index)@example.org")) }
        let statuses = ["enrolled", "waitlisted", "pending", "withdrawn", "rejected", "held"]
        var generator = SystemRandomNumberGenerator()
        for (index, person) in people.enumerated() {
            try db.execute("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(index % 2 == 0 ? first : second), \(person), \(statuses[index % statuses.count]))")
        }
        #expect(try mismatches() == [])
        for _ in 0..<60 {
            let person = people.randomElement(using: &generator) ?? people[0]
            let status = statuses.randomElement(using: &generator) ?? "enrolled"
            try db.execute("UPDATE enrollments SET status = \(status) WHERE user_id = \(person)")
        }
        #expect(try mismatches() == [])
        // Completion needs an assessment; moving between editions; the same status again.
        try db.execute("UPDATE enrollments SET status = 'completed', assessed_at = now() WHERE user_id = \(people[0])")
        try db.execute("UPDATE enrollments SET edition_id = \(second) WHERE user_id = \(people[2])")
        try db.execute("UPDATE enrollments SET status = status")
        #expect(try mismatches() == [])
        // Deleting people and an edition cascades to their enrollments.
        try db.execute("DELETE FROM users WHERE id = ANY(\(Array(people.prefix(4))))")
        try db.execute("DELETE FROM editions WHERE id = \(second)")
        #expect(try mismatches() == [])
    }

    @Test func concurrentEnrollmentsThroughTheApplicationKeepTheCounters() throws {
        let edition = try editions.make(capacity: 5)
        let browsers = try (0..<16).map { index -> TestApp in
            let browser = try TestApp(sharing: app)
            browser.cookies["campus_session"] = try app.sessionCookie(for: try app.createUser("burst\(index)@example.org"))
            return browser
        }
        DispatchQueue.concurrentPerform(iterations: browsers.count) { index in
            _ = browsers[index].post("/editions/\(edition)/enroll", [])
            if index % 3 == 0 { _ = browsers[index].post("/editions/\(edition)/withdraw", [("confirm", "yes")]) }
        }
        #expect(try mismatches() == [])
        let row = try #require(try db.query("SELECT seats_taken, waitlisted FROM editions WHERE id = \(edition)").first)
        #expect(try row["seats_taken"] as Int32 == 5)
        #expect(try row["waitlisted"] as Int32 == 16 - 5 - 6)
    }
}
