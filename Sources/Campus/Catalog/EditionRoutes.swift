import Foundation
import Postgres
import Web

/// An edition's page, and enrolling in it or leaving it.
enum EditionRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.edition, showEdition),
        Route("POST", Paths.editionEnroll, enroll),
        Route("POST", Paths.editionWithdraw, withdraw),
    ]

    static func showEdition(_ context: Context) throws -> Response {
        let db = try context.db
        guard let edition = try EnrollmentQueries.fetchEdition(db, id: try context.parameters.id("id")) else { throw HTTPError(.notFound) }
        let teaches = context.user?.has(.instructor, .edition(edition.edition.id)) ?? false
        guard edition.coursePublished || teaches else { throw HTTPError(.notFound) }
        let sessions = try EnrollmentQueries.fetchSessions(db, editionID: edition.edition.id)
        let instructors = try EnrollmentQueries.fetchInstructorNames(db, editionID: edition.edition.id)
        let mine = try context.user.flatMap { try EnrollmentQueries.fetchEnrollment(db, editionID: edition.edition.id, userID: $0.id) }
        let body = EditionPages.edition(edition, sessions: sessions, instructors: instructors, mine: mine, teaches: teaches, context: context)
        return context.page("\(edition.courseTitle) · \(edition.edition.name)", body, section: .courses)
    }

    static func enroll(_ context: Context) throws -> Response {
        let user = try context.requireVerified()
        let editionID = try context.parameters.id("id")
        let outcome = try Enrollments.enroll(try context.db, app: context.app, user: user, editionID: editionID, t: context.t, zone: context.timeZone)
        let flash: String?
        switch outcome {
        case .enrolled: flash = "flash.enrolled"
        case .waitlisted: flash = "flash.waitlisted"
        case .pending: flash = "flash.pending"
        case .unchanged: flash = nil
        }
        return context.redirect(Paths.edition.path(editionID), flash: flash)
    }

    static func withdraw(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let editionID = try context.parameters.id("id")
        let withdrew = try Enrollments.withdraw(try context.db, app: context.app, userID: user.id, editionID: editionID)
        return context.redirect(Paths.edition.path(editionID), flash: withdrew ? "flash.withdrawn" : nil)
    }
}
