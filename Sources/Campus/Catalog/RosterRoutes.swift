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
    /// The affiliation counts for eligibility (confirmed by staff or by the email's domain).
    let affiliationConfirmed: Bool
}

/// The people of an edition, for its instructors and admins: who is in, who waits, who
/// asked; decisions on requests, completion at the end, and a CSV export.
enum RosterRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.roster, showRoster),
        Route("GET", Paths.rosterCSV, exportRoster),
        Route("POST", Paths.rosterDecide, decide),
        Route("GET", Paths.rosterReject, confirmReject),
        Route("POST", Paths.rosterAssess, assess),
    ]

    /// The edition's people, or only enrollment `only` of it.
    static func fetchRoster(_ db: Connection, editionID: Int64, only: Int64? = nil) throws -> [RosterEntry] {
        try db.query("""
            SELECT x.id, x.status, (\(EnrollmentQueries.position))::int8 AS position, x.requested_at, x.decision_note,
                   x.assessed_at IS NOT NULL AS assessed, x.completion_note,
                   u.name, u.email, u.position AS job, o.name AS organization, o.network,
                   coalesce(\(AccountQueries.affiliationCounts), false) AS affiliation_counts
            FROM enrollments x JOIN users u ON u.id = x.user_id LEFT JOIN organizations o ON o.id = u.organization_id
            WHERE x.edition_id = \(editionID) AND (\(only)::int8 IS NULL OR x.id = \(only))
            ORDER BY CASE x.status WHEN 'pending' THEN 0 WHEN 'enrolled' THEN 1 WHEN 'completed' THEN 1 WHEN 'waitlisted' THEN 2 ELSE 3 END,
                     x.requested_at, x.id
            """).map { row in
            RosterEntry(
                id: try row["id"], status: EnrollmentStatus(rawValue: try row["status"]) ?? .withdrawn, position: try row["position"],
                requestedAt: try row["requested_at"], decisionNote: try row["decision_note"], assessed: try row["assessed"],
                completionNote: try row["completion_note"], name: try row["name"], email: try row["email"], job: try row["job"],
                organization: try row["organization"], network: try row["network"], affiliationConfirmed: try row["affiliation_counts"])
        }
    }

    /// The edition, for its instructors and admins only.
    static func loadEdition(_ context: Context) throws -> EditionDetail {
        let id = try context.parameters.id("id")
        guard EditionPolicy.canManage(try context.requireUser(), editionID: id) else { throw HTTPError(.forbidden) }
        guard let edition = try EnrollmentQueries.fetchEdition(try context.db, id: id) else { throw HTTPError(.notFound) }
        return edition
    }

    static func showRoster(_ context: Context) throws -> Response {
        let edition = try loadEdition(context)
        let entries = try fetchRoster(try context.db, editionID: edition.edition.id)
        let ended = try edition.edition.endsOn <= Enrollments.today(try context.db)
        return context.page(context.t("roster.title", ["edition": edition.edition.name]), RosterPages.roster(edition, entries: entries, ended: ended, context: context), section: section(context))
    }

    /// The page's place in the navigation: the teaching home for its teachers.
    static func section(_ context: Context) -> Section {
        context.user?.teachesAnyEdition == true ? .teaching : .courses
    }

    /// A spreadsheet of the roster: words for statuses, the request's day as yyyy-mm-dd in
    /// the reader's time zone (a spreadsheet sorts it and reads it as a date in any locale).
    static func exportRoster(_ context: Context) throws -> Response {
        let edition = try loadEdition(context)
        let t = context.t
        let entries = try fetchRoster(try context.db, editionID: edition.edition.id)
        var rows = [[t("field.name"), t("field.email"), t("field.organization"), t("roster.network"), t("roster.affiliation"),
                     t("field.position"), t("roster.status"), t("roster.position"), t("roster.requested"), t("roster.note")]]
        for entry in entries {
            let affiliation = entry.organization == nil ? "" : t(entry.affiliationConfirmed ? "roster.affiliation.confirmed" : "roster.affiliation.unconfirmed")
            rows.append([
                entry.name, entry.email, entry.organization ?? "", entry.network.map { t("network.\($0)") } ?? "", affiliation,
                t("position.\(entry.job)"), RosterPages.statusWord(entry, t: t), entry.position.map(String.init) ?? "",
                isoDay(entry.requestedAt, zone: context.timeZone), entry.completionNote ?? entry.decisionNote ?? "",
            ])
        }
        var response = Response(status: .ok, headers: [("Content-Type", "text/csv; charset=utf-8")], body: CSV.render(rows))
        let name = "\(edition.courseSlug)-\(edition.edition.id).csv"
        response.setHeader("Content-Disposition", "attachment; filename=\"\(name)\"")
        response.setHeader("Cache-Control", "no-store")
        return response
    }

    static func isoDay(_ instant: Date, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    static func note(_ context: Context) throws -> String? {
        guard let note = context.form.trimmed("note") else { return nil }
        guard note.codePoints <= 2000 else { throw HTTPError(.unprocessableContent, reason: "roster.note_long") }
        return note
    }

    /// `decision` = approve | reject, with an optional `note` for the person. Not accepting
    /// cannot be undone, so it needs `confirm=yes`; without it the confirmation page comes,
    /// the note kept.
    static func decide(_ context: Context) throws -> Response {
        let edition = try loadEdition(context)
        let enrollmentID = try context.parameters.id("enrollment")
        let decision = context.form["decision"]
        guard decision == "approve" || decision == "reject" else { throw HTTPError(.unprocessableContent, reason: "roster.choose_decision") }
        let note = try note(context)
        if decision == "reject", context.form["confirm"] != "yes" { return try rejectPage(context, edition: edition, enrollmentID: enrollmentID, note: note) }
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

    /// GET …/reject: what not accepting means, the note to send, and the button that does it.
    static func confirmReject(_ context: Context) throws -> Response {
        let edition = try loadEdition(context)
        return try rejectPage(context, edition: edition, enrollmentID: try context.parameters.id("enrollment"), note: nil)
    }

    static func rejectPage(_ context: Context, edition: EditionDetail, enrollmentID: Int64, note: String?) throws -> Response {
        guard let entry = try fetchRoster(try context.db, editionID: edition.edition.id, only: enrollmentID).first else { throw HTTPError(.notFound) }
        guard entry.status == .pending else { return context.redirect(Paths.roster.path(edition.edition.id), flash: "flash.already_decided") }
        let body = ConfirmationPages.reject(edition, entry: entry, note: note, context: context)
        return context.page(context.t("reject.title", ["name": entry.name]), body, section: section(context))
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
            try Certificates.recordAssessment(
                db, app: context.app, userID: userID, courseID: edition.courseID, editionID: edition.edition.id,
                completed: result == "completed", by: context.user?.id ?? 0)
            try context.audit("enrollment.\(result == "completed" ? "complete" : "not_complete")", "enrollment", enrollmentID, [
                "edition": String(edition.edition.id), "user": String(userID), "note": note ?? "",
            ])
        }
        return context.redirect(Paths.roster.path(edition.edition.id) + "#enrolled", flash: "flash.assessment_saved")
    }
}
