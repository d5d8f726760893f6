import Foundation
import Postgres
import Web

/// The catalog's pages: pure functions from data to HTML.
enum CatalogPages {
    static func courseList(_ courses: [CourseListing], t: Localizer) -> HTML {
        let items = courses.map { course in courseCard(course, t: t) }
        let list: HTML = courses.isEmpty
            ? "<p class=\"empty\">\(t("catalog.empty"))</p>"
            : "<ul class=\"card-list\">\(items)</ul>"
        return """
        <header class="page-header">
        <h1>\(t("catalog.title"))</h1>
        <p class="lead">\(t("catalog.lead"))</p>
        </header>
        \(list)
        """
    }

    static func courseCard(_ course: CourseListing, t: Localizer) -> HTML {
        let next: HTML
        if let edition = course.nextEdition {
            next = """
            <p class="next-edition"><span class="label">\(t("catalog.next_edition"))</span> \
            \(edition.name) · \(dateRange(edition.startsOn, edition.endsOn, t: t)) · \(t("language_name.\(edition.language)"))</p>
            """
        } else {
            next = "<p class=\"next-edition muted\">\(t("catalog.no_upcoming"))</p>"
        }
        return """
        <li class="card">
        <p class="eyebrow"><span class="kind kind-\(course.kind)">\(t("kind.\(course.kind)"))</span>\(topicList(course.topics))</p>
        <h2><a href="\(Paths.course.path(course.slug))">\(course.title)</a></h2>
        <p>\(course.summary)</p>
        \(next)
        </li>
        """
    }

    static func topicList(_ topics: [String]) -> HTML {
        topics.map { topic -> HTML in " <span class=\"topic\">\(topic)</span>" }.joined()
    }

    static func coursePage(_ course: Course, editions: [Edition], t: Localizer) -> HTML {
        let pathways: HTML = course.pathways.isEmpty ? "" : """
            <p class="pathways"><span class="label">\(t("catalog.pathways"))</span> \
            \(course.pathways.map { pathway -> HTML in "<span class=\"pathway\">\(t("pathway.\(pathway)"))</span>" }.joined(separator: " "))</p>
            """
        let description: HTML = course.description.isEmpty ? "" : "<div class=\"prose\">\(paragraphs(course.description))</div>"
        let editionList: HTML = editions.isEmpty
            ? "<p class=\"empty\">\(t("catalog.no_editions"))</p>"
            : "<ul class=\"edition-list\">\(editions.map { editionItem($0, t: t) })</ul>"
        return """
        <nav class="breadcrumb" aria-label="\(t("layout.breadcrumb"))"><a href="\(Paths.courses.path())">\(t("catalog.title"))</a></nav>
        <header class="page-header">
        <p class="eyebrow"><span class="kind kind-\(course.kind)">\(t("kind.\(course.kind)"))</span>\(topicList(course.topics))</p>
        <h1 lang="\(course.language)">\(course.title)</h1>
        <p class="lead" lang="\(course.language)">\(course.summary)</p>
        \(pathways)
        </header>
        <div lang="\(course.language)">\(description)</div>
        <section aria-labelledby="editions-title">
        <h2 id="editions-title">\(t("catalog.editions"))</h2>
        \(editionList)
        </section>
        """
    }

    static func editionItem(_ edition: Edition, t: Localizer) -> HTML {
        let zone = TimeZone(identifier: "UTC") ?? .current
        let seminar: HTML = edition.modality == "hybrid"
            ? "<dt>\(t("catalog.seminar"))</dt><dd>\(edition.seminarCity ?? "")</dd>" : ""
        let fee: HTML = edition.fee > 0
            ? "<dt>\(t("catalog.fee"))</dt><dd>\(money(edition.fee, edition.feeCurrency, t: t))</dd>" : ""
        return """
        <li class="edition">
        <h3>\(edition.name)</h3>
        <dl class="facts">
        <dt>\(t("catalog.dates"))</dt><dd>\(dateRange(edition.startsOn, edition.endsOn, t: t))</dd>
        <dt>\(t("catalog.language"))</dt><dd>\(t("language_name.\(edition.language)"))</dd>
        <dt>\(t("catalog.modality"))</dt><dd>\(t("modality.\(edition.modality)"))</dd>
        \(seminar)
        <dt>\(t("catalog.enrollment"))</dt><dd>\(t("catalog.window", ["opens": t.dateTime(edition.enrollmentOpensAt, timeZone: zone, showZone: false), "closes": t.dateTime(edition.enrollmentClosesAt, timeZone: zone)]))</dd>
        <dt>\(t("catalog.capacity"))</dt><dd>\(t.plural("catalog.seats", edition.capacity))</dd>
        <dt>\(t("catalog.admission"))</dt><dd>\(t("admission.\(edition.admission)"))</dd>
        \(fee)
        </dl>
        </li>
        """
    }

    static func dateRange(_ start: CalendarDay, _ end: CalendarDay, t: Localizer) -> String {
        t.dateRange(from: (start.year, start.month, start.day), to: (end.year, end.month, end.day))
    }

    static func money(_ amount: Decimal, _ currency: String, t: Localizer) -> String {
        let whole = NSDecimalNumber(decimal: amount).intValue
        return "\(t.number(whole)) \(currency)"
    }

    /// Plain text split into paragraphs at blank lines, each escaped.
    static func paragraphs(_ text: String) -> HTML {
        text.components(separatedBy: "\n\n").map { paragraph -> HTML in
            let trimmed = paragraph.trimmingWhitespace()
            return trimmed.isEmpty ? "" : "<p>\(trimmed)</p>"
        }.joined(separator: "\n")
    }
}
