import Foundation
import Postgres
import Web

/// An application's life before any decision: submitted (its eligibility checked and
/// stored), under review once a reviewer has it, withdrawn by the applicant.
enum Applications {
    /// Submits a complete draft, in the caller's transaction. The membership is checked
    /// again here and stored with the organization it counts for.
    static func submit(_ db: Connection, app: CampusApp, call: ScholarshipCall, applicationID: Int64, userID: Int64) throws {
        let membership = try ApplyEligibility.membership(db, userID: userID)
        guard membership == .active else { throw ApplyRefused(eligibility: .notMember(membership)) }
        try db.execute("""
            UPDATE applications SET status = 'submitted', submitted_at = now(), eligibility = \(membership.code),
                   eligibility_checked_at = now(), organization_id = (SELECT organization_id FROM users WHERE id = \(userID)),
                   updated_at = now()
            WHERE id = \(applicationID) AND status = 'draft'
            """)
        try ScholarshipNotices.tell(db, app: app, applicationID: applicationID, userID: userID, call: call, "submitted")
    }

    /// Submitted applications that now have a reviewer are under review; their applicants
    /// are told, all in one statement.
    static func markUnderReview(_ db: Connection, app: CampusApp, call: ScholarshipCall, applicationIDs: [Int64]) throws {
        guard !applicationIDs.isEmpty else { return }
        let changed: [Int64] = try db.query("""
            UPDATE applications SET status = 'under_review', updated_at = now()
            WHERE id = ANY(\(applicationIDs)) AND status = 'submitted' RETURNING id
            """).map { try $0["id"] }
        guard !changed.isEmpty else { return }
        try ScholarshipNotices.tellAll(db, app: app, call: call, where: "a.id = ANY(\(changed))", "under_review")
    }

    /// The applicant withdraws, before a decision or from the call's waitlist. An award is
    /// declined instead (Awards.declineAward), which passes its seat on.
    static func withdraw(_ db: Connection, app: CampusApp, applicationID: Int64, userID: Int64) throws -> Bool {
        try db.transaction {
            guard let application = try ApplicationQueries.lockApplication(db, id: applicationID), application.userID == userID else {
                throw HTTPError(.notFound)
            }
            guard application.status.isWithdrawable else { return false }
            try db.execute("""
                UPDATE applications SET status = 'withdrawn', withdrawn_at = now(), updated_at = now() WHERE id = \(applicationID)
                """)
            if let call = try CallQueries.fetchCall(db, id: application.callID), application.status != .draft {
                try ScholarshipNotices.tell(db, app: app, applicationID: applicationID, userID: userID, call: call, "withdrawn")
            }
            return true
        }
    }

    /// Account deletion: every application is withdrawn, an award's seat passes on, and
    /// what the person wrote and attached is deleted. Reviews they wrote stay, as records.
    static func withdrawAll(_ db: Connection, app: CampusApp, userID: Int64) throws {
        let rows = try db.query("SELECT id, call_id, status FROM applications WHERE user_id = \(userID) ORDER BY call_id, id")
        for row in rows {
            let id: Int64 = try row["id"]
            let status = ApplicationStatus(rawValue: try row["status"]) ?? .withdrawn
            if status == .awarded, let call = try CallQueries.fetchCall(db, id: try row["call_id"], lock: true) {
                try Awards.endAward(db, app: app, call: call, applicationID: id, userID: userID, as: .withdrawn)
            } else if status != .accepted {
                try db.execute("UPDATE applications SET status = 'withdrawn', withdrawn_at = now(), updated_at = now() WHERE id = \(id) AND status <> 'withdrawn'")
            }
        }
        try db.execute("DELETE FROM application_answers WHERE application_id IN (SELECT id FROM applications WHERE user_id = \(userID))")
        try db.execute("DELETE FROM documents WHERE application_id IN (SELECT id FROM applications WHERE user_id = \(userID))")
    }
}
