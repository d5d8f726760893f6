import Postgres
import Web

/// The staff area's front page and its route table.
enum AdminRoutes {
    static let routes: [Route<Handler>] =
        [Route("GET", Paths.admin, showDashboard)] + UserAdminRoutes.routes + OrganizationAdminRoutes.routes + AuditRoutes.routes

    static func showDashboard(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let t = context.t
        let row = try context.db.query("""
            SELECT (SELECT count(*) FROM users WHERE deleted_at IS NULL)::int8 AS users,
                   (SELECT count(*) FROM users WHERE deleted_at IS NULL AND verified_at IS NULL)::int8 AS unverified,
                   (SELECT count(*) FROM organizations WHERE active_until >= current_date)::int8 AS active,
                   (SELECT count(*) FROM organizations)::int8 AS organizations,
                   (\(OrganizationAdminQueries.pendingAffiliationCount))::int8 AS pending
            """).first
        func count(_ name: String) throws -> Int { try row?[name] ?? 0 }
        let body: HTML = """
        <header class="page-header"><h1>\(t("admin.title"))</h1></header>
        <ul class="card-list">
        <li class="card"><h2><a href="\(Paths.adminUsers.path())">\(t("admin.users.title"))</a></h2>
        <p>\(t("admin.dashboard.users", ["users": t.number(try count("users")), "unverified": t.number(try count("unverified"))]))</p></li>
        <li class="card"><h2><a href="\(Paths.adminOrganizations.path())">\(t("admin.organizations.title"))</a></h2>
        <p>\(t("admin.dashboard.organizations", ["active": t.number(try count("active")), "all": t.number(try count("organizations"))]))</p>
        <p>\(t.plural("admin.dashboard.pending", try count("pending")))</p></li>
        <li class="card"><h2><a href="\(Paths.adminCourses.path())">\(t("admin.courses.title"))</a></h2>
        <p>\(t("admin.dashboard.courses"))</p></li>
        <li class="card"><h2><a href="\(Paths.adminAudit.path())">\(t("admin.audit.title"))</a></h2>
        <p>\(t("admin.dashboard.audit"))</p></li>
        </ul>
        """
        return context.page(t("admin.title"), body, section: .admin)
    }

    /// The breadcrumb back to the staff area.
    static func breadcrumb(_ t: Localizer, _ trail: [(String, String)] = []) -> HTML {
        let links = ([(Paths.admin.path(), t("admin.title"))] + trail).map { href, label -> HTML in "<a href=\"\(href)\">\(label)</a>" }
        return "<nav class=\"breadcrumb\" aria-label=\"\(t("layout.breadcrumb"))\">\(links.joined(separator: " › "))</nav>"
    }
}
