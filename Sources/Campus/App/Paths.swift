import Web

/// Every path Campus serves, in one place: routes match with these patterns and pages
/// print links with them, so an `href` is never typed by hand.
enum Paths {
    static let home: RoutePattern = "/"
    static let healthz: RoutePattern = "/healthz"
    static let metrics: RoutePattern = "/metrics"
    static let locale: RoutePattern = "/locale"

    // Catalog
    static let courses: RoutePattern = "/courses"
    static let course: RoutePattern = "/courses/{slug}"
    static let edition: RoutePattern = "/editions/{id}"
    static let editionEnroll: RoutePattern = "/editions/{id}/enroll"
    static let editionWithdraw: RoutePattern = "/editions/{id}/withdraw"
    static let roster: RoutePattern = "/editions/{id}/roster"
    static let rosterCSV: RoutePattern = "/editions/{id}/roster.csv"
    static let rosterDecide: RoutePattern = "/editions/{id}/enrollments/{enrollment}/decide"
    static let rosterAssess: RoutePattern = "/editions/{id}/enrollments/{enrollment}/assess"
    static let rosterReject: RoutePattern = "/editions/{id}/enrollments/{enrollment}/reject"
    static let teaching: RoutePattern = "/teaching"

    // Accounts
    static let register: RoutePattern = "/register"
    static let registered: RoutePattern = "/register/sent"
    static let verify: RoutePattern = "/verify/{token}"
    static let login: RoutePattern = "/login"
    static let signInLink: RoutePattern = "/login/link/{token}"
    static let logout: RoutePattern = "/logout"
    static let forgotPassword: RoutePattern = "/password/forgot"
    static let resetPassword: RoutePattern = "/password/reset/{token}"
    static let me: RoutePattern = "/me"
    static let mePassword: RoutePattern = "/me/password"
    static let meVerification: RoutePattern = "/me/verification"
    static let meEmail: RoutePattern = "/me/email"
    static let meExport: RoutePattern = "/me/export"
    static let meDelete: RoutePattern = "/me/delete"
    static let notifications: RoutePattern = "/notifications"
    static let notificationsRead: RoutePattern = "/notifications/read"
    static let notificationOpen: RoutePattern = "/notifications/{id}/open"

    // Administration
    static let admin: RoutePattern = "/admin"
    static let adminUsers: RoutePattern = "/admin/users"
    static let adminUser: RoutePattern = "/admin/users/{id}"
    static let adminUserGrant: RoutePattern = "/admin/users/{id}/roles"
    static let adminUserRevoke: RoutePattern = "/admin/users/{id}/roles/{grant}/revoke"
    static let adminUserDisable: RoutePattern = "/admin/users/{id}/disable"
    static let adminUserEnable: RoutePattern = "/admin/users/{id}/enable"
    static let adminUserAffiliation: RoutePattern = "/admin/users/{id}/affiliation"
    static let adminOrganizations: RoutePattern = "/admin/organizations"
    static let adminOrganizationNew: RoutePattern = "/admin/organizations/new"
    static let adminOrganization: RoutePattern = "/admin/organizations/{id}"
    static let adminAudit: RoutePattern = "/admin/audit"
    static let adminCourses: RoutePattern = "/admin/courses"
    static let adminCourseNew: RoutePattern = "/admin/courses/new"
    static let adminCourse: RoutePattern = "/admin/courses/{id}"
    static let adminEditionNew: RoutePattern = "/admin/courses/{id}/editions/new"
    static let adminCourseEditions: RoutePattern = "/admin/courses/{id}/editions"
    static let adminEdition: RoutePattern = "/admin/editions/{id}"
    static let adminEditionSessions: RoutePattern = "/admin/editions/{id}/sessions"
    static let adminEditionSessionDelete: RoutePattern = "/admin/editions/{id}/sessions/{session}/delete"
    static let adminEditionInstructors: RoutePattern = "/admin/editions/{id}/instructors"

    // Documents (the filename is for people and for saving; the id decides)
    static let document: RoutePattern = "/documents/{id}/{filename}"
    static let adminCourseDocuments: RoutePattern = "/admin/courses/{id}/documents"
    static let adminEditionDocuments: RoutePattern = "/admin/editions/{id}/documents"
    static let adminDocumentDelete: RoutePattern = "/admin/documents/{id}/delete"

    /// A `next` target taken from a form or query: a local path only, never another site.
    static func localPath(_ candidate: String?, fallback: String = "/") -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.hasPrefix("/\\"),
            !candidate.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" }), candidate.utf8.count <= 2000
        else { return fallback }
        return candidate
    }
}
