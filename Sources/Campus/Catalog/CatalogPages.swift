import Foundation
import Postgres
import Web

/// The catalog's pages: pure functions from data to HTML.
enum CatalogPages {
    static func courseList(
        _ courses: [CourseListing], filter: CatalogFilter, topics: [TopicChoice], next: String?, suggestion: String? = nil, t: Localizer
    ) -> HTML {
        let list: HTML
        if courses.isEmpty {
            list = filter.isEmpty ? "<p class=\"empty\">\(t("catalog.empty"))</p>" : noMatch(filter, suggestion: suggestion, t: t)
        } else {
            list = "<ul class=\"card-list\">\(courses.map { course in courseCard(course, t: t) })</ul>"
        }
        let more: HTML = next.map { "<nav class=\"pagination\" aria-label=\"\(t("pagination.label"))\"><a rel=\"next\" href=\"\($0)\">\(t("pagination.next"))</a></nav>" } ?? ""
        return """
        <header class="page-header">
        <h1>\(t("catalog.title"))</h1>
        <p class="lead">\(t("catalog.lead"))</p>
        </header>
        \(filters(filter, topics: topics, t: t))
        \(list)
        \(more)
        """
    }

    /// Nothing found: a correction when a word looks misspelt, and advice that fits what was
    /// asked (fewer or broader words for a search, fewer filters otherwise).
    static func noMatch(_ filter: CatalogFilter, suggestion: String?, t: Localizer) -> HTML {
        let searched = !filter.query.isEmpty
        let correction: HTML = suggestion.map { words in
            var corrected = filter
            corrected.query = words
            let link: HTML = "<a href=\"\(Paths.courses.path() + corrected.query())\">\(words)</a>"
            return "<p class=\"suggestion\">\(t.html("catalog.did_you_mean", ["q": link]))</p>"
        } ?? ""
        return """
        <div class="empty"><p>\(searched ? t("catalog.no_match_words", ["q": filter.query]) : t("catalog.no_match"))</p>
        \(correction)
        <p>\(searched ? t("catalog.no_match_hint") : t("catalog.no_match_filters_hint"))</p>
        <p><a class="button secondary" href="\(Paths.courses.path())">\(t("catalog.clear_filters"))</a></p></div>
        """
    }

    /// A GET form: the catalog's filters are links one can share and bookmark.
    static func filters(_ filter: CatalogFilter, topics: [TopicChoice], t: Localizer) -> HTML {
        func options(_ items: [(String, String)], selected: String) -> HTML {
            items.map { value, label -> HTML in "<option value=\"\(value)\"\(attribute: "selected", when: value == selected)>\(label)</option>" }.joined()
        }
        let topicOptions = [("", t("catalog.filter.any_topic"))] + topics.map { ($0.slug, $0.name) }
        let kindOptions = [("", t("catalog.filter.any_kind"))] + CatalogFilter.kinds.map { ($0, t("kind.\($0)")) }
        let languageOptions = [("", t("catalog.filter.any_language"))] + Language.allCases.map { ($0.rawValue, t("language_name.\($0.rawValue)")) }
        return """
        <form class="filters" method="get" action="\(Paths.courses.path())" role="search">
        <div class="field"><label for="q">\(t("catalog.filter.search"))</label>
        <input id="q" name="q" type="search" value="\(filter.query)" maxlength="200" placeholder="\(t("catalog.filter.placeholder"))"></div>
        <div class="field"><label for="topic">\(t("catalog.filter.topic"))</label><select id="topic" name="topic">\(options(topicOptions, selected: filter.topic))</select></div>
        <div class="field"><label for="kind">\(t("catalog.filter.kind"))</label><select id="kind" name="kind">\(options(kindOptions, selected: filter.kind))</select></div>
        <div class="field"><label for="lang">\(t("catalog.filter.language"))</label><select id="lang" name="lang">\(options(languageOptions, selected: filter.language))</select></div>
        <button type="submit" class="button">\(t("catalog.filter.submit"))</button>
        </form>
        """
    }

    static func stateBadge(_ state: EditionState, seatsLeft: Int, waitlisted: Int, t: Localizer) -> HTML {
        let label: String
        switch state {
        case .open: label = t.plural("edition.state.open", seatsLeft)
        case .full: label = t.plural("edition.state.full", waitlisted)
        default: label = t("edition.state.\(state.rawValue)")
        }
        return "<span class=\"state state-\(state.rawValue)\">\(label)</span>"
    }

    static func courseCard(_ course: CourseListing, t: Localizer) -> HTML {
        let next: HTML
        if let edition = course.nextEdition {
            next = """
            <p class="next-edition"><span class="label">\(t("catalog.next_edition"))</span> \
            <a href="\(Paths.edition.path(edition.dates.id))">\(edition.dates.name)</a> · \(dateRange(edition.dates.startsOn, edition.dates.endsOn, t: t)) · \
            \(t("language_name.\(edition.dates.language)"))<br>\(stateBadge(edition.state, seatsLeft: edition.seatsLeft, waitlisted: edition.waitlisted, t: t))</p>
            """
        } else {
            next = "<p class=\"next-edition muted\">\(t("catalog.no_upcoming"))</p>"
        }
        return """
        <li class="card">
        <p class="eyebrow"><span class="kind kind-\(course.kind)">\(t("kind.\(course.kind)"))</span>\(topicList(course.topics))</p>
        <h2><a href="\(Paths.course.path(course.slug))" lang="\(course.language)">\(course.title)</a></h2>
        \(summary(course))
        \(next)
        </li>
        """
    }

