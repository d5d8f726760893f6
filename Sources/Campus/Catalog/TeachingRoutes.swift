import Foundation
import Postgres
import Web

/// The teaching home: the editions a person teaches, the current and coming ones first,
/// each with its requests to decide and its roster one click away.
enum TeachingRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.teaching, showTeaching),
    ]

    /// Editions the user teaches, in the order the page lists them.
    static func fetchTaughtEditions(_ db: Connection, user: CurrentUser) throws -> [EditionDetail] {
        try db.query("""
            \(EnrollmentQueries.editionSelect)
            WHERE \(EditionPolicy.taughtSQL(user))
            ORDER BY e.ends_on < current_date, CASE WHEN e.ends_on >= current_date THEN e.starts_on END, e.ends_on DESC, e.id
            """).map(EnrollmentQueries.detail)
    }

    /// For people who teach (admins may look too); others are refused with the reason.
    static func showTeaching(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        guard user.teachesAnyEdition || user.isAdmin else { throw HTTPError(.forbidden, reason: "teaching.not_instructor") }
        let editions = try fetchTaughtEditions(try context.db, user: user)
        return context.page(context.t("teaching.title"), TeachingPages.list(editions, isAdmin: user.isAdmin, context: context), section: .teaching)
    }
}

enum TeachingPages {
    static func list(_ editions: [EditionDetail], isAdmin: Bool, context: Context) -> HTML {
        let t = context.t
        let current = editions.filter { $0.state != .finished }
        let past = editions.filter { $0.state == .finished }
        let empty: HTML = isAdmin
            ? "<p class=\"empty\">\(t("teaching.none")) <a href=\"\(Paths.adminCourses.path())\">\(t("teaching.admin_courses"))</a></p>"
            : "<p class=\"empty\">\(t("teaching.none"))</p>"
        func section(_ anchor: String, _ title: String, _ items: [EditionDetail]) -> HTML {
            """
            <section aria-labelledby="\(anchor)-title"><h2 id="\(anchor)-title">\(title)</h2>
            \(items.isEmpty ? "<p class=\"empty\">\(t("teaching.none_here"))</p>" as HTML : "<ul class=\"edition-list\">\(items.map { item($0, t: t) })</ul>")
            </section>
            """
        }
        return """
        <header class="page-header">
        <h1>\(t("teaching.title"))</h1>
        <p class="lead">\(t("teaching.lead"))</p>
        </header>
        \(editions.isEmpty ? empty : section("current", t("teaching.current"), current))
        \(past.isEmpty ? "" : section("past", t("teaching.past"), past))
        """
    }

    static func item(_ edition: EditionDetail, t: Localizer) -> HTML {
        let id = edition.edition.id
        let roster = Paths.roster.path(id)
        let review: HTML = edition.pending > 0
            ? " <a class=\"button secondary\" href=\"\(roster)#pending\">\(t.plural("edition.teaching.review", edition.pending))</a>" : ""
        return """
        <li class="edition">
        <h3><a href="\(Paths.edition.path(id))"><span lang="\(edition.courseLanguage)">\(edition.courseTitle)</span> · \
        <span lang="\(edition.edition.language)">\(edition.edition.name)</span></a></h3>
        <p>\(EditionPages.stateBadge(edition, t: t))</p>
        <p>\(CatalogPages.dateRange(edition.edition.startsOn, edition.edition.endsOn, t: t)) · \(t("language_name.\(edition.edition.language)"))<br>
        \(RosterPages.summary(edition, t: t))</p>
        <p class="actions"><a class="button" href="\(roster)">\(t("edition.roster_link"))</a>\(review)</p>
        </li>
        """
    }
}

extension CurrentUser {
    /// Holds an instructor grant on some edition (an admin's global powers do not count:
    /// the teaching home lists what a person teaches, not what they may see).
    var teachesAnyEdition: Bool { grants.contains { $0.role == .instructor && $0.scope.kind == "edition" } }

    func teaches(_ editionID: Int64) -> Bool {
        grants.contains { $0.role == .instructor && $0.scope == .edition(editionID) }
    }

    var taughtEditionCount: Int { grants.filter { $0.role == .instructor && $0.scope.kind == "edition" }.count }
}
