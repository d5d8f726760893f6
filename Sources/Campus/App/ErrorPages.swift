import Web

/// Error pages for every status Campus answers, in the reader's language. The message
/// says what happened and what to do; details stay in the log under the request id.
enum ErrorPages {
    static func render(_ error: HTTPError, chrome: Chrome, requestID: String) -> Response {
        let t = chrome.t
        let code = error.status.rawValue
        let known = t.has("error.\(code).title")
        let title = known ? t("error.\(code).title") : t("error.generic.title")
        let message = error.reason.map { t($0, error.arguments) } ?? (known ? t("error.\(code).message") : t("error.generic.message"))
        let reference: HTML = code >= 500 ? "<p class=\"muted\">\(t("error.reference", ["id": requestID]))</p>" : ""
        let body: HTML = """
        <section class="error-page" aria-labelledby="error-title">
        <p class="error-code">\(code)</p>
        <h1 id="error-title">\(title)</h1>
        <p>\(message)</p>
        \(reference)
        <p class="actions">\(back(chrome, code: code))<a class="button" href="\(Paths.home.path())">\(t("error.home"))</a> \
        <a class="button secondary" href="\(Paths.courses.path())">\(t("error.catalog"))</a></p>
        </section>
        """
        return .html(Layout.page(title: title, body: body, chrome: chrome), status: error.status)
    }

    /// After a refused form (an expired token, a closed window), the way back to it.
    static func back(_ chrome: Chrome, code: Int) -> HTML {
        guard [403, 404, 409, 422, 429].contains(code), let path = chrome.previousPath, path != chrome.currentPath else { return "" }
        return "<a class=\"button secondary\" href=\"\(path)\">\(chrome.t("error.back"))</a> "
    }
}
