import Foundation
import Postgres
import Web

/// The reviewers' side: /review lists a reviewer's assignments and progress;
/// /applications/{id}/review shows an assigned application (without the applicant's name or
/// organization in a blind call, never a staff-only document) and takes the scores, or a
/// declared conflict. A reviewer sees only what is assigned to them.
enum ReviewRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ScholarshipPaths.reviews, listAssignments),
        Route("GET", ScholarshipPaths.review, showReview),
        Route("POST", ScholarshipPaths.review, saveReview),
        Route("POST", ScholarshipPaths.conflict, declareConflict),
    ]

    static func listAssignments(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        guard user.holds(.reviewer) else { throw HTTPError(.forbidden) }
        let rows = try ReviewQueries.fetchReviewList(try context.db, reviewer: user)
        return context.page(context.t("review.title"), ReviewPages.list(rows, context: context), section: .review)
    }

    /// The application, for a reviewer assigned to it. Its applicant and admins are sent to
    /// its page (GET) or refused (POST); anyone else is told it does not exist.
    static func loadAssigned(_ context: Context) throws -> LoadedApplication {
        let loaded = try ApplicationRoutes.load(context)
        guard ReviewPolicy.isAssigned(context.user, callID: loaded.call.id, assignedReviewerIDs: loaded.assignedReviewerIDs) else {
            if context.request.method == "GET" { throw Redirect(location: ScholarshipPaths.application.path(loaded.application.id), status: .seeOther) }
            throw HTTPError(.forbidden)
        }
        return loaded
    }

    static func showReview(_ context: Context) throws -> Response {
        let loaded = try loadAssigned(context)
        let criteria = try CallQueries.fetchParts(try context.db, callID: loaded.call.id).criteria
        return try reviewPage(context, loaded, form: nil, criteria: criteria)
    }

    static func reviewPage(
        _ context: Context, _ loaded: LoadedApplication, form: FormState?, criteria: [CallCriterion], conflictForm: FormState? = nil, status: Status = .ok
    ) throws -> Response {
        let db = try context.db
        let user = try context.requireUser()
        let id = loaded.application.id
        let assignments = try ReviewQueries.fetchAssignments(db, applicationID: id)
        let mine = assignments.first { $0.reviewerID == user.id && $0.conflictAt == nil }
        var values = ["comment": mine?.comment ?? ""]
        for (criterion, score) in mine?.scores ?? [:] { values["score_\(criterion)"] = String(score) }
        let view = ApplicationView(
            loaded: loaded, parts: try CallQueries.fetchParts(db, callID: loaded.call.id),
            answers: try ApplicationQueries.fetchAnswers(db, applicationID: id),
            attached: try ApplicationQueries.fetchAttached(db, applicationID: id))
        let page = ReviewPage(
            view: view, mine: mine, others: assignments.filter { $0.reviewerID != user.id && $0.submittedAt != nil },
            form: form ?? FormState(t: context.t, values: values), criteria: criteria, conflictForm: conflictForm ?? FormState(t: context.t))
        let title = context.t("review.page_title", ["id": String(id)])
        return context.page(title, ReviewPages.review(page, context: context), status: status, section: .review)
    }

    /// Scores 0–5 for every criterion, and a comment; editable until the call's decisions
    /// are released. Audited with the scores.
    static func saveReview(_ context: Context) throws -> Response {
        let loaded = try loadAssigned(context)
        let user = try context.requireVerified()
        let db = try context.db
        guard !loaded.call.isReleased else { throw HTTPError(.conflict, reason: "review.refused.released") }
        guard loaded.application.status.isInReview else { throw HTTPError(.conflict, reason: "review.refused.not_in_review") }
        let criteria = try CallQueries.fetchParts(db, callID: loaded.call.id).criteria
        var form = FormState(t: context.t, form: context.form)
        var scores: [Int64: Int] = [:]
        for criterion in criteria {
            if let score = CatalogAdminInput.integer(context.form["score_\(criterion.id)"], in: 0...5) {
                scores[criterion.id] = score
            } else {
                form.fail("score_\(criterion.id)", "review.error.score")
            }
        }
        let comment = CatalogAdminInput.paragraphs(context.form, "comment", 0...5000)
        if comment == nil { form.fail("comment", "review.error.comment") }
        guard form.isValid, let comment, !criteria.isEmpty else {
            if criteria.isEmpty { form.refuse("review.error.no_criteria") }
            return try reviewPage(context, loaded, form: form, criteria: criteria, status: .unprocessableContent)
        }
        try db.transaction {
            guard let assignment: Int64 = try db.query("""
                SELECT id FROM review_assignments WHERE application_id = \(loaded.application.id) AND reviewer_id = \(user.id) AND conflict_at IS NULL
                FOR UPDATE
                """).first?["id"] else { throw HTTPError(.notFound) }
            try ReviewQueries.saveReview(db, assignmentID: assignment, scores: scores, comment: comment)
            let words = criteria.map { "\($0.name): \(scores[$0.id] ?? 0)" }.joined(separator: "; ")
            let weighted = ReviewQueries.weighted(scores, criteria: criteria).map { String(format: "%.2f", $0) } ?? ""
            try Awards.record(db, actorID: user.id, address: context.request.remoteAddress, action: "application.review", call: loaded.call,
                              applicationID: loaded.application.id, userID: loaded.application.userID,
                              details: ["scores": words, "weighted": weighted])
        }
        return context.redirect(ScholarshipPaths.review.path(loaded.application.id), flash: "flash.review_saved")
    }

    /// Needs no review in yet: a conflict is declared before judging, not after.
    static func declareConflict(_ context: Context) throws -> Response {
        let loaded = try loadAssigned(context)
        let user = try context.requireVerified()
        let db = try context.db
        guard let reason = CatalogAdminInput.paragraphs(context.form, "reason", 0...1000) else {
            var form = FormState(t: context.t, form: context.form)
            form.fail("reason", "review.error.reason")
            let criteria = try CallQueries.fetchParts(db, callID: loaded.call.id).criteria
            return try reviewPage(context, loaded, form: nil, criteria: criteria, conflictForm: form, status: .unprocessableContent)
        }
        let declared: Bool = try db.transaction {
            guard let call = try CallQueries.fetchCall(db, id: loaded.call.id, lock: true) else { throw HTTPError(.notFound) }
            return try ReviewAssignments.declareConflict(
                db, app: context.app, call: call, applicationID: loaded.application.id, reviewerID: user.id, reason: reason,
                address: context.request.remoteAddress)
        }
        guard declared else { throw HTTPError(.conflict, reason: "review.refused.conflict_after_review") }
        return context.redirect(ScholarshipPaths.reviews.path(), flash: "flash.conflict_declared")
    }
}
