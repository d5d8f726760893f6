import Web

/// The parts of the site navigation a page can belong to.
enum Section: Sendable {
    case home, courses
}

/// What the page shell shows around every page, decided before the handler runs.
struct Chrome: Sendable {
    var t: Localizer
    /// Nil only while the database (which keeps the signing secret) is out of reach.
    var csrfToken: String?
    /// Where the reader is, so switching language comes back to the same page.
    var currentPath: String
    var assetVersion: String
    var section: Section?
}

/// The page shell: header with navigation and language switcher, main with a skip
/// link target, footer. Light on purpose: one stylesheet, no script, no web fonts.
enum Layout {
    static func page(title: String, body: HTML, chrome: Chrome) -> HTML {
        let t = chrome.t
        return """
        <!doctype html>
        <html lang="\(t.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · Campus</title>
        <link rel="stylesheet" href="/static/campus.css?v=\(chrome.assetVersion)">
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
        </head>
        <body>
        <a class="skip-link" href="#main">\(t("layout.skip"))</a>
        <header class="site-header">
        <div class="wrap header-row">
        <a class="brand" href="\(Paths.home.path())"><span class="brand-mark" aria-hidden="true">◆</span> Campus</a>
        \(navigation(chrome))
        \(languageSwitcher(chrome))
        </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">
        \(body)
        </main>
        <footer class="site-footer">
        <div class="wrap">
        <p>\(t("layout.footer"))</p>
        </div>
        </footer>
        </body>
        </html>
        """
    }

    static func navigation(_ chrome: Chrome) -> HTML {
        let t = chrome.t
        let items: [(Section, String, String)] = [
            (.courses, Paths.courses.path(), t("nav.courses")),
        ]
        let links = items.map { section, href, label -> HTML in
            let current: HTML = chrome.section == section ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(href)\"\(current)>\(label)</a></li>"
        }
        return "<nav class=\"site-nav\" aria-label=\"\(t("layout.nav"))\"><ul>\(links)</ul></nav>"
    }

    /// Plain buttons in a form: switching language works without JavaScript.
    static func languageSwitcher(_ chrome: Chrome) -> HTML {
        guard let token = chrome.csrfToken else { return "" }
        let t = chrome.t
        let buttons = Language.allCases.map { language -> HTML in
            let pressed = language == t.language ? "true" : "false"
            return """
            <button type="submit" name="lang" value="\(language.rawValue)" lang="\(language.rawValue)" \
            title="\(language.nativeName)" aria-pressed="\(pressed)">\(language.rawValue.uppercased())</button>
            """
        }
        return """
        <form class="lang-switch" method="post" action="\(Paths.locale.path())">
        <input type="hidden" name="\(CSRF.fieldName)" value="\(token)">
        <input type="hidden" name="next" value="\(chrome.currentPath)">
        <span class="visually-hidden">\(t("layout.language"))</span>
        \(buttons)
        </form>
        """
    }
}
