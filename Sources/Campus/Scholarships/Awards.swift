import Foundation
import Postgres
import Web

/// Awards and the seats they hold. Every function runs in the caller's transaction holding
/// the call's row lock (`CallQueries.fetchCall(lock: true)`); the edition's lock is taken
/// after it, by the Enrollments functions — always in that order, so concurrent decisions,
/// acceptances and enrollments queue instead of deadlocking, and none of them can exceed the
/// quota, the per-organization maximum or the seats. The database enforces the first two
/// again (the CHECKs kept by `applications_count_awards`).
enum Awards {
    enum Result: Equatable {
        case awarded
        case ineligible(Membership)
        case noSeat, quota, organizationMaximum
    }

    /// Awards standing in the call, and those of one organization.
    static func standing(_ db: Connection, callID: Int64, organizationID: Int64?) throws -> (awards: Int, organization: Int) {
        let row = try db.query("""
            SELECT s.awards::int8 AS awards,
                   coalesce((SELECT o.awards FROM scholarship_organization_awards o WHERE o.call_id = s.id AND o.organization_id = \(organizationID)), 0)::int8 AS organization
            FROM scholarship_calls s WHERE s.id = \(callID)
            """).first
        return (awards: try row?["awards"] ?? 0, organization: try row?["organization"] ?? 0)
    }

    /// Makes one award: the eligibility checked again and stored (a membership can lapse
    /// after submission), then the quota, the organization's maximum and a seat held.
    static func make(_ db: Connection, call: ScholarshipCall, applicationID: Int64, userID: Int64, fromWaitlist: Bool) throws -> Result {
        let membership = try ApplyEligibility.membership(db, userID: userID)
        try db.execute("""
            UPDATE applications SET award_eligibility = \(membership.code), award_checked_at = now(), updated_at = now()
            WHERE id = \(applicationID)
            """)
        guard membership == .active else { return .ineligible(membership) }
        let organizationID: Int64? = try db.query("SELECT organization_id FROM users WHERE id = \(userID)").first?["organization_id"]
        let standing = try standing(db, callID: call.id, organizationID: organizationID)
        guard standing.awards < call.quota else { return .quota }
        if let maximum = call.maxPerOrganization, standing.organization >= maximum { return .organizationMaximum }
        guard try Enrollments.holdSeatForAward(db, editionID: call.editionID, userID: userID) != .full else { return .noSeat }
        try db.execute("""
            UPDATE applications SET status = 'awarded', awarded_at = now(),
                   accept_by = now() + make_interval(days => \(call.acceptanceDays)::int), from_waitlist = \(fromWaitlist),
                   organization_id = \(organizationID), updated_at = now()
            WHERE id = \(applicationID)
            """)
        return .awarded
    }

    /// The catalog key saying why an award could not be made.
    static func refusal(_ result: Result) -> (key: String, values: [String: String]) {
        switch result {
        case .awarded: ("", [:])
        case .ineligible(let membership): ApplyEligibility.membershipReason(membership, prefix: "decide")
        case .noSeat: ("decide.refused.no_seat", [:])
        case .quota: ("decide.refused.quota", [:])
        case .organizationMaximum: ("decide.refused.organization", [:])
        }
    }

    /// `places` freed awards go to the call's waitlist, best ranked first, each offered with
    /// its own deadline; someone no longer eligible is declined and the next one offered.
    /// Seats nobody in the call takes go to the edition's own waitlist. Returns who was offered;
    /// `excluding` stays where it is (an award the committee just moved to the waitlist).
    @discardableResult
    static func offerNext(
        _ db: Connection, app: CampusApp, call: ScholarshipCall, places: Int = 1, actorID: Int64?, address: String, excluding: [Int64] = []
    ) throws -> [Int64] {
        var offered: [Int64] = []
        var skipped = excluding
        while offered.count < places, try standing(db, callID: call.id, organizationID: nil).awards < call.quota {
            guard let next = try db.query("""
                SELECT a.id, a.user_id FROM applications a
                WHERE a.call_id = \(call.id) AND a.status = 'waitlisted' AND a.id <> ALL(\(skipped))
                ORDER BY \(Ranking.order) LIMIT 1
                """).first else { break }
            let id: Int64 = try next["id"]
            let userID: Int64 = try next["user_id"]
            let result = try make(db, call: call, applicationID: id, userID: userID, fromWaitlist: true)
            switch result {
            case .awarded:
                offered.append(id)
                try record(db, actorID: actorID, address: address, action: "application.offer", call: call, applicationID: id, userID: userID)
                let deadline: Date? = try db.query("SELECT accept_by FROM applications WHERE id = \(id)").first?["accept_by"]
                try ScholarshipNotices.tell(db, app: app, applicationID: id, userID: userID, call: call, "offered", deadline: deadline)
            case .ineligible:
                try db.execute("UPDATE applications SET status = 'declined', updated_at = now() WHERE id = \(id)")
                try record(db, actorID: actorID, address: address, action: "application.lapsed", call: call, applicationID: id, userID: userID)
                try ScholarshipNotices.tell(db, app: app, applicationID: id, userID: userID, call: call, "declined_lapsed")
            case .organizationMaximum:
                skipped.append(id)
            case .noSeat, .quota:
                try Enrollments.giveFreeSeatsToWaitlist(db, app: app, editionID: call.editionID)
                return offered
            }
        }
        try Enrollments.giveFreeSeatsToWaitlist(db, app: app, editionID: call.editionID)
        return offered
    }

