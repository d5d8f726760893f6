import Web

/// The parts of the site navigation a page can belong to.
enum Section: Sendable {
    case home, courses, capsules, forums, teaching, account, admin, scholarships, review
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
    var user: CurrentUser?
    /// A one-time message from the previous page ("Your password was changed").
    var flash: String?
    /// The page the reader came from on this site, for error pages' "back" link.
    var previousPath: String?
    /// A session cookie came with a request answered before the session was looked up
    /// (an unknown address): the menu then links to the profile instead of offering sign-in.
    var hasSessionCookie = false
    /// Asks search engines to leave the page out (a certificate is for whoever holds the link).
    var noindex = false
}

/// One-time messages carried to the next page in a short-lived cookie. The cookie holds
/// only a catalog key, so nothing a client writes there can reach the page.
enum Flash {
    static let cookieName = "campus_flash"

    static func isValid(_ key: String) -> Bool {
        key.hasPrefix("flash.") && key.count <= 80 && key.utf8.allSatisfy { $0 == 0x2E || $0 == 0x5F || (0x61...0x7A).contains($0) }
    }
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
        <meta name="viewport" content="width=device-width, initial-scale=1">\(chrome.noindex ? "\n<meta name=\"robots\" content=\"noindex\">" : HTML())
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
        \(userMenu(chrome))
        </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">
        \(notices(chrome))
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
        var links = HTML()
        for feature in CampusApp.features {
            for entry in feature.navigation where entry.isShown(chrome.user) {
                let current: HTML = chrome.section == entry.section ? " aria-current=\"page\"" : ""
                links += "<li><a href=\"\(entry.path)\"\(current)>\(t(entry.label))</a></li>"
            }
        }
        return "<nav class=\"site-nav\" aria-label=\"\(t("layout.nav"))\"><ul>\(links)</ul></nav>"
    }

    /// Sign in and register for a visitor; notifications, profile and sign out for a user.
    static func userMenu(_ chrome: Chrome) -> HTML {
        let t = chrome.t
        guard let user = chrome.user else {
            if chrome.hasSessionCookie {
                return "<div class=\"user-menu\"><a href=\"\(Paths.me.path())\">\(t("me.title"))</a></div>"
            }
            let next = chrome.currentPath == "/" || chrome.currentPath.hasPrefix(Paths.login.path()) ? nil : chrome.currentPath
            let login = Paths.login.path() + PercentEncoding.query([("next", next)])
            return """
            <div class="user-menu"><a href="\(login)">\(t("nav.login"))</a> \
            <a class="button small" href="\(Paths.register.path())">\(t("nav.register"))</a></div>
            """
        }
        let unread: HTML = user.unreadNotifications > 0
            ? " <span class=\"badge\" aria-label=\"\(t.plural("nav.unread", user.unreadNotifications))\">\(user.unreadNotifications)</span>" : ""
        let current: HTML = chrome.section == .account ? " aria-current=\"page\"" : ""
        return """
        <div class="user-menu">
        <a class="badge-link" href="\(Paths.notifications.path())">\(t("nav.notifications"))\(unread)</a>
        <a href="\(Paths.me.path())"\(current)>\(user.name)</a>
        <form class="inline" method="post" action="\(Paths.logout.path())">
        <input type="hidden" name="\(CSRF.fieldName)" value="\(chrome.csrfToken ?? "")">
        <button type="submit" class="link-button">\(t("nav.logout"))</button>
        </form>
        </div>
        """
    }

    /// The one-time message and, for an unverified account, why some actions wait.
    static func notices(_ chrome: Chrome) -> HTML {
        let t = chrome.t
        var out = HTML()
        if let flash = chrome.flash {
            out += "<div class=\"flash flash-success\" role=\"status\">\(flash)</div>"
        }
        if let user = chrome.user, !user.isVerified {
            out += """
            <div class="flash flash-info" role="status">\(t("account.unverified_banner", ["email": user.email])) \
            <form class="inline" method="post" action="\(Paths.meVerification.path())">\
            <input type="hidden" name="\(CSRF.fieldName)" value="\(chrome.csrfToken ?? "")">\
            <button type="submit" class="link-button">\(t("account.unverified_link"))</button></form></div>
            """
        }
        return out
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
