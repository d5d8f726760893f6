import Foundation
import Postgres
import Web

/// A reviewer of a call, with how many applications they have (assignments standing).
struct CallReviewer: Sendable {
    let id: Int64
    let name: String
    let organizationID: Int64?
    let organizationName: String?
    let load: Int
    let done: Int
}

/// One assignment of an application to a reviewer, with the review if it is in.
struct ReviewAssignment: Sendable {
    let id: Int64
    let applicationID: Int64
    let reviewerID: Int64
    let reviewerName: String
    let assignedByAdmin: Bool
    let assignedAt: Date
    let conflictAt: Date?
    let conflictReason: String?
    let submittedAt: Date?
    let comment: String
    /// Criterion id → score.
    let scores: [Int64: Int]
}

/// One line of a reviewer's /review list.
struct ReviewListRow: Sendable {
    let applicationID: Int64
    let callID: Int64
    let callTitle: String
    let blind: Bool
    let applicantName: String
    let organizationName: String?
    let status: ApplicationStatus
    let reviewed: Bool
}

/// The SQL of reviewers, assignments and reviews.
enum ReviewQueries {
    /// The people holding reviewer:call=ID, with their load in that call.
    static func fetchReviewers(_ db: Connection, callID: Int64) throws -> [CallReviewer] {
        let holders = try AccountQueries.fetchRoleHolders(db, role: .reviewer, scope: .call(callID)).map(\.id)
        return try db.query("""
            SELECT u.id, u.name, u.organization_id, o.name AS organization,
                   count(ra.id) FILTER (WHERE ra.conflict_at IS NULL)::int8 AS load,
                   count(r.assignment_id) FILTER (WHERE ra.conflict_at IS NULL)::int8 AS done
            FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
            LEFT JOIN (review_assignments ra JOIN applications a ON a.id = ra.application_id AND a.call_id = \(callID))
                ON ra.reviewer_id = u.id
            LEFT JOIN reviews r ON r.assignment_id = ra.id
            WHERE u.id = ANY(\(holders)) AND u.disabled_at IS NULL AND u.deleted_at IS NULL
            GROUP BY u.id, o.name ORDER BY lower(u.name), u.id
            """).map { row in
            CallReviewer(
                id: try row["id"], name: try row["name"], organizationID: try row["organization_id"],
                organizationName: try row["organization"], load: try row["load"], done: try row["done"])
        }
    }

    /// Every assignment of an application, its conflicts and reviews included.
    static func fetchAssignments(_ db: Connection, applicationID: Int64) throws -> [ReviewAssignment] {
        try db.query("""
            SELECT ra.id, ra.application_id, ra.reviewer_id, u.name, ra.assigned_by IS NOT NULL AS by_admin, ra.assigned_at,
                   ra.conflict_at, ra.conflict_reason, r.submitted_at, coalesce(r.comment, '') AS comment,
                   ARRAY(SELECT rs.criterion_id FROM review_scores rs WHERE rs.assignment_id = ra.id ORDER BY rs.criterion_id) AS criteria,
                   ARRAY(SELECT rs.score::int8 FROM review_scores rs WHERE rs.assignment_id = ra.id ORDER BY rs.criterion_id) AS scores
            FROM review_assignments ra JOIN users u ON u.id = ra.reviewer_id LEFT JOIN reviews r ON r.assignment_id = ra.id
            WHERE ra.application_id = \(applicationID)
            ORDER BY ra.assigned_at, ra.id
            """).map { row in
            let criteria: [Int64] = try row["criteria"]
            let scores: [Int64] = try row["scores"]
            return ReviewAssignment(
                id: try row["id"], applicationID: try row["application_id"], reviewerID: try row["reviewer_id"], reviewerName: try row["name"],
                assignedByAdmin: try row["by_admin"], assignedAt: try row["assigned_at"], conflictAt: try row["conflict_at"],
                conflictReason: try row["conflict_reason"], submittedAt: try row["submitted_at"], comment: try row["comment"],
                scores: Dictionary(zip(criteria, scores.map(Int.init))) { a, _ in a })
        }
    }

    /// A reviewer's assignments standing, across calls, those to do first. One statement.
    static func fetchReviewList(_ db: Connection, reviewer: CurrentUser) throws -> [ReviewListRow] {
        try db.query("""
            SELECT a.id, a.call_id, s.title, s.blind, a.status, u.name, o.name AS organization, r.assignment_id IS NOT NULL AS reviewed
            FROM review_assignments ra JOIN applications a ON a.id = ra.application_id
            JOIN scholarship_calls s ON s.id = a.call_id JOIN users u ON u.id = a.user_id
            LEFT JOIN organizations o ON o.id = coalesce(a.organization_id, u.organization_id)
            LEFT JOIN reviews r ON r.assignment_id = ra.id
            WHERE ra.reviewer_id = \(reviewer.id) AND ra.conflict_at IS NULL AND \(ReviewPolicy.assignedSQL(reviewer, application: "a"))
            ORDER BY s.closes_at DESC, s.id, r.assignment_id IS NOT NULL, a.submitted_at, a.id
            """).map { row in
            ReviewListRow(
                applicationID: try row["id"], callID: try row["call_id"], callTitle: try row["title"], blind: try row["blind"],
                applicantName: try row["name"], organizationName: try row["organization"],
                status: ApplicationStatus(rawValue: try row["status"]) ?? .withdrawn, reviewed: try row["reviewed"])
        }
    }

    /// Saves a reviewer's scores and comment (a review is one form: all criteria at once).
    static func saveReview(_ db: Connection, assignmentID: Int64, scores: [Int64: Int], comment: String) throws {
        try db.execute("""
            INSERT INTO reviews (assignment_id, comment) VALUES (\(assignmentID), \(comment))
            ON CONFLICT (assignment_id) DO UPDATE SET comment = EXCLUDED.comment, updated_at = now()
            """)
        try db.execute("""
            INSERT INTO review_scores (assignment_id, criterion_id, score)
            SELECT \(assignmentID), c, s FROM unnest(\(Array(scores.keys))::int8[], \(scores.values.map { Int64($0) })::int8[]) AS x(c, s)
            ON CONFLICT (assignment_id, criterion_id) DO UPDATE SET score = EXCLUDED.score
            """)
    }

    /// A review's weighted score: the criteria's scores weighted, on the 0–5 scale.
    static func weighted(_ scores: [Int64: Int], criteria: [CallCriterion]) -> Double? {
        let weights = criteria.filter { scores[$0.id] != nil }
        let total = weights.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        return Double(weights.reduce(0) { $0 + $1.weight * (scores[$1.id] ?? 0) }) / Double(total)
    }
}
