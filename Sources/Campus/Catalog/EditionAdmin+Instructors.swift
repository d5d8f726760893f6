import Foundation
import Postgres
import Web

/// POST /admin/editions/{id}/instructors: gives someone the instructor role for this edition,
/// found by the email address of their account.
extension EditionAdminRoutes {
    static func addInstructor(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let id = try context.parameters.id("id")
        let db = try context.db
        guard try EditionAdminQueries.editionExists(db, id: id) else { throw HTTPError(.notFound) }
        var form = FormState(t: context.t, form: context.form)
        let email = context.form.trimmed("email") ?? ""
        var userID: Int64?
        if let problem = AccountRules.emailProblem(email) {
            form.fail("email", problem)
        } else {
            userID = try AccountQueries.fetchUserID(db, email: email)
            if userID == nil { form.fail("email", "admin.instructors.error.unknown") }
        }
        guard let userID, let grant = RoleGrant(role: .instructor, scope: .edition(id)) else {
            return try editionPage(context, id: id, instructorForm: form, status: .unprocessableContent)
        }
        let granted: Bool = try db.transaction {
            guard try UserAdminQueries.grant(db, userID: userID, grant, by: context.user?.id) != nil else { return false }
            try context.audit("role.grant", "user", userID, ["role": grant.description])
            try Notifier.notify(
                db, app: context.app, userID: userID, kind: .account, message: "notice.role_granted.instructor",
                values: ["id": String(id)], link: Paths.roster.path(id))
            return true
        }
        return context.redirect(Paths.adminEdition.path(id), flash: granted ? "flash.instructor_added" : "flash.instructor_exists")
    }
}
