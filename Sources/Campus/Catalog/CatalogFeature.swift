import Postgres
import Web

/// The catalog: courses, editions, enrollment, rosters, the teaching home, and their
/// staff pages.
enum CatalogFeature: Feature {
    static let routes: [Route<Handler>] =
        CatalogRoutes.routes + EditionRoutes.routes + RosterRoutes.routes + TeachingRoutes.routes
        + CourseAdminRoutes.routes + EditionAdminRoutes.routes

    static let navigation: [NavigationEntry] = [
        NavigationEntry(.courses, Paths.courses.path(), "nav.courses"),
        NavigationEntry(.teaching, Paths.teaching.path(), "nav.teaching") { $0?.teachesAnyEdition == true },
    ]

    /// The home page's editions starting soon.
    static func homeSection(_ context: Context) throws -> HTML? {
        let upcoming = try CatalogQueries.fetchUpcomingEditions(context.db, limit: 6)
        let t = context.t
        let items = upcoming.map { item -> HTML in
            """
            <li><a href="\(Paths.course.path(item.slug))">\(item.course)</a> \
            <span class="muted">· \(item.edition.name) · \(CatalogPages.dateRange(item.edition.startsOn, item.edition.endsOn, t: t))</span></li>
            """
        }
        let list: HTML = upcoming.isEmpty
            ? "<p class=\"empty\">\(t("home.no_upcoming"))</p>"
            : "<ul class=\"plain-list\">\(items)</ul>"
        return """
        <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">\(t("home.upcoming"))</h2>
        \(list)
        </section>
        """
    }

    static func meSection(_ context: Context, user: CurrentUser) throws -> HTML? {
        let enrollments = try EnrollmentQueries.fetchMyEnrollments(try context.db, userID: user.id)
        return MyEnrollmentPages.section(enrollments, context: context)
    }

    static func exportSections(_ db: Connection, user: CurrentUser, t: Localizer) throws -> [(name: String, json: SQL)] {
        [("enrollments", EnrollmentQueries.exportSQL(userID: user.id, statuses: ExportWords.statuses(t)))]
    }

    /// Seats held go to the people waiting for them.
    static func deleteAccount(_ db: Connection, app: CampusApp, userID: Int64) throws {
        try Enrollments.withdrawAll(db, app: app, userID: userID)
    }

    static func gauges(_ db: Connection) throws -> [Gauge] {
        let row = try db.query("""
            SELECT coalesce(sum(seats_taken), 0)::int8 AS taken, coalesce(sum(waitlisted), 0)::int8 AS waitlisted,
                   coalesce(sum(pending), 0)::int8 AS pending
            FROM editions
            """).first
        return [
            Gauge(name: "enrollments_seats_taken", help: "Seats taken in editions (enrolled and completed).", value: try row?["taken"] ?? 0),
            Gauge(name: "enrollments_waitlisted", help: "People on waitlists.", value: try row?["waitlisted"] ?? 0),
            Gauge(name: "enrollments_pending", help: "Requests waiting for a decision.", value: try row?["pending"] ?? 0),
        ]
    }

    static func adminCard(_ context: Context) throws -> HTML? {
        let t = context.t
        return """
        <li class="card"><h2><a href="\(Paths.adminCourses.path())">\(t("admin.courses.title"))</a></h2>
        <p>\(t("admin.dashboard.courses"))</p></li>
        """
    }
}
