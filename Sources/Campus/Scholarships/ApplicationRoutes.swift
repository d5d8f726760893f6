import Foundation
import Postgres
import Web

/// An application in context: its call and the reviewers assigned to it.
struct LoadedApplication {
    let application: Application
    let call: ScholarshipCall
    let assignedReviewerIDs: [Int64]
}

/// /applications/{id}: the applicant's page (status, answers, files, the released decision
/// and its note, accepting an award), the committee's page for admins; reviewers are sent to
/// their review page. Others get 404 (ApplicationPolicy).
enum ApplicationRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ScholarshipPaths.application, showApplication),
        Route("GET", ScholarshipPaths.withdraw, confirmWithdraw),
        Route("POST", ScholarshipPaths.withdraw, withdraw),
        Route("POST", ScholarshipPaths.accept, accept),
        Route("GET", ScholarshipPaths.decline, confirmDecline),
        Route("POST", ScholarshipPaths.decline, declineAward),
    ]

    /// The application in the path, if the reader may see it.
    static func load(_ context: Context) throws -> LoadedApplication {
        let user = try context.requireUser()
        let db = try context.db
        guard let application = try ApplicationQueries.fetchApplication(db, id: try context.parameters.id("id")),
            let call = try CallQueries.fetchCall(db, id: application.callID)
        else { throw HTTPError(.notFound) }
        let assigned = try ApplicationQueries.fetchAssignedReviewerIDs(db, applicationID: application.id)
        guard ApplicationPolicy.canSee(user, applicantID: application.userID, callID: call.id, assignedReviewerIDs: assigned) else {
            throw HTTPError(.notFound)
        }
        return LoadedApplication(application: application, call: call, assignedReviewerIDs: assigned)
    }

    /// The application, for its applicant only (the actions that are theirs).
    static func loadOwn(_ context: Context) throws -> LoadedApplication {
        let loaded = try load(context)
        guard loaded.application.userID == context.user?.id else { throw HTTPError(.forbidden) }
        return loaded
    }

    static func showApplication(_ context: Context) throws -> Response {
        let loaded = try load(context)
        let user = try context.requireUser()
        let application = loaded.application
        if user.id != application.userID && !user.isAdmin { return .redirect(to: ScholarshipPaths.review.path(application.id)) }
        let db = try context.db
        let parts = try CallQueries.fetchParts(db, callID: loaded.call.id)
        let answers = try ApplicationQueries.fetchAnswers(db, applicationID: application.id)
        let attached = try ApplicationQueries.fetchAttached(db, applicationID: application.id)
        let view = ApplicationView(loaded: loaded, parts: parts, answers: answers, attached: attached)
        if user.id == application.userID {
            return context.page(context.t("application.title", ["call": loaded.call.title]), ApplicationPages.applicant(view, context: context), section: .scholarships)
        }
        return try CommitteeRoutes.applicationPage(context, view)
    }

    static func confirmWithdraw(_ context: Context) throws -> Response {
        let loaded = try loadOwn(context)
        guard loaded.application.status.isWithdrawable else { throw HTTPError(.conflict, reason: "application.refused.not_withdrawable") }
        return context.page(context.t("application.withdraw_title"), ApplicationPages.confirm(loaded, action: "withdraw", context: context), section: .scholarships)
    }

    /// Needs `confirm=yes`, which only the confirmation page sends.
    static func withdraw(_ context: Context) throws -> Response {
        let loaded = try loadOwn(context)
        let id = loaded.application.id
        guard context.form["confirm"] == "yes" else { return .redirect(to: ScholarshipPaths.withdraw.path(id)) }
        guard try Applications.withdraw(try context.db, app: context.app, applicationID: id, userID: loaded.application.userID) else {
            throw HTTPError(.conflict, reason: "application.refused.not_withdrawable")
        }
        return context.redirect(ScholarshipPaths.application.path(id), flash: "flash.application_withdrawn")
    }

    /// Accepting the award: the held seat becomes an enrollment in the same transaction.
    static func accept(_ context: Context) throws -> Response {
        let loaded = try loadOwn(context)
        let application = loaded.application
        if application.status == .accepted { return .redirect(to: ScholarshipPaths.application.path(application.id)) }
        let db = try context.db
        let accepted: Bool = try db.transaction {
            guard let call = try CallQueries.fetchCall(db, id: loaded.call.id, lock: true) else { throw HTTPError(.notFound) }
            return try Awards.accept(db, app: context.app, call: call, applicationID: application.id, userID: application.userID,
                                     address: context.request.remoteAddress)
        }
        guard accepted else {
            let now = try ApplicationQueries.fetchApplication(db, id: application.id)
            throw HTTPError(.conflict, reason: now?.status == .expired ? "application.refused.expired" : "application.refused.no_award")
        }
        return context.redirect(ScholarshipPaths.application.path(application.id), flash: "flash.award_accepted")
    }

    static func confirmDecline(_ context: Context) throws -> Response {
        let loaded = try loadOwn(context)
        guard loaded.application.status == .awarded else { throw HTTPError(.conflict, reason: "application.refused.no_award") }
        return context.page(context.t("application.decline_title"), ApplicationPages.confirm(loaded, action: "decline", context: context), section: .scholarships)
    }

    /// Turning the award down frees its seat for the call's waitlist. Needs `confirm=yes`.
    static func declineAward(_ context: Context) throws -> Response {
        let loaded = try loadOwn(context)
        let application = loaded.application
        guard context.form["confirm"] == "yes" else { return .redirect(to: ScholarshipPaths.decline.path(application.id)) }
        let db = try context.db
        let declined: Bool = try db.transaction {
            guard let call = try CallQueries.fetchCall(db, id: loaded.call.id, lock: true),
                let now = try ApplicationQueries.lockApplication(db, id: application.id), now.status == .awarded
            else { return false }
            try Awards.endAward(db, app: context.app, call: call, applicationID: application.id, userID: application.userID,
                                as: .awardDeclined, actorID: application.userID, address: context.request.remoteAddress)
            return true
        }
        guard declined else { throw HTTPError(.conflict, reason: "application.refused.no_award") }
        return context.redirect(ScholarshipPaths.application.path(application.id), flash: "flash.award_declined")
    }
}
