import Foundation
import Postgres
import Web

/// Who reviews what. A reviewer holds the reviewer role on the call, is not the applicant,
/// and never belongs to the applicant's organization. Automatic assignment gives each
/// application the call's number of reviews, to the reviewers with the fewest first, so
/// the work is spread evenly; a declared conflict passes the application to someone else
/// the same way. Every assignment and conflict is audited.
enum ReviewAssignments {
    /// An application waiting for reviewers, as assignment sees it.
    struct Pending {
        let id: Int64
        let applicantID: Int64
        let organizationID: Int64?
        /// Everyone ever assigned, conflicts included: never assigned twice.
        var reviewers: Set<Int64>
        var standing: Int
    }

    static func fetchPending(_ db: Connection, callID: Int64, only: Int64? = nil) throws -> [Pending] {
        try db.query("""
            SELECT a.id, a.user_id, coalesce(a.organization_id, u.organization_id) AS organization_id,
                   ARRAY(SELECT ra.reviewer_id FROM review_assignments ra WHERE ra.application_id = a.id) AS reviewers,
                   (SELECT count(*) FROM review_assignments ra WHERE ra.application_id = a.id AND ra.conflict_at IS NULL)::int8 AS standing
            FROM applications a JOIN users u ON u.id = a.user_id
            WHERE a.call_id = \(callID) AND a.status IN ('submitted', 'under_review') AND (\(only)::int8 IS NULL OR a.id = \(only))
            ORDER BY a.submitted_at, a.id
            """).map { row in
            Pending(
                id: try row["id"], applicantID: try row["user_id"], organizationID: try row["organization_id"],
                reviewers: Set(try row["reviewers"] as [Int64]), standing: try row["standing"])
        }
    }

    /// Whether `reviewer` may review `application`: not the applicant, not of their
    /// organization, not assigned before (a conflict declared stays declared).
    static func mayReview(_ reviewer: CallReviewer, _ application: Pending) -> Bool {
        reviewer.id != application.applicantID && !application.reviewers.contains(reviewer.id)
            && (reviewer.organizationID == nil || reviewer.organizationID != application.organizationID)
    }

    /// Plans the assignments that bring every application to the call's number of reviews:
    /// the least loaded eligible reviewer first (ties by id). Pure, for the tests too.
    static func plan(_ applications: [Pending], reviewers: [CallReviewer], perApplication: Int) -> [(application: Int64, reviewer: Int64)] {
        var load = Dictionary(reviewers.map { ($0.id, $0.load) }) { a, _ in a }
        var planned: [(application: Int64, reviewer: Int64)] = []
        for var application in applications.sorted(by: { $0.standing < $1.standing }) {
            while application.standing < perApplication {
                let candidates = reviewers.filter { mayReview($0, application) }
                guard let best = candidates.min(by: { (load[$0.id] ?? 0, $0.id) < (load[$1.id] ?? 0, $1.id) }) else { break }
                planned.append((application: application.id, reviewer: best.id))
                load[best.id, default: 0] += 1
                application.reviewers.insert(best.id)
                application.standing += 1
            }
        }
        return planned
    }

    /// Assigns automatically across the call, holding the call's lock. Returns how many
    /// assignments were made and how many reviews are still missing (too few reviewers).
    static func assignAutomatically(_ db: Connection, app: CampusApp, call: ScholarshipCall, actorID: Int64?, address: String) throws -> (made: Int, short: Int) {
        let pending = try fetchPending(db, callID: call.id)
        let reviewers = try ReviewQueries.fetchReviewers(db, callID: call.id)
        let planned = plan(pending, reviewers: reviewers, perApplication: call.reviewsPerApplication)
        try insert(db, app: app, call: call, planned, actorID: actorID, address: address, automatic: true)
        let wanted = pending.reduce(0) { $0 + max(0, call.reviewsPerApplication - $1.standing) }
        return (made: planned.count, short: wanted - planned.count)
    }

    /// Assigns one reviewer to one application by hand; nil when allowed, else the reason.
    static func assignByHand(_ db: Connection, app: CampusApp, call: ScholarshipCall, applicationID: Int64, reviewerID: Int64, actorID: Int64, address: String) throws -> String? {
        guard let application = try fetchPending(db, callID: call.id, only: applicationID).first else { return "assign.refused.not_in_review" }
        guard let reviewer = try ReviewQueries.fetchReviewers(db, callID: call.id).first(where: { $0.id == reviewerID }) else {
            return "assign.refused.not_reviewer"
        }
        if application.reviewers.contains(reviewerID) { return "assign.refused.already" }
        guard mayReview(reviewer, application) else { return "assign.refused.conflict" }
        try insert(db, app: app, call: call, [(application: applicationID, reviewer: reviewerID)], actorID: actorID, address: address, automatic: false)
        return nil
    }

    /// The reviewer declares a conflict: the assignment ends (kept, with the reason) and
    /// the application goes to the least loaded reviewer who may take it, if any.
    static func declareConflict(_ db: Connection, app: CampusApp, call: ScholarshipCall, applicationID: Int64, reviewerID: Int64, reason: String, address: String) throws -> Bool {
        let changed = try db.execute("""
            UPDATE review_assignments SET conflict_at = now(), conflict_reason = \(reason)
            WHERE application_id = \(applicationID) AND reviewer_id = \(reviewerID) AND conflict_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.assignment_id = review_assignments.id)
            """)
        guard changed > 0 else { return false }
        let applicantID: Int64 = try db.query("SELECT user_id FROM applications WHERE id = \(applicationID)").first?["user_id"] ?? 0
        try Awards.record(db, actorID: reviewerID, address: address, action: "application.conflict", call: call, applicationID: applicationID,
                          userID: applicantID, details: ["reason": reason])
        let pending = try fetchPending(db, callID: call.id, only: applicationID)
        let planned = plan(pending, reviewers: try ReviewQueries.fetchReviewers(db, callID: call.id), perApplication: call.reviewsPerApplication)
        try insert(db, app: app, call: call, Array(planned.prefix(1)), actorID: nil, address: address, automatic: true)
        return true
    }

    /// Writes the assignments in one statement, audits each, and tells the applicants
    /// whose application is now under review.
    static func insert(_ db: Connection, app: CampusApp, call: ScholarshipCall, _ planned: [(application: Int64, reviewer: Int64)],
                       actorID: Int64?, address: String, automatic: Bool) throws {
        guard !planned.isEmpty else { return }
        let rows = try db.query("""
            INSERT INTO review_assignments (application_id, reviewer_id, assigned_by)
            SELECT x.a, x.r, \(automatic ? nil : actorID) FROM unnest(\(planned.map(\.application))::int8[], \(planned.map(\.reviewer))::int8[]) AS x(a, r)
            ON CONFLICT (application_id, reviewer_id) DO NOTHING
            RETURNING application_id, reviewer_id, (SELECT user_id FROM applications WHERE id = application_id) AS applicant
            """)
        for row in rows {
            try Awards.record(db, actorID: actorID, address: address, action: "application.assign", call: call, applicationID: try row["application_id"],
                              userID: try row["applicant"], details: ["reviewer": String(try row["reviewer_id"] as Int64), "automatic": String(automatic)])
        }
        try Applications.markUnderReview(db, app: app, call: call, applicationIDs: planned.map(\.application))
    }
}
