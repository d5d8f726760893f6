import Foundation
import Postgres
import Web

/// One participant as the roster lists them.
struct RosterEntry: Sendable {
    let id: Int64
    let status: EnrollmentStatus
    let position: Int?
    let requestedAt: Date
    let decisionNote: String?
    let assessed: Bool
    let completionNote: String?
    let name: String
    let email: String
    let job: String
    let organization: String?
    let network: String?
}

/// The people of an edition, for its instructors and admins: who is in, who waits, who
/// asked; decisions on requests, completion at the end, and a CSV export.
enum RosterRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.roster, showRoster),
        Route("GET", Paths.rosterCSV, exportRoster),
        Route("POST", Paths.rosterDecide, decide),
        Route("POST", Paths.rosterAssess, assess),
    ]

    static func fetchRoster(_ db: Connection, editionID: Int64) throws -> [RosterEntry] {
        try db.query("""
            SELECT x.id, x.status, (\(EnrollmentQueries.position))::int8 AS position, x.requested_at, x.decision_note,
                   x.assessed_at IS NOT NULL AS assessed, x.completion_note,
                   u.name, u.email, u.position AS job, o.name AS organization, o.network
            FROM enrollments x JOIN users u ON u.id = x.user_id LEFT JOIN organizations o ON o.id = u.organization_id
            WHERE x.edition_id = \(editionID)
            ORDER BY CASE x.status WHEN 'pending' THEN 0 WHEN 'enrolled' THEN 1 WHEN 'completed' THEN 1 WHEN 'waitlisted' THEN 2 ELSE 3 END,
                     x.requested_at, x.id
            """).map { row in
            RosterEntry(
                id: try row["id"], status: EnrollmentStatus(rawValue: try row["status"]) ?? .withdrawn, position: try row["position"],
                requestedAt: try row["requested_at"], decisionNote: try row["decision_note"], assessed: try row["assessed"],
                completionNote: try row["completion_note"], name: try row["name"], email: try row["email"], job: try row["job"],
                organization: try row["organization"], network: try row["network"])
        }
    }

    /// The edition, for its instructors and admins only.
    static func loadEdition(_ context: Context) throws -> EditionDetail {
        let id = try context.parameters.id("id")
        try context.require(.instructor, .edition(id))
        guard let edition = try EnrollmentQueries.fetchEdition(try context.db, id: id) else { throw HTTPError(.notFound) }
        return edition
    }

    static func showRoster(_ context: Context) throws -> Response {
        let edition = try loadEdition(context)
        let entries = try fetchRoster(try context.db, editionID: edition.edition.id)
        let ended = try edition.edition.endsOn <= Enrollments.today(try context.db)
        return context.page(context.t("roster.title", ["edition": edition.edition.name]), RosterPages.roster(edition, entries: entries, ended: ended, context: context), section: .courses)
    }

    static func exportRoster(_ context: Context) throws -> Response {
        let edition = try loadEdition(context)
        let t = context.t
        let entries = try fetchRoster(try context.db, editionID: edition.edition.id)
        var rows = [[t("field.name"), t("field.email"), t("field.organization"), t("roster.network"), t("field.position"),
                     t("roster.status"), t("roster.position"), t("roster.requested"), t("roster.note")]]
        for entry in entries {
            rows.append([
                entry.name, entry.email, entry.organization ?? "", entry.network.map { t("network.\($0)") } ?? "",
                t("position.\(entry.job)"), RosterPages.statusLabel(entry, t: t), entry.position.map(String.init) ?? "",
                entry.requestedAt.postgresText, entry.completionNote ?? entry.decisionNote ?? "",
            ])
        }
        var response = Response(status: .ok, headers: [("Content-Type", "text/csv; charset=utf-8")], body: CSV.render(rows))
        let name = "\(edition.courseSlug)-\(edition.edition.id).csv"
        response.setHeader("Content-Disposition", "attachment; filename=\"\(name)\"")
        response.setHeader("Cache-Control", "no-store")
        return response
    }

    static func note(_ context: Context) throws -> String? {
        guard let note = context.form.trimmed("note") else { return nil }
        guard note.codePoints <= 2000 else { throw HTTPError(.unprocessableContent, reason: "roster.note_long") }
        return note
    }

    /// `decision` = approve | reject, with an optional `note` for the person.
    static func decide(_ context: Context) throws -> Response {
        let edition = try loadEdition(context)
        let enrollmentID = try context.parameters.id("enrollment")
        let decision = context.form["decision"]
        guard decision == "approve" || decision == "reject" else { throw HTTPError(.unprocessableContent, reason: "roster.choose_decision") }
        let note = try note(context)
        let db = try context.db
        let done: Bool = try db.transaction {
            guard let result = try Enrollments.decide(
                db, app: context.app, deciderID: context.user?.id ?? 0, editionID: edition.edition.id, enrollmentID: enrollmentID,
                approve: decision == "approve", note: note)
            else { return false }
            try context.audit("enrollment.\(decision ?? "")", "enrollment", enrollmentID, [
                "edition": String(edition.edition.id), "user": String(result.userID), "status": result.status.rawValue, "note": note ?? "",
            ])
            return true
        }
        // Already decided (the same form again, or by someone else): back to the roster.
        return context.redirect(Paths.roster.path(edition.edition.id), flash: done ? "flash.decision_saved" : "flash.already_decided")
    }

    /// `result` = completed | not_completed, with an optional `note`, once the edition has ended.
    static func assess(_ context: Context) throws -> Response {
        let edition = try loadEdition(context)
        let enrollmentID = try context.parameters.id("enrollment")
        let result = context.form["result"]
        guard result == "completed" || result == "not_completed" else { throw HTTPError(.unprocessableContent, reason: "roster.choose_result") }
        let note = try note(context)
        let db = try context.db
        try db.transaction {
            guard let userID = try Enrollments.assess(
                db, app: context.app, assessorID: context.user?.id ?? 0, editionID: edition.edition.id, enrollmentID: enrollmentID,
                completed: result == "completed", note: note)
            else { throw HTTPError(.notFound) }
            try context.audit("enrollment.\(result == "completed" ? "complete" : "not_complete")", "enrollment", enrollmentID, [
                "edition": String(edition.edition.id), "user": String(userID), "note": note ?? "",
            ])
        }
        return context.redirect(Paths.roster.path(edition.edition.id) + "#enrolled", flash: "flash.assessment_saved")
    }
}
