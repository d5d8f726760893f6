import Foundation
import Postgres
import Web

/// /scholarships and /scholarships/{call}: the calls published, and one call with what it
/// asks and, for a signed-in reader, whether they may apply — said before they write anything.
enum CallRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ScholarshipPaths.calls, listCalls),
        Route("GET", ScholarshipPaths.call, showCall),
    ]

    /// The call in the path, if the reader may see it (CallPolicy).
    static func loadCall(_ context: Context, lock: Bool = false) throws -> ScholarshipCall {
        guard let call = try CallQueries.fetchCall(try context.db, id: try context.parameters.id("call"), lock: lock),
            CallPolicy.canSee(context.user, published: call.published)
        else { throw HTTPError(.notFound) }
        return call
    }

    static func listCalls(_ context: Context) throws -> Response {
        let db = try context.db
        let calls = try CallQueries.fetchPublishedCalls(db)
        let mine = try context.user.map { try ApplicationQueries.fetchMyApplications(db, userID: $0.id) } ?? []
        return context.page(context.t("calls.title"), CallPages.list(calls, mine: mine, context: context), section: .scholarships)
    }

    static func showCall(_ context: Context) throws -> Response {
        let db = try context.db
        let call = try loadCall(context)
        let parts = try CallQueries.fetchParts(db, callID: call.id)
        var mine: Application?
        var eligibility: ApplyEligibility?
        if let user = context.user {
            mine = try ApplicationQueries.fetchApplication(db, callID: call.id, userID: user.id)
            if mine == nil { eligibility = try ApplyEligibility.check(db, call: call, user: user) }
        }
        let edition = try EnrollmentQueries.fetchEdition(db, id: call.editionID)
        let page = CallPage(call: call, parts: parts, edition: edition, mine: mine, eligibility: eligibility)
        return context.page(call.title, CallPages.call(page, context: context), section: .scholarships)
    }
}
