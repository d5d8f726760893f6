import Foundation
import Postgres
import Web

/// The committee's work on a call (admins): the ranking, assigning reviewers by hand or
/// automatically, deciding, and releasing the decisions. Every step is audited.
enum CommitteeRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ScholarshipPaths.adminCall, showCommittee),
        Route("POST", ScholarshipPaths.adminAssign, assignAutomatically),
        Route("POST", ScholarshipPaths.assign, assignByHand),
        Route("POST", ScholarshipPaths.decide, decide),
        Route("GET", ScholarshipPaths.adminRelease, confirmRelease),
        Route("POST", ScholarshipPaths.adminRelease, release),
    ]

    static func showCommittee(_ context: Context) throws -> Response {
        let call = try CallAdminRoutes.loadCall(context)
        let db = try context.db
        let page = CommitteePage(
            call: call, ranking: try Ranking.fetchRanking(db, callID: call.id), reviewers: try ReviewQueries.fetchReviewers(db, callID: call.id),
            seatsLeft: try EnrollmentQueries.fetchEdition(db, id: call.editionID)?.seatsLeft ?? 0, criteria: try CallQueries.fetchParts(db, callID: call.id).criteria)
        return context.page(call.title, CommitteePages.committee(page, context: context), section: .admin)
    }

    /// The committee's page of one application: everything, reviewers' names included.
    static func applicationPage(
        _ context: Context, _ view: ApplicationView, decisionForm: FormState? = nil, assignForm: FormState? = nil, status: Status = .ok
    ) throws -> Response {
        let db = try context.db
        let page = CommitteeApplicationPage(
            view: view, assignments: try ReviewQueries.fetchAssignments(db, applicationID: view.application.id),
            reviewers: try ReviewQueries.fetchReviewers(db, callID: view.call.id),
            decisionForm: decisionForm ?? FormState(t: context.t, values: [
                "decision": view.application.decision?.rawValue ?? "", "note": view.application.decisionNote,
            ]),
            assignForm: assignForm ?? FormState(t: context.t))
        let title = context.t("committee.application_title", ["id": String(view.application.id), "name": view.application.applicantName])
        return context.page(title, CommitteePages.application(page, context: context), status: status, section: .admin)
    }

    static func assignAutomatically(_ context: Context) throws -> Response {
        let user = try context.requireAdmin()
        let db = try context.db
        let id = try context.parameters.id("call")
        let result = try db.transaction {
            guard let call = try CallQueries.fetchCall(db, id: id, lock: true) else { throw HTTPError(.notFound) }
            return try ReviewAssignments.assignAutomatically(db, app: context.app, call: call, actorID: user.id, address: context.request.remoteAddress)
        }
        let flash = result.short > 0 ? "flash.assigned_short" : result.made > 0 ? "flash.assigned" : "flash.assigned_none"
        return context.redirect(ScholarshipPaths.adminCall.path(id) + "#reviewers", flash: flash)
    }

    /// The application of the path and its call, for an admin.
    static func loadForCommittee(_ context: Context) throws -> LoadedApplication {
        try context.requireAdmin()
        return try ApplicationRoutes.load(context)
    }

    static func assignByHand(_ context: Context) throws -> Response {
        let loaded = try loadForCommittee(context)
        let user = try context.requireAdmin()
        guard let reviewerID = context.form.trimmed("reviewer_id").flatMap({ Int64($0) }) else {
            var form = FormState(t: context.t, form: context.form)
            form.fail("reviewer_id", "assign.refused.choose")
            return try invalidForm(context, loaded, assignForm: form)
        }
        let db = try context.db
        let refusal: String? = try db.transaction {
            guard let call = try CallQueries.fetchCall(db, id: loaded.call.id, lock: true) else { throw HTTPError(.notFound) }
            return try ReviewAssignments.assignByHand(
                db, app: context.app, call: call, applicationID: loaded.application.id, reviewerID: reviewerID, actorID: user.id,
                address: context.request.remoteAddress)
        }
        if let refusal { throw HTTPError(.conflict, reason: refusal) }
        return context.redirect(ScholarshipPaths.application.path(loaded.application.id) + "#assignments", flash: "flash.assigned")
    }

    /// `decision` = award | waitlist | decline, with an optional `note` for the applicant
    /// (shown once released). Refusals (quota, maximum, no seat, a lapsed membership) are 409.
    static func decide(_ context: Context) throws -> Response {
        let loaded = try loadForCommittee(context)
        let user = try context.requireAdmin()
        var form = FormState(t: context.t, form: context.form)
        let decision = DecisionKind(rawValue: context.form["decision"] ?? "")
        if decision == nil { form.fail("decision", "account.error.choose") }
        let note = CatalogAdminInput.paragraphs(context.form, "note", 0...2000)
        if note == nil { form.fail("note", "committee.error.note") }
        guard let decision, let note else { return try invalidForm(context, loaded, decisionForm: form) }
        let db = try context.db
        let outcome: Decisions.Outcome = try db.transaction {
            guard let call = try CallQueries.fetchCall(db, id: loaded.call.id, lock: true),
                let application = try ApplicationQueries.lockApplication(db, id: loaded.application.id)
            else { throw HTTPError(.notFound) }
            return try Decisions.decide(db, app: context.app, call: call, application: application, decision: decision, note: note,
                                        actorID: user.id, address: context.request.remoteAddress)
        }
        if case .refused(let key, let values) = outcome { throw HTTPError(.conflict, reason: key, arguments: values) }
        return context.redirect(ScholarshipPaths.adminCall.path(loaded.call.id) + "#application-\(loaded.application.id)", flash: "flash.decision_recorded")
    }

    /// The application's page again (422) with the form that was sent, its values and errors.
    static func invalidForm(_ context: Context, _ loaded: LoadedApplication, decisionForm: FormState? = nil, assignForm: FormState? = nil) throws -> Response {
        let db = try context.db
        let view = ApplicationView(
            loaded: loaded, parts: try CallQueries.fetchParts(db, callID: loaded.call.id),
            answers: try ApplicationQueries.fetchAnswers(db, applicationID: loaded.application.id),
            attached: try ApplicationQueries.fetchAttached(db, applicationID: loaded.application.id))
        return try applicationPage(context, view, decisionForm: decisionForm, assignForm: assignForm, status: .unprocessableContent)
    }

    static func confirmRelease(_ context: Context) throws -> Response {
        let call = try CallAdminRoutes.loadCall(context)
        guard !call.isReleased else { throw HTTPError(.conflict, reason: "release.refused.already") }
        let preview = try Release.preview(try context.db, call: call)
        return context.page(context.t("release.title"), CommitteePages.confirmRelease(call, preview: preview, context: context), section: .admin)
    }

    /// Needs `confirm=yes`, which only the confirmation page sends.
    static func release(_ context: Context) throws -> Response {
        let user = try context.requireAdmin()
        let id = try context.parameters.id("call")
        guard context.form["confirm"] == "yes" else { return .redirect(to: ScholarshipPaths.adminRelease.path(id)) }
        let db = try context.db
        _ = try db.transaction {
            guard let call = try CallQueries.fetchCall(db, id: id, lock: true) else { throw HTTPError(.notFound) }
            return try Release.release(db, app: context.app, call: call, actorID: user.id, address: context.request.remoteAddress)
        }
        return context.redirect(ScholarshipPaths.adminCall.path(id), flash: "flash.decisions_released")
    }
}
