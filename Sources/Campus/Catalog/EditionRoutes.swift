import Foundation
import Postgres
import Web

/// An edition's page, and enrolling in it or leaving it.
enum EditionRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.edition, showEdition),
        Route("POST", Paths.editionEnroll, enroll),
        Route("GET", Paths.editionWithdraw, confirmWithdraw),
        Route("POST", Paths.editionWithdraw, withdraw),
    ]

    /// The edition, if the reader may see it: a draft course's only by its staff.
    static func loadEdition(_ context: Context) throws -> EditionDetail {
        guard let edition = try EnrollmentQueries.fetchEdition(try context.db, id: try context.parameters.id("id")) else { throw HTTPError(.notFound) }
        guard EditionPolicy.canSee(context.user, editionID: edition.edition.id, coursePublished: edition.coursePublished) else { throw HTTPError(.notFound) }
        return edition
    }

    static func showEdition(_ context: Context) throws -> Response {
        let db = try context.db
        let edition = try loadEdition(context)
        let id = edition.edition.id
        let teachesHere = context.user?.teaches(id) ?? false
        let mine = try context.user.flatMap { try EnrollmentQueries.fetchEnrollment(db, editionID: id, userID: $0.id) }
        let eligibility = try context.user.flatMap { user in
            teachesHere ? nil : try Eligibility.check(db, edition: edition, userID: user.id, previous: mine?.status)
        }
        let page = EditionPage(
            detail: edition, sessions: try EnrollmentQueries.fetchSessions(db, editionID: id),
            instructors: try EnrollmentQueries.fetchInstructorNames(db, editionID: id), mine: mine, teachesHere: teachesHere,
            seesRoster: EditionPolicy.canManage(context.user, editionID: id), eligibility: eligibility,
            syllabus: try DocumentRoutes.syllabus(context, owners: [.course(edition.courseID), .edition(id)]),
            forum: try ForumsFeature.editionLinks(context, editionID: id))
        return context.page("\(edition.courseTitle) · \(edition.edition.name)", EditionPages.edition(page, context: context), section: .courses)
    }

    static func enroll(_ context: Context) throws -> Response {
        let user = try context.requireVerified()
        let editionID = try context.parameters.id("id")
        let outcome: Enrollments.Outcome
        do {
            outcome = try Enrollments.enroll(try context.db, app: context.app, user: user, editionID: editionID)
        } catch let refused as EnrollmentRefused {
            let edition = try loadEdition(context)
            let body = EditionPages.refusal(edition, eligibility: refused.eligibility, context: context)
            return context.page(context.t("enroll.refused.title"), body, status: .conflict, section: .courses)
        }
        let flash: String?
        switch outcome {
        case .enrolled: flash = "flash.enrolled"
        case .waitlisted: flash = "flash.waitlisted"
        case .pending: flash = "flash.pending"
        case .unchanged: flash = nil
        }
        return context.redirect(Paths.edition.path(editionID), flash: flash)
    }

    /// What leaving would mean for this reader, with the button that does it.
    static func confirmWithdraw(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let edition = try loadEdition(context)
        guard edition.state != .finished else { throw HTTPError(.conflict, reason: "enroll.refused.finished") }
        let mine = try EnrollmentQueries.fetchEnrollment(try context.db, editionID: edition.edition.id, userID: user.id)
        let title = context.t("withdraw.title", ["edition": edition.edition.name])
        return context.page(title, ConfirmationPages.withdraw(edition, mine: mine, context: context), section: .courses)
    }

    /// Needs `confirm=yes`, which only the confirmation page sends; without it, that page.
    static func withdraw(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let editionID = try context.parameters.id("id")
        guard context.form["confirm"] == "yes" else { return .redirect(to: Paths.editionWithdraw.path(editionID)) }
        let withdrew = try Enrollments.withdraw(try context.db, app: context.app, userID: user.id, editionID: editionID)
        return context.redirect(Paths.edition.path(editionID), flash: withdrew ? "flash.withdrawn" : nil)
    }
}
