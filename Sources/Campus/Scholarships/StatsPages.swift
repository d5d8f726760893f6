import Web

/// A call's numbers: applications and awards by territorial network and by organization.
enum StatsPages {
    static func stats(_ call: ScholarshipCall, networks: [CallStatsRow], organizations: [CallStatsRow], context: Context) -> HTML {
        let t = context.t
        return """
        \(AdminRoutes.breadcrumb(t, CallAdminPages.trail(t) + [(ScholarshipPaths.adminCall.path(call.id), call.title)]))
        <header class="page-header"><h1>\(t("stats.title", ["call": call.title]))</h1><p class="lead">\(t("stats.lead"))</p></header>
        \(table(networks, id: "networks", heading: t("stats.by_network"), first: t("roster.network"), t: t) { $0.isEmpty ? t("stats.none") : t("network.\($0)") })
        \(table(organizations, id: "organizations", heading: t("stats.by_organization"), first: t("field.organization"), t: t) { $0.isEmpty ? t("stats.none") : $0 })
        """
    }

    static func table(_ rows: [CallStatsRow], id: String, heading: String, first: String, t: Localizer, name: (String) -> String) -> HTML {
        let body = rows.map { row -> HTML in
            """
            <tr><th scope="row" data-label="\(first)">\(name(row.key))</th><td data-label="\(t("stats.applications"))">\(row.applications)</td>
            <td data-label="\(t("stats.awards"))">\(row.awards)</td><td data-label="\(t("stats.accepted"))">\(row.accepted)</td></tr>
            """
        }
        let total = (rows.reduce(0) { $0 + $1.applications }, rows.reduce(0) { $0 + $1.awards }, rows.reduce(0) { $0 + $1.accepted })
        let content: HTML = rows.isEmpty ? "<p class=\"empty\">\(t("committee.no_applications"))</p>" : """
            <div class="table-wrap"><table class="data stacking"><thead><tr><th scope="col">\(first)</th><th scope="col">\(t("stats.applications"))</th>
            <th scope="col">\(t("stats.awards"))</th><th scope="col">\(t("stats.accepted"))</th></tr></thead>
            <tbody>\(body)</tbody>
            <tfoot><tr><th scope="row" data-label="\(first)">\(t("stats.total"))</th><td data-label="\(t("stats.applications"))">\(total.0)</td>
            <td data-label="\(t("stats.awards"))">\(total.1)</td><td data-label="\(t("stats.accepted"))">\(total.2)</td></tr></tfoot></table></div>
            """
        return "<section aria-labelledby=\"\(id)-title\"><h2 id=\"\(id)-title\">\(heading)</h2>\(content)</section>"
    }
}
