import Foundation
import Postgres
import Web

/// /scholarships/{call}/apply: one form, saved as a draft as often as the applicant likes
/// and submitted once everything required is there. One application per call and person.
enum ApplyRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ScholarshipPaths.apply, showForm),
        Route("POST", ScholarshipPaths.apply, save),
    ]

    /// What saving came to.
    enum Outcome {
        case saved(Int64)
        case submitted(Int64)
        /// Saved, but a submission lacks these.
        case incomplete([String], FormState)
        case invalid(FormState)
    }

    static func showForm(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let call = try CallRoutes.loadCall(context)
        let db = try context.db
        let mine = try ApplicationQueries.fetchApplication(db, callID: call.id, userID: user.id)
        if let mine, mine.status != .draft { return .redirect(to: ScholarshipPaths.application.path(mine.id)) }
        let eligibility = try ApplyEligibility.check(db, call: call, user: user)
        guard eligibility == .eligible, user.isVerified else {
            let body = ApplyPages.refusal(call, eligibility: eligibility, verified: user.isVerified, context: context)
            return context.page(context.t("apply.title", ["call": call.title]), body, section: .scholarships)
        }
        var values: [String: String] = [:]
        if let mine {
            for (question, answer) in try ApplicationQueries.fetchAnswers(db, applicationID: mine.id) { values["answer_\(question)"] = answer }
        }
        return try formPage(context, call, applicationID: mine?.id, form: FormState(t: context.t, values: values))
    }

    static func formPage(_ context: Context, _ call: ScholarshipCall, applicationID: Int64?, form: FormState, missing: [String] = [], status: Status = .ok) throws -> Response {
        let db = try context.db
        let attached = try applicationID.map { try ApplicationQueries.fetchAttached(db, applicationID: $0) } ?? [:]
        let page = ApplyPage(
            call: call, parts: try CallQueries.fetchParts(db, callID: call.id), applicationID: applicationID, attached: attached,
            form: form, missing: missing, uploadMax: context.settings.uploadMax)
        return context.page(context.t("apply.title", ["call": call.title]), ApplyPages.form(page, context: context), status: status, section: .scholarships)
    }

    static func save(_ context: Context) throws -> Response {
        let user = try context.requireVerified()
        let call = try CallRoutes.loadCall(context)
        let db = try context.db
        if let mine = try ApplicationQueries.fetchApplication(db, callID: call.id, userID: user.id), mine.status != .draft {
            return .redirect(to: ScholarshipPaths.application.path(mine.id))
        }
        let parts = try CallQueries.fetchParts(db, callID: call.id)
        var form = FormState(t: context.t, form: context.form)
        let outcome: Outcome
        do {
            guard let input = ApplyInput.read(context.form, parts: parts, uploadMax: context.settings.uploadMax, into: &form) else {
                return try formPage(context, call, applicationID: try existingID(db, call: call, user: user), form: form, status: .unprocessableContent)
            }
            outcome = try db.transaction { try store(context, call: call, parts: parts, user: user, input: input, form: form) }
        } catch let invalid as InvalidForm {
            return try formPage(context, call, applicationID: try existingID(db, call: call, user: user), form: invalid.form, status: .unprocessableContent)
        } catch let refused as ApplyRefused {
            let body = ApplyPages.refusal(call, eligibility: refused.eligibility, verified: true, context: context)
            return context.page(context.t("apply.refused.title"), body, status: .conflict, section: .scholarships)
        }
        switch outcome {
        case .saved(let id):
            return context.redirect(ScholarshipPaths.apply.path(call.id) + "#application-\(id)", flash: "flash.application_saved")
        case .submitted(let id):
            return context.redirect(ScholarshipPaths.application.path(id), flash: "flash.application_submitted")
        case .incomplete(let missing, let form):
            return try formPage(context, call, applicationID: try existingID(db, call: call, user: user), form: form, missing: missing, status: .unprocessableContent)
        case .invalid(let form):
            return try formPage(context, call, applicationID: try existingID(db, call: call, user: user), form: form, status: .unprocessableContent)
        }
    }

    static func existingID(_ db: Connection, call: ScholarshipCall, user: CurrentUser) throws -> Int64? {
        try ApplicationQueries.fetchApplication(db, callID: call.id, userID: user.id)?.id
    }

    /// In one transaction under the application's row lock: the eligibility again, the
    /// answers, the files, and for a submission the checks, the stored eligibility and the notice.
    static func store(_ context: Context, call: ScholarshipCall, parts: CallParts, user: CurrentUser, input: ApplyInput, form: FormState) throws -> Outcome {
        let db = try context.db
        let eligibility = try ApplyEligibility.check(db, call: call, user: user)
        guard eligibility == .eligible else { throw ApplyRefused(eligibility: eligibility) }
        let id = try ApplicationQueries.createDraft(db, callID: call.id, userID: user.id)
        guard let locked = try ApplicationQueries.lockApplication(db, id: id), locked.status == .draft else { return .submitted(id) }
        try ApplicationQueries.saveAnswers(db, applicationID: id, input.answers)
        var form = form
        for requirement in parts.requirements {
            guard let bytes = input.uploads[requirement.id] else { continue }
            let upload = ApplyInput.upload(bytes, for: requirement, applicationID: id)
            guard let documentID = try DocumentQueries.storeDocument(db, owner: .application(id), upload, uploadedBy: user.id) else {
                form.fail("document_\(requirement.id)", "apply.error.same_file")
                continue
            }
            try ApplicationQueries.attach(db, applicationID: id, requirementID: requirement.id, documentID: documentID)
        }
        guard form.isValid else { throw InvalidForm(form: form) }
        guard input.action == .submit else { return .saved(id) }
        let attached = Set(try ApplicationQueries.fetchAttached(db, applicationID: id).keys)
        let missing = ApplyInput.missing(parts, answers: input.answers, attached: attached, into: &form)
        guard missing.isEmpty else { return .incomplete(missing, form) }
        try Applications.submit(db, app: context.app, call: call, applicationID: id, userID: user.id)
        return .submitted(id)
    }
}

/// A form refused inside a transaction, so that nothing of it is stored.
struct InvalidForm: Error {
    let form: FormState
}
