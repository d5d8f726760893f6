import Postgres
import Web

/// The staff area: its front page, people and their roles, member cities, the audit log.
enum AdminFeature: Feature {
    static let routes: [Route<Handler>] = AdminRoutes.routes

    static let navigation: [NavigationEntry] = [
        NavigationEntry(.admin, Paths.admin.path(), "nav.admin") { $0?.isAdmin == true },
    ]

    static func adminCard(_ context: Context) throws -> HTML? {
        let t = context.t
        let row = try context.db.query("""
            SELECT (SELECT count(*) FROM users WHERE deleted_at IS NULL)::int8 AS users,
                   (SELECT count(*) FROM users WHERE deleted_at IS NULL AND verified_at IS NULL)::int8 AS unverified,
                   (SELECT count(*) FROM organizations WHERE active_until >= current_date)::int8 AS active,
                   (SELECT count(*) FROM organizations)::int8 AS organizations,
                   (\(OrganizationAdminQueries.pendingAffiliationCount))::int8 AS pending
            """).first
        func count(_ name: String) throws -> Int { try row?[name] ?? 0 }
        return """
        <li class="card"><h2><a href="\(Paths.adminUsers.path())">\(t("admin.users.title"))</a></h2>
        <p>\(t("admin.dashboard.users", ["users": t.number(try count("users")), "unverified": t.number(try count("unverified"))]))</p></li>
        <li class="card"><h2><a href="\(Paths.adminOrganizations.path())">\(t("admin.organizations.title"))</a></h2>
        <p>\(t("admin.dashboard.organizations", ["active": t.number(try count("active")), "all": t.number(try count("organizations"))]))</p>
        <p>\(t.plural("admin.dashboard.pending", try count("pending")))</p></li>
        <li class="card"><h2><a href="\(Paths.adminAudit.path())">\(t("admin.audit.title"))</a></h2>
        <p>\(t("admin.dashboard.audit"))</p></li>
        """
    }
}
