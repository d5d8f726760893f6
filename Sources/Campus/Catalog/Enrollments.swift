import Foundation
import Postgres
import Web

/// The enrollment rules. Every change to an edition's seats happens in one transaction
/// holding that edition's row lock, so no burst of requests can overbook it: the second
/// of two requests for the last seat sees it taken and joins the waitlist.
enum Enrollments {
    /// What an enroll request came to.
    enum Outcome: Equatable {
        case enrolled, waitlisted(position: Int), pending
        /// The reader already had this place: nothing changed.
        case unchanged
    }

    static func enroll(_ db: Connection, app: CampusApp, user: CurrentUser, editionID: Int64) throws -> Outcome {
        try db.transaction {
            // A draft course's editions are not open to anyone yet.
            guard let edition = try EnrollmentQueries.fetchEdition(db, id: editionID, lock: true), edition.coursePublished else {
                throw HTTPError(.notFound)
            }
            let existing = try EnrollmentQueries.fetchEnrollment(db, editionID: editionID, userID: user.id)
            if let existing, existing.status != .withdrawn, existing.status != .rejected { return .unchanged }
            let eligibility = try Eligibility.check(db, edition: edition, userID: user.id, previous: existing?.status)
            guard eligibility == .eligible else { throw EnrollmentRefused(eligibility: eligibility) }
            let status: EnrollmentStatus = edition.admitsByApproval ? .pending : edition.seatsTaken < edition.edition.capacity ? .enrolled : .waitlisted
            try db.execute("""
                INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(editionID), \(user.id), \(status.rawValue))
                ON CONFLICT (edition_id, user_id) DO UPDATE
                SET status = EXCLUDED.status, requested_at = now(), updated_at = now(), decided_at = NULL, decided_by = NULL, decision_note = NULL
                """)
            let position = try EnrollmentQueries.fetchEnrollment(db, editionID: editionID, userID: user.id)?.position
            try notify(db, app: app, userID: user.id, edition: edition, status: status, position: position)
            switch status {
            case .enrolled: return .enrolled
            case .waitlisted: return .waitlisted(position: position ?? 0)
            default: return .pending
            }
        }
    }

    /// Leaves the edition; a freed seat goes to the first person waiting, in the same transaction.
    /// Returns false when there was nothing to withdraw from.
    @discardableResult
    static func withdraw(_ db: Connection, app: CampusApp, userID: Int64, editionID: Int64) throws -> Bool {
        try db.transaction {
            guard let edition = try EnrollmentQueries.fetchEdition(db, id: editionID, lock: true) else { throw HTTPError(.notFound) }
            // A finished edition's places are history: results are recorded on them.
            guard edition.state != .finished else { throw HTTPError(.conflict, reason: "enroll.refused.finished") }
            let changed = try db.execute("""
                UPDATE enrollments SET status = 'withdrawn', updated_at = now()
                WHERE edition_id = \(editionID) AND user_id = \(userID) AND status IN ('enrolled', 'waitlisted', 'pending')
                """)
            guard changed > 0 else { return false }
            try notify(db, app: app, userID: userID, edition: edition, status: .withdrawn, position: nil)
            try promote(db, app: app, edition: edition)
            return true
        }
    }

    /// Gives free seats to the waitlist and tells each person promoted. Holds the lock already.
    static func promote(_ db: Connection, app: CampusApp, edition: EditionDetail) throws {
        for userID in try EnrollmentQueries.fillFreeSeats(db, editionID: edition.edition.id) {
            try Notifier.notify(
                db, app: app, userID: userID, kind: .enrollment, message: "notice.enrollment.promoted",
                values: values(edition), link: Paths.edition.path(edition.edition.id))
        }
    }

