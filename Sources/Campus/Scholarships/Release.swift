import Foundation
import Postgres
import Web

/// Releasing a call's decisions: every provisional decision takes effect in one transaction
/// and every applicant is told at once — no applicant hears a provisional decline while
/// the committee deliberates.
enum Release {
    /// What the release would do, for the page that asks before it.
    struct Preview: Sendable {
        let undecided: Int
        let awards: Int
        let waitlist: Int
        let decline: Int
        let seatsLeft: Int
    }

    /// What it did, for the flash and the audit log.
    struct Summary: Sendable {
        var awarded = 0
        var waitlisted = 0
        var declined = 0
        /// Awards refused because the membership had lapsed since submission.
        var lapsed = 0
        /// Places those freed, offered to the call's waitlist.
        var offered = 0
    }

    static func preview(_ db: Connection, call: ScholarshipCall) throws -> Preview {
        let row = try db.query("""
            SELECT count(*) FILTER (WHERE d.decision IS NULL)::int8 AS undecided,
                   count(*) FILTER (WHERE d.decision = 'award')::int8 AS awards,
                   count(*) FILTER (WHERE d.decision = 'waitlist')::int8 AS waitlist,
                   count(*) FILTER (WHERE d.decision = 'decline')::int8 AS decline
            FROM applications a LEFT JOIN decisions d ON d.application_id = a.id
            WHERE a.call_id = \(call.id) AND a.status IN ('submitted', 'under_review')
            """).first
        let seats = try EnrollmentQueries.fetchEdition(db, id: call.editionID)?.seatsLeft ?? 0
        return Preview(
            undecided: try row?["undecided"] ?? 0, awards: try row?["awards"] ?? 0, waitlist: try row?["waitlist"] ?? 0,
            decline: try row?["decline"] ?? 0, seatsLeft: seats)
    }

    /// In the caller's transaction, holding the call's lock. Refuses (409, nothing changed)
    /// while an application awaits its decision or when the edition lacks the seats.
    static func release(_ db: Connection, app: CampusApp, call: ScholarshipCall, actorID: Int64, address: String) throws -> Summary {
        guard !call.isReleased else { throw HTTPError(.conflict, reason: "release.refused.already") }
        let decided = try db.query("""
            SELECT a.id, a.user_id, d.decision FROM applications a LEFT JOIN decisions d ON d.application_id = a.id
            WHERE a.call_id = \(call.id) AND a.status IN ('submitted', 'under_review')
            ORDER BY \(Ranking.order)
            """).map { (id: try $0["id"] as Int64, user: try $0["user_id"] as Int64, decision: (try $0["decision"] as String?).flatMap(DecisionKind.init)) }
        let undecided = decided.filter { $0.decision == nil }.count
        guard undecided == 0 else { throw HTTPError(.conflict, reason: "release.refused.undecided", arguments: ["n": String(undecided)]) }
        let awards = decided.filter { $0.decision == .award }
        try checkSeats(db, call: call, awardees: awards.map(\.user))
        var summary = Summary()
        var lapsed: [Int64] = []
        for award in awards {
            switch try Awards.make(db, call: call, applicationID: award.id, userID: award.user, fromWaitlist: false) {
            case .awarded:
                summary.awarded += 1
            case .ineligible:
                lapsed.append(award.id)
                try db.execute("UPDATE applications SET status = 'declined', updated_at = now() WHERE id = \(award.id)")
                try Awards.record(db, actorID: actorID, address: address, action: "application.lapsed", call: call, applicationID: award.id, userID: award.user)
            case let refused:
                let refusal = Awards.refusal(refused)
                throw HTTPError(.conflict, reason: refusal.key, arguments: refusal.values)
            }
        }
        summary.lapsed = lapsed.count
        summary.waitlisted = try db.execute("""
            UPDATE applications a SET status = 'waitlisted', updated_at = now() FROM decisions d
            WHERE d.application_id = a.id AND a.call_id = \(call.id) AND a.status IN ('submitted', 'under_review') AND d.decision = 'waitlist'
            """)
        summary.declined = try db.execute("""
            UPDATE applications a SET status = 'declined', updated_at = now() FROM decisions d
            WHERE d.application_id = a.id AND a.call_id = \(call.id) AND a.status IN ('submitted', 'under_review') AND d.decision = 'decline'
            """)
        try db.execute("UPDATE decisions SET released_at = now() WHERE application_id IN (SELECT id FROM applications WHERE call_id = \(call.id))")
        try db.execute("UPDATE scholarship_calls SET released_at = now(), released_by = \(actorID), updated_at = now() WHERE id = \(call.id)")
        let released = try CallQueries.fetchCall(db, id: call.id) ?? call
        try tellEveryone(db, app: app, call: released, lapsed: lapsed)
        if !lapsed.isEmpty {
            summary.offered = try Awards.offerNext(db, app: app, call: released, places: lapsed.count, actorID: actorID, address: address).count
        }
        try Audit.record(db, actorID: actorID, action: "call.release", subjectKind: "call", subjectID: call.id, details: [
            "edition": String(call.editionID), "awarded": String(summary.awarded), "waitlisted": String(summary.waitlisted),
            "declined": String(summary.declined), "lapsed": String(summary.lapsed), "offered": String(summary.offered),
        ], address: address)
        return summary
    }

    /// The awards need seats that are neither taken nor held; an awardee who has a seat of
    /// their own needs none.
    static func checkSeats(_ db: Connection, call: ScholarshipCall, awardees: [Int64]) throws {
        let left = try Enrollments.seatsLeft(db, editionID: call.editionID)
        var needed = 0
        for user in awardees {
            let status = try EnrollmentQueries.fetchEnrollment(db, editionID: call.editionID, userID: user)?.status
            if status != .enrolled && status != .completed && status != .held { needed += 1 }
        }
        guard needed <= left else {
            throw HTTPError(.conflict, reason: "release.refused.seats", arguments: ["awards": String(needed), "seats": String(left)])
        }
    }

    /// One statement per outcome, however many applicants: awarded (with the deadline),
    /// waitlisted, declined, and declined because the membership lapsed.
    static func tellEveryone(_ db: Connection, app: CampusApp, call: ScholarshipCall, lapsed: [Int64]) throws {
        let deadline: Date? = try db.query("""
            SELECT min(accept_by) AS deadline FROM applications WHERE call_id = \(call.id) AND status = 'awarded'
            """).first?["deadline"]
        try ScholarshipNotices.tellAll(db, app: app, call: call, where: "a.status = 'awarded'", "awarded", deadline: deadline)
        try ScholarshipNotices.tellAll(db, app: app, call: call, where: "a.status = 'waitlisted'", "waitlisted")
        try ScholarshipNotices.tellAll(db, app: app, call: call, where: "a.status = 'declined' AND a.id <> ALL(\(lapsed))", "declined")
        try ScholarshipNotices.tellAll(db, app: app, call: call, where: "a.id = ANY(\(lapsed))", "declined_lapsed")
    }
}