    /// How an award ends before it is accepted.
    enum Ending: String {
        case awardDeclined = "award_declined", expired, withdrawn
    }

    /// Ends an award standing: the seat it held passes to the call's waitlist, then to the edition's.
    static func endAward(_ db: Connection, app: CampusApp, call: ScholarshipCall, applicationID: Int64, userID: Int64, as ending: Ending,
                         actorID: Int64? = nil, address: String = "") throws {
        let changed = try db.execute("""
            UPDATE applications SET status = \(ending.rawValue), responded_at = CASE WHEN \(ending.rawValue) = 'award_declined' THEN now() END,
                   withdrawn_at = CASE WHEN \(ending.rawValue) = 'withdrawn' THEN now() END, updated_at = now()
            WHERE id = \(applicationID) AND status = 'awarded'
            """)
        guard changed > 0 else { return }
        try Enrollments.releaseHeldSeat(db, editionID: call.editionID, userID: userID)
        switch ending {
        case .awardDeclined:
            try record(db, actorID: actorID, address: address, action: "application.decline_award", call: call, applicationID: applicationID, userID: userID)
        case .expired:
            try record(db, actorID: actorID, address: address, action: "application.expire", call: call, applicationID: applicationID, userID: userID)
        case .withdrawn:
            try record(db, actorID: actorID, address: address, action: "application.withdraw", call: call, applicationID: applicationID, userID: userID)
        }
        if ending != .withdrawn {
            try ScholarshipNotices.tell(db, app: app, applicationID: applicationID, userID: userID, call: call, ending.rawValue)
        }
        try offerNext(db, app: app, call: call, actorID: actorID, address: address)
    }

    /// The awardee accepts: the held seat becomes their enrollment. After the deadline the
    /// award expires instead (and its seat passes on); false then.
    static func accept(_ db: Connection, app: CampusApp, call: ScholarshipCall, applicationID: Int64, userID: Int64, address: String) throws -> Bool {
        let overdue = try db.query("SELECT accept_by <= now() AS overdue FROM applications WHERE id = \(applicationID) AND status = 'awarded'").first
        guard let overdue else { return false }
        if try overdue["overdue"] as Bool {
            try endAward(db, app: app, call: call, applicationID: applicationID, userID: userID, as: .expired, address: address)
            return false
        }
        try Enrollments.confirmHeldSeat(db, editionID: call.editionID, userID: userID)
        try db.execute("UPDATE applications SET status = 'accepted', responded_at = now(), updated_at = now() WHERE id = \(applicationID)")
        try record(db, actorID: userID, address: address, action: "application.accept", call: call, applicationID: applicationID, userID: userID)
        try ScholarshipNotices.tell(db, app: app, applicationID: applicationID, userID: userID, call: call, "accepted")
        return true
    }

    /// Awards whose deadline passed expire, each in its own transaction, and their seats
    /// pass on. For `campus scholarships sweep`. Returns how many expired.
    static func expireOverdue(_ db: Connection, app: CampusApp) throws -> Int {
        let overdue = try db.query("""
            SELECT id, call_id, user_id FROM applications WHERE status = 'awarded' AND accept_by <= now() ORDER BY accept_by, id
            """).map { (id: try $0["id"] as Int64, call: try $0["call_id"] as Int64, user: try $0["user_id"] as Int64) }
        var expired = 0
        for award in overdue {
            try db.transaction {
                guard let call = try CallQueries.fetchCall(db, id: award.call, lock: true),
                    try db.query("SELECT 1 FROM applications WHERE id = \(award.id) AND status = 'awarded' AND accept_by <= now()").count == 1
                else { return }
                try endAward(db, app: app, call: call, applicationID: award.id, userID: award.user, as: .expired)
                expired += 1
            }
        }
        return expired
    }

    /// An audit entry about an application; its details name the person and the edition,
    /// so the log can say whose application to what.
    static func record(_ db: Connection, actorID: Int64?, address: String, action: String, call: ScholarshipCall, applicationID: Int64, userID: Int64,
                       details: [String: String] = [:]) throws {
        try Audit.record(
            db, actorID: actorID, action: action, subjectKind: "application", subjectID: applicationID,
            details: details.merging(["user": String(userID), "edition": String(call.editionID), "call": String(call.id)]) { a, _ in a },
            address: address)
    }
}