    /// An instructor's or admin's decision on a pending request. Approved requests take a
    /// seat if one is free, else a place on the waitlist.
    static func decide(_ db: Connection, app: CampusApp, deciderID: Int64, editionID: Int64, enrollmentID: Int64, approve: Bool, note: String?) throws -> (userID: Int64, status: EnrollmentStatus)? {
        try db.transaction {
            guard let edition = try EnrollmentQueries.fetchEdition(db, id: editionID, lock: true) else { throw HTTPError(.notFound) }
            guard edition.state != .finished else { throw HTTPError(.conflict, reason: "enroll.refused.finished") }
            let status: EnrollmentStatus = !approve ? .rejected : edition.seatsTaken < edition.edition.capacity ? .enrolled : .waitlisted
            guard let userID: Int64 = try db.query("""
                UPDATE enrollments SET status = \(status.rawValue), decided_at = now(), decided_by = \(deciderID),
                       decision_note = \(note), updated_at = now()
                WHERE id = \(enrollmentID) AND edition_id = \(editionID) AND status = 'pending'
                RETURNING user_id
                """).first?["user_id"] else { return nil }
            let position = try EnrollmentQueries.fetchEnrollment(db, editionID: editionID, userID: userID)?.position
            var extra = values(edition)
            extra["position"] = String(position ?? 0)
            try Notifier.notify(
                db, app: app, userID: userID, kind: .enrollment, message: decisionMessage(status), values: extra, note: note,
                link: Paths.edition.path(editionID))
            return (userID, status)
        }
    }

    /// Marks a participant completed or not, with a note, once the edition has ended.
    static func assess(_ db: Connection, app: CampusApp, assessorID: Int64, editionID: Int64, enrollmentID: Int64, completed: Bool, note: String?) throws -> Int64? {
        try db.transaction {
            guard let edition = try EnrollmentQueries.fetchEdition(db, id: editionID, lock: true) else { throw HTTPError(.notFound) }
            guard try edition.edition.endsOn <= today(db) else { throw HTTPError(.conflict, reason: "roster.assess_too_early") }
            guard let userID: Int64 = try db.query("""
                UPDATE enrollments SET status = \(completed ? "completed" : "enrolled"), assessed_at = now(), assessed_by = \(assessorID),
                       completion_note = \(note), updated_at = now()
                WHERE id = \(enrollmentID) AND edition_id = \(editionID) AND status IN ('enrolled', 'completed')
                RETURNING user_id
                """).first?["user_id"] else { return nil }
            try Notifier.notify(
                db, app: app, userID: userID, kind: .enrollment,
                message: completed ? "notice.enrollment.completed" : "notice.enrollment.not_completed",
                values: values(edition), link: Paths.me.path())
            return userID
        }
    }

    /// Withdraws every active enrollment of a user (an account being deleted), freeing seats.
    static func withdrawAll(_ db: Connection, app: CampusApp, userID: Int64) throws {
        let editions: [Int64] = try db.query("""
            SELECT x.edition_id FROM enrollments x JOIN editions e ON e.id = x.edition_id
            WHERE x.user_id = \(userID) AND x.status IN ('enrolled', 'waitlisted', 'pending') AND e.ends_on >= current_date
            ORDER BY x.edition_id
            """).map { try $0["edition_id"] }
        for editionID in editions {
            guard let edition = try EnrollmentQueries.fetchEdition(db, id: editionID, lock: true) else { continue }
            try db.execute("""
                UPDATE enrollments SET status = 'withdrawn', updated_at = now()
                WHERE edition_id = \(editionID) AND user_id = \(userID) AND status IN ('enrolled', 'waitlisted', 'pending')
                """)
            try promote(db, app: app, edition: edition)
        }
    }

    /// The notice for a decision; the teaching team's note, if any, travels with it (see Notifier).
    static func decisionMessage(_ status: EnrollmentStatus) -> String {
        switch status {
        case .enrolled: "notice.enrollment.approved"
        case .waitlisted: "notice.enrollment.approved_waitlisted"
        default: "notice.enrollment.rejected"
        }
    }

    static func today(_ db: Connection) throws -> CalendarDay {
        try db.query("SELECT current_date AS today").first?["today"] ?? CalendarDay(year: 1970, month: 1, day: 1)
    }

    static func values(_ edition: EditionDetail) -> [String: String] {
        ["course": edition.courseTitle, "edition": edition.edition.name]
    }

    static func notify(_ db: Connection, app: CampusApp, userID: Int64, edition: EditionDetail, status: EnrollmentStatus, position: Int?) throws {
        var values = values(edition)
        if let position { values["position"] = String(position) }
        try Notifier.notify(
            db, app: app, userID: userID, kind: .enrollment, message: "notice.enrollment.\(status.rawValue)",
            values: values, link: Paths.edition.path(edition.edition.id))
    }
}