    /// The summary; when searching, with its matches marked and, under it, the passages of
    /// the description that match.
    static func summary(_ course: CourseListing) -> HTML {
        let summary = course.markedSummary.map(Snippet.html) ?? HTML.text(course.summary)
        let passages: HTML = course.markedDescription.flatMap { marked in
            Snippet.hasMatch(marked) ? "<p class=\"snippet\" lang=\"\(course.language)\">\(Snippet.html(marked))</p>" : nil
        } ?? ""
        return "<p lang=\"\(course.language)\">\(summary)</p>\(passages)"
    }

    static func topicList(_ topics: [String]) -> HTML {
        topics.map { topic -> HTML in " <span class=\"topic\">\(topic)</span>" }.joined()
    }

    static func coursePage(_ course: Course, editions: [EditionDetail], syllabus: HTML = "", context: Context) -> HTML {
        let t = context.t
        let pathways: HTML = course.pathways.isEmpty ? "" : """
            <p class="pathways"><span class="label">\(t("catalog.pathways"))</span> \
            \(course.pathways.map { pathway -> HTML in "<span class=\"pathway\">\(t("pathway.\(pathway)"))</span>" }.joined(separator: " "))</p>
            """
        let editionList: HTML = editions.isEmpty
            ? "<p class=\"empty\">\(t("catalog.no_editions"))</p>"
            : "<ul class=\"edition-list\">\(editions.map { editionItem($0, context: context) })</ul>"
        return """
        <nav class="breadcrumb" aria-label="\(t("layout.breadcrumb"))"><a href="\(Paths.courses.path())">\(t("catalog.title"))</a></nav>
        <header class="page-header">
        <p class="eyebrow"><span class="kind kind-\(course.kind)">\(t("kind.\(course.kind)"))</span>\(topicList(course.topics))</p>
        <h1 lang="\(course.language)">\(course.title)</h1>
        <p class="lead" lang="\(course.language)">\(course.summary)</p>
        \(pathways)
        </header>
        \(course.published ? "" : "<p class=\"flash flash-info\" role=\"status\">\(t("catalog.draft_notice"))</p>" as HTML)
        \(Markdown.prose(course.description, language: course.language, headingOffset: 1))
        \(syllabus)
        <section aria-labelledby="editions-title">
        <h2 id="editions-title">\(t("catalog.editions"))</h2>
        \(editionList)
        </section>
        """
    }

    static func editionItem(_ edition: EditionDetail, context: Context) -> HTML {
        let t = context.t
        let action = edition.state.acceptsRequests ? t("catalog.edition_enroll") : t("catalog.edition_details")
        return """
        <li class="edition">
        <h3><a href="\(Paths.edition.path(edition.edition.id))" lang="\(edition.edition.language)">\(edition.edition.name)</a></h3>
        <p>\(stateBadge(edition.state, seatsLeft: edition.seatsLeft, waitlisted: edition.waitlisted, t: t))</p>
        <dl class="facts">\(facts(edition, t: t, zone: context.timeZone))</dl>
        <p><a class="button secondary" href="\(Paths.edition.path(edition.edition.id))">\(action)</a></p>
        </li>
        """
    }

    /// The facts every edition shows, the window in the reader's time zone. A fee says what
    /// it means: nothing is owed for asking, and payment is arranged once a request is accepted.
    static func facts(_ detail: EditionDetail, t: Localizer, zone: TimeZone) -> HTML {
        let edition = detail.edition
        let seminar: HTML = edition.modality == "hybrid"
            ? "<dt>\(t("catalog.seminar"))</dt><dd>\(edition.seminarCity ?? "")</dd>" : ""
        let fee: HTML = edition.fee > 0
            ? "<dt>\(t("catalog.fee"))</dt><dd>\(money(edition.fee, edition.feeCurrency, t: t))<p class=\"hint\">\(t("catalog.fee_hint"))</p></dd>" : ""
        return """
        <dt>\(t("catalog.dates"))</dt><dd>\(dateRange(edition.startsOn, edition.endsOn, t: t))</dd>
        <dt>\(t("catalog.language"))</dt><dd>\(t("language_name.\(edition.language)"))</dd>
        <dt>\(t("catalog.modality"))</dt><dd>\(t("modality.\(edition.modality)"))</dd>
        \(seminar)
        <dt>\(t("catalog.enrollment"))</dt><dd>\(WindowText.window(detail, t: t, zone: zone))</dd>
        <dt>\(t("catalog.capacity"))</dt><dd>\(t.plural("catalog.seats", edition.capacity))</dd>
        <dt>\(t("catalog.admission"))</dt><dd>\(t("admission.\(detail.admitsByApproval && edition.admission != "members" ? "approval" : edition.admission)"))</dd>
        \(fee)
        """
    }

    static func dateRange(_ start: CalendarDay, _ end: CalendarDay, t: Localizer) -> String {
        t.dateRange(from: (start.year, start.month, start.day), to: (end.year, end.month, end.day))
    }

    static func money(_ amount: Decimal, _ currency: String, t: Localizer) -> String {
        var cents = amount * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &cents, 0, .plain)
        return "\(t.amount(cents: NSDecimalNumber(decimal: rounded).intValue)) \(currency)"
    }
}
