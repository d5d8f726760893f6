import Web

/// Every path of the scholarships feature: routes match with these patterns and pages
/// print links with them.
enum ScholarshipPaths {
    // Applicants
    static let calls: RoutePattern = "/scholarships"
    static let call: RoutePattern = "/scholarships/{call}"
    static let apply: RoutePattern = "/scholarships/{call}/apply"
    static let application: RoutePattern = "/applications/{id}"
    static let withdraw: RoutePattern = "/applications/{id}/withdraw"
    static let accept: RoutePattern = "/applications/{id}/accept"
    static let decline: RoutePattern = "/applications/{id}/decline"

    // Reviewers
    static let reviews: RoutePattern = "/review"
    static let review: RoutePattern = "/applications/{id}/review"
    static let conflict: RoutePattern = "/applications/{id}/conflict"

    // The committee (admins)
    static let admin: RoutePattern = "/admin/scholarships"
    static let adminNew: RoutePattern = "/admin/scholarships/new"
    static let adminCall: RoutePattern = "/admin/scholarships/{call}"
    static let adminSettings: RoutePattern = "/admin/scholarships/{call}/settings"
    static let adminQuestions: RoutePattern = "/admin/scholarships/{call}/questions"
    static let adminQuestionDelete: RoutePattern = "/admin/scholarships/{call}/questions/{item}/delete"
    static let adminDocuments: RoutePattern = "/admin/scholarships/{call}/documents"
    static let adminDocumentDelete: RoutePattern = "/admin/scholarships/{call}/documents/{item}/delete"
    static let adminCriteria: RoutePattern = "/admin/scholarships/{call}/criteria"
    static let adminCriterionDelete: RoutePattern = "/admin/scholarships/{call}/criteria/{item}/delete"
    static let adminAssign: RoutePattern = "/admin/scholarships/{call}/assign"
    static let adminRelease: RoutePattern = "/admin/scholarships/{call}/release"
    static let adminCSV: RoutePattern = "/admin/scholarships/{call}/applications.csv"
    static let adminStats: RoutePattern = "/admin/scholarships/{call}/stats"
    static let assign: RoutePattern = "/applications/{id}/assign"
    static let decide: RoutePattern = "/applications/{id}/decide"
}
