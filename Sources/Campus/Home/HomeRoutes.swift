import Web

/// The home page: what Campus is, and what starts soon.
enum HomeRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.home, showHome),
    ]

    static func showHome(_ context: Context) throws -> Response {
        let upcoming = try CatalogQueries.fetchUpcomingEditions(context.db, limit: 6)
        let t = context.t
        let items = upcoming.map { item -> HTML in
            """
            <li><a href="\(Paths.course.path(item.slug))">\(item.course)</a> \
            <span class="muted">· \(item.edition.name) · \(CatalogPages.dateRange(item.edition.startsOn, item.edition.endsOn, t: t))</span></li>
            """
        }
        let upcomingList: HTML = upcoming.isEmpty
            ? "<p class=\"empty\">\(t("home.no_upcoming"))</p>"
            : "<ul class=\"plain-list\">\(items)</ul>"
        let body: HTML = """
        <section class="hero">
        <h1>\(t("home.title"))</h1>
        <p class="lead">\(t("home.lead"))</p>
        <p class="actions"><a class="button" href="\(Paths.courses.path())">\(t("home.browse"))</a></p>
        </section>
        <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">\(t("home.upcoming"))</h2>
        \(upcomingList)
        </section>
        """
        return context.page(t("home.page_title"), body, section: .home)
    }
}
