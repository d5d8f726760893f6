import Foundation
import Postgres
import Web

/// One application as the committee's ranking shows it.
struct RankedApplication: Sendable {
    let application: Application
    /// The weighted score (0–5) averaged over the reviews in; nil before any.
    let score: Double?
    let reviews: Int
    /// Reviewers assigned whose assignment stands.
    let assigned: Int
    /// The distance between the highest and the lowest review's weighted score.
    let spread: Double?
    let rank: Int
}

/// The committee's ranking: applications by weighted score. A review's weighted score is
/// the mean of its criteria's scores (0–5) weighted by each criterion's weight; an
/// application's is the mean of its reviews'.
enum Ranking {
    /// Each submitted review's weighted score for application `a`, as a derived table `w(score)`.
    static let reviewScores: SQL = """
        (SELECT sum(rs.score * cc.weight)::numeric / nullif(sum(cc.weight), 0) AS score
         FROM review_assignments ra JOIN review_scores rs ON rs.assignment_id = ra.id JOIN call_criteria cc ON cc.id = rs.criterion_id
         WHERE ra.application_id = a.id GROUP BY ra.id) w
        """

    static let score: SQL = "(SELECT avg(w.score) FROM \(reviewScores))"

    /// Best first; unreviewed last, in the order they were submitted.
    static let order: SQL = "\(score) DESC NULLS LAST, a.submitted_at, a.id"

    /// The call's submitted applications, ranked, with the numbers beside each score. One statement.
    static func fetchRanking(_ db: Connection, callID: Int64) throws -> [RankedApplication] {
        try db.query("""
            SELECT q.*, row_number() OVER (ORDER BY q.score DESC NULLS LAST, q.submitted_at, q.id)::int8 AS rank
            FROM (SELECT \(ApplicationQueries.columns), r.score, r.spread, r.reviews, n.assigned
                  \(ApplicationQueries.from)
                  CROSS JOIN LATERAL (SELECT avg(w.score)::float8 AS score, (max(w.score) - min(w.score))::float8 AS spread,
                                             count(*)::int8 AS reviews FROM \(reviewScores)) r
                  CROSS JOIN LATERAL (SELECT count(*)::int8 AS assigned FROM review_assignments ra
                                      WHERE ra.application_id = a.id AND ra.conflict_at IS NULL) n
                  WHERE a.call_id = \(callID) AND a.submitted_at IS NOT NULL) q
            ORDER BY rank
            """).map { row in
            RankedApplication(
                application: try ApplicationQueries.application(row), score: try row["score"], reviews: try row["reviews"],
                assigned: try row["assigned"], spread: try row["spread"], rank: try row["rank"])
        }
    }

    /// "3,4" in the reader's language: one decimal is what a 0–5 scale can tell apart.
    static func text(_ value: Double?, t: Localizer) -> String {
        guard let value else { return "—" }
        let tenths = Int((value * 10).rounded())
        return t.number(tenths / 10) + t.decimalSeparator + String(tenths % 10)
    }
}
