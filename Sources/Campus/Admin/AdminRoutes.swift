import Postgres
import Web

/// The staff area's front page and its route table.
enum AdminRoutes {
    static let routes: [Route<Handler>] =
        [Route("GET", Paths.admin, showDashboard)] + UserAdminRoutes.routes + OrganizationAdminRoutes.routes + AuditRoutes.routes

    /// The staff area's front page: a card per feature that has staff pages.
    static func showDashboard(_ context: Context) throws -> Response {
        try context.requireAdmin()
        var cards = HTML()
        for feature in CampusApp.features {
            if let card = try feature.adminCard(context) { cards += card }
        }
        let body: HTML = """
        <header class="page-header"><h1>\(context.t("admin.title"))</h1></header>
        <ul class="card-list">
        \(cards)
        </ul>
        """
        return context.page(context.t("admin.title"), body, section: .admin)
    }

    /// The breadcrumb back to the staff area.
    static func breadcrumb(_ t: Localizer, _ trail: [(String, String)] = []) -> HTML {
        let links = ([(Paths.admin.path(), t("admin.title"))] + trail).map { href, label -> HTML in "<a href=\"\(href)\">\(label)</a>" }
        return "<nav class=\"breadcrumb\" aria-label=\"\(t("layout.breadcrumb"))\">\(links.joined(separator: " › "))</nav>"
    }
}
