import Foundation
import Postgres
import Web

/// The committee's decisions. Before a call's decisions are released they are provisional:
/// recorded, counted against the quota and the per-organization maximum, and told to
/// nobody. Releasing makes them all at once; after that, a decision takes effect at once.
enum Decisions {
    /// What a decision came to: recorded, or refused with the reason (anything the refusal
    /// checked, such as the eligibility at award time, is stored even so).
    enum Outcome: Equatable {
        case recorded
        case refused(key: String, values: [String: String])
    }

    /// Decides on one application, holding the call's lock.
    static func decide(
        _ db: Connection, app: CampusApp, call: ScholarshipCall, application: Application, decision: DecisionKind, note: String,
        actorID: Int64, address: String
    ) throws -> Outcome {
        let outcome = call.isReleased
            ? try decideNow(db, app: app, call: call, application: application, decision: decision, actorID: actorID, address: address)
            : try decideProvisionally(db, call: call, application: application, decision: decision)
        guard outcome == .recorded else { return outcome }
        try db.execute("""
            INSERT INTO decisions (application_id, decision, note, decided_by, decided_at, released_at)
            VALUES (\(application.id), \(decision.rawValue), \(note), \(actorID), now(), CASE WHEN \(call.isReleased) THEN now() END)
            ON CONFLICT (application_id) DO UPDATE SET decision = EXCLUDED.decision, note = EXCLUDED.note,
                decided_by = EXCLUDED.decided_by, decided_at = now(), released_at = EXCLUDED.released_at
            """)
        try Awards.record(db, actorID: actorID, address: address, action: "application.decide", call: call, applicationID: application.id,
                          userID: application.userID, details: ["decision": decision.rawValue, "note": note, "released": String(call.isReleased)])
        return .recorded
    }

    /// Before the release: only applications in review, and never more awards marked than
    /// the quota or the organization's maximum allow.
    static func decideProvisionally(_ db: Connection, call: ScholarshipCall, application: Application, decision: DecisionKind) throws -> Outcome {
        guard application.status.isInReview else { return .refused(key: "decide.refused.not_in_review", values: [:]) }
        guard decision == .award else { return .recorded }
        let row = try db.query("""
            SELECT count(*)::int8 AS awards,
                   count(*) FILTER (WHERE coalesce(a.organization_id, u.organization_id) = \(application.organizationID))::int8 AS organization
            FROM decisions d JOIN applications a ON a.id = d.application_id JOIN users u ON u.id = a.user_id
            WHERE a.call_id = \(call.id) AND d.decision = 'award' AND d.released_at IS NULL
              AND a.status IN ('submitted', 'under_review') AND a.id <> \(application.id)
            """).first
        let marked: Int = try row?["awards"] ?? 0
        let organization: Int = try row?["organization"] ?? 0
        let standing = try Awards.standing(db, callID: call.id, organizationID: application.organizationID)
        if marked + standing.awards >= call.quota { return .refused(key: "decide.refused.quota", values: [:]) }
        if let maximum = call.maxPerOrganization, organization + standing.organization >= maximum {
            return .refused(key: "decide.refused.organization", values: [:])
        }
        return .recorded
    }

    /// After the release: an award holds a seat now, a decline or a move to the waitlist
    /// frees an award's seat for the next in line, and the applicant is told.
    static func decideNow(
        _ db: Connection, app: CampusApp, call: ScholarshipCall, application: Application, decision: DecisionKind, actorID: Int64, address: String
    ) throws -> Outcome {
        let status = application.status
        guard status.isInReview || status == .waitlisted || status == .declined || status == .awarded else {
            return .refused(key: "decide.refused.final", values: [:])
        }
        switch decision {
        case .award:
            guard status != .awarded else { return .recorded }
            let result = try Awards.make(db, call: call, applicationID: application.id, userID: application.userID, fromWaitlist: false)
            guard result == .awarded else {
                let refusal = Awards.refusal(result)
                return .refused(key: refusal.key, values: refusal.values)
            }
            let deadline: Date? = try db.query("SELECT accept_by FROM applications WHERE id = \(application.id)").first?["accept_by"]
            try ScholarshipNotices.tell(db, app: app, applicationID: application.id, userID: application.userID, call: call, "awarded", deadline: deadline)
        case .waitlist, .decline:
            let next = decision == .waitlist ? "waitlisted" : "declined"
            guard status.rawValue != next else { return .recorded }
            try db.execute("UPDATE applications SET status = \(next), updated_at = now() WHERE id = \(application.id)")
            if status == .awarded {
                try Enrollments.releaseHeldSeat(db, editionID: call.editionID, userID: application.userID)
            }
            try ScholarshipNotices.tell(db, app: app, applicationID: application.id, userID: application.userID, call: call, next)
            if status == .awarded {
                try Awards.offerNext(db, app: app, call: call, actorID: actorID, address: address, excluding: [application.id])
            }
        }
        return .recorded
    }
}
