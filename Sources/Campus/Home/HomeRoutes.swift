import Web

/// The home page: what Campus is, and what starts soon.
enum HomeRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.home, showHome),
    ]

    /// What Campus is, then each feature's section: what starts soon, capsules…
    static func showHome(_ context: Context) throws -> Response {
        let t = context.t
        var sections = HTML()
        for feature in CampusApp.features {
            if let section = try feature.homeSection(context) { sections += section }
        }
        let body: HTML = """
        <section class="hero">
        <h1>\(t("home.title"))</h1>
        <p class="lead">\(t("home.lead"))</p>
        <p class="actions"><a class="button" href="\(Paths.courses.path())">\(t("home.browse"))</a></p>
        </section>
        \(sections)
        """
        return context.page(t("home.page_title"), body, section: .home)
    }
}
