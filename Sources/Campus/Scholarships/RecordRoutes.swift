import Foundation
import Postgres
import Web

/// A line of a call's statistics: applications and awards of one organization or network.
struct CallStatsRow: Sendable {
    let key: String
    let label: String
    let applications: Int
    let awards: Int
    let accepted: Int
}

/// The record of a call for the committee (admins): every application with its scores as a
/// spreadsheet, and the numbers by organization and by territorial network.
enum RecordRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ScholarshipPaths.adminCSV, exportCSV),
        Route("GET", ScholarshipPaths.adminStats, showStats),
    ]

    /// UTF-8 with a byte-order mark, RFC 4180, formula-safe (as the roster's): a row per
    /// submitted application in ranking order, the mean score of each criterion beside the
    /// weighted score.
    static func exportCSV(_ context: Context) throws -> Response {
        let call = try CallAdminRoutes.loadCall(context)
        let db = try context.db
        let t = context.t
        let ranking = try Ranking.fetchRanking(db, callID: call.id)
        let criteria = try CallQueries.fetchParts(db, callID: call.id).criteria
        let means = try fetchCriterionMeans(db, callID: call.id)
        var rows = [[t("committee.rank"), t("csv.application"), t("field.name"), t("field.email"), t("field.organization"), t("roster.network"),
                     t("committee.status"), t("csv.submitted"), t("committee.score"), t("committee.reviews_in"), t("committee.spread")]
                    + criteria.map(\.name) + [t("committee.decision"), t("committee.note")]]
        for row in ranking {
            rows.append(line(row, criteria: criteria, means: means[row.application.id] ?? [:], context: context))
        }
        var response = Response(status: .ok, headers: [("Content-Type", "text/csv; charset=utf-8")], body: CSV.render(rows))
        response.setHeader("Content-Disposition", "attachment; filename=\"scholarship-call-\(call.id).csv\"")
        response.setHeader("Cache-Control", "no-store")
        return response
    }

    static func line(_ row: RankedApplication, criteria: [CallCriterion], means: [Int64: Double], context: Context) -> [String] {
        let t = context.t
        let application = row.application
        let network = application.network.map { t("network.\($0)") } ?? ""
        let submitted = application.submittedAt.map { RosterRoutes.isoDay($0, zone: context.timeZone) } ?? ""
        let decision = application.decision.map { t("committee.decision.\($0.rawValue)") } ?? ""
        var line: [String] = [String(row.rank), String(application.id), application.applicantName, application.applicantEmail]
        line += [application.organizationName ?? "", network, t("application.status.\(application.status.rawValue)"), submitted]
        line += [Ranking.text(row.score, t: t), String(row.reviews), Ranking.text(row.spread, t: t)]
        line += criteria.map { Ranking.text(means[$0.id], t: t) }
        return line + [decision, application.decisionNote]
    }

    /// Application → criterion → mean score, for the whole call in one statement.
    static func fetchCriterionMeans(_ db: Connection, callID: Int64) throws -> [Int64: [Int64: Double]] {
        var means: [Int64: [Int64: Double]] = [:]
        for row in try db.query("""
            SELECT ra.application_id, rs.criterion_id, avg(rs.score)::float8 AS mean
            FROM review_scores rs JOIN review_assignments ra ON ra.id = rs.assignment_id JOIN applications a ON a.id = ra.application_id
            WHERE a.call_id = \(callID) GROUP BY ra.application_id, rs.criterion_id
            """) {
            means[try row["application_id"], default: [:]][try row["criterion_id"]] = try row["mean"]
        }
        return means
    }

    static func showStats(_ context: Context) throws -> Response {
        let call = try CallAdminRoutes.loadCall(context)
        let db = try context.db
        let networks = try fetchStats(db, callID: call.id, by: "o.network")
        let organizations = try fetchStats(db, callID: call.id, by: "o.name")
        let body = StatsPages.stats(call, networks: networks, organizations: organizations, context: context)
        return context.page(context.t("stats.title", ["call": call.title]), body, section: .admin)
    }

    /// Submitted applications and awards grouped by `by` (a literal column of organizations
    /// `o`: its name or its network), one statement.
    static func fetchStats(_ db: Connection, callID: Int64, by column: StaticString) throws -> [CallStatsRow] {
        try db.query("""
            SELECT coalesce(\(unsafeRaw: column.description), '') AS key, count(*)::int8 AS applications,
                   count(*) FILTER (WHERE a.status IN ('awarded', 'accepted'))::int8 AS awards,
                   count(*) FILTER (WHERE a.status = 'accepted')::int8 AS accepted
            FROM applications a JOIN users u ON u.id = a.user_id
            LEFT JOIN organizations o ON o.id = coalesce(a.organization_id, u.organization_id)
            WHERE a.call_id = \(callID) AND a.submitted_at IS NOT NULL
            GROUP BY 1 ORDER BY count(*) FILTER (WHERE a.status IN ('awarded', 'accepted')) DESC, count(*) DESC, 1
            """).map { row in
            let key: String = try row["key"]
            return CallStatsRow(key: key, label: key, applications: try row["applications"], awards: try row["awards"], accepted: try row["accepted"])
        }
    }
}
