import Foundation
import Postgres
import Web

/// `GET /search?q=` (with `order` = relevance | newest, and `after` for the next page):
/// the forums' posts and topics the reader may see, with highlighted snippets.
enum SearchRoutes {
    static let routes: [Route<Handler>] = [Route("GET", ForumPaths.search, search)]

    static func search(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let query = try context.query()
        let text = String((query.trimmed("q") ?? "").prefix(200))
        let order = ForumSearch.Order(rawValue: query["order"] ?? "") ?? .relevance
        let after = try query["after"].map { text in
            // Only a page's own link carries `after`; anything else is a 400.
            guard let cursor = SearchCursor(text) else { throw HTTPError(.badRequest, reason: "forum.search.bad_cursor") }
            return cursor
        }
        let hits = try TextSearch(text).map { try ForumSearch.search(try context.db, $0, reader: user, order: order, after: after) } ?? []
        let page = Array(hits.prefix(ForumSearch.pageSize))
        var next: String?
        if hits.count > page.count, let last = page.last {
            let cursor = ForumSearch.cursor(after: last, order: order)
            next = ForumPaths.search.path() + PercentEncoding.query([("q", text), ("order", order.rawValue), ("after", cursor.text)])
        }
        let title = text.isEmpty ? context.t("forum.search.title") : context.t("forum.search.results_for", ["q": text])
        return context.page(title, SearchPages.page(text: text, order: order, hits: page, next: next, context: context), section: .forums)
    }
}

enum SearchPages {
    static func page(text: String, order: ForumSearch.Order, hits: [SearchHit], next: String?, context: Context) -> HTML {
        let t = context.t
        let orders = [ForumSearch.Order.relevance, .newest].map { value -> HTML in
            "<option value=\"\(value.rawValue)\"\(attribute: "selected", when: value == order)>\(t("forum.search.order.\(value.rawValue)"))</option>"
        }
        let results: HTML
        if text.isEmpty {
            results = ""
        } else if hits.isEmpty {
            results = "<p class=\"empty\">\(t("forum.search.none"))</p>"
        } else {
            results = "<ol class=\"plain-list search-results\">\(hits.map { item($0, context: context) })</ol>"
        }
        let more: HTML = next.map { "<nav class=\"pagination\" aria-label=\"\(t("pagination.label"))\"><a rel=\"next\" href=\"\($0)\">\(t("pagination.next"))</a></nav>" } ?? ""
        return """
        \(ForumFormat.breadcrumb(t))
        <h1>\(text.isEmpty ? t("forum.search.title") : t("forum.search.results_for", ["q": text]))</h1>
        <form class="filters" role="search" method="get" action="\(ForumPaths.search.path())">
        <div class="field"><label for="search-q">\(t("forum.search.label"))</label><input id="search-q" name="q" type="search" value="\(text)" maxlength="200"></div>
        <div class="field"><label for="search-order">\(t("forum.search.order"))</label><select id="search-order" name="order">\(orders)</select></div>
        <button type="submit" class="button">\(t("forum.search.submit"))</button>
        </form>
        <p class="hint">\(t("forum.search.hint"))</p>
        \(results)
        \(more)
        """
    }

    static func item(_ hit: SearchHit, context: Context) -> HTML {
        let t = context.t
        return """
        <li class="search-result"><h2 class="post-author"><a href="\(ForumPaths.post.path(hit.postID))" lang="\(hit.topicLanguage)">\(hit.topicTitle)</a></h2>
        <p class="muted">\(hit.forumTitle) · \(ForumFormat.name(hit.authorName, t: t)) · \(ForumFormat.time(hit.createdAt, context: context))</p>
        <p lang="\(hit.language)">\(hit.snippet)</p></li>
        """
    }
}
