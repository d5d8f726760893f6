import Foundation
import Testing
import TestSupport

/// Every main page, signed out and signed in, passes axe-core's WCAG 2.2 A and AA rules
/// in a real headless Chromium the size of a phone: names and labels, contrast (in the
/// light and the dark colour scheme), landmarks, ARIA, keyboard access, and targets of
/// at least 24 by 24 pixels; and WCAG's reflow, which axe does not check: no page makes
/// the reader scroll sideways. A failure lists each page, rule and element.
@Suite(.serialized, .browserEvidence) final class AccessibilityTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database)
    }

    deinit { stack.stop() }

    @Test func everyMainPagePassesWCAG22AA() throws {
        let tour = try MainPages(database)
        var failures: [String] = []
        // One browser for all readers: each starts with no cookies, hence signed out.
        let browser = try Browser(name: "a11y", baseURL: stack.baseURL)
        defer { browser.quit() }
        for reader in MainPages.Reader.allCases {
            try browser.forgetCookies()
            if let email = reader.email { try signIn(browser, email) }
            for page in tour.pages(for: reader) {
                // One page that cannot be used (a click that misses) must not hide the rest.
                do {
                    try visit(page, in: browser)
                    failures += try check("\(page)", in: browser)
                } catch {
                    failures.append("\(page): \(error)")
                }
            }
        }
        report(failures)
    }

    /// nginx's own page for a responder that is down, which every visitor may meet.
    @Test func nginxErrorPagePassesWCAG22AA() throws {
        stack.stopResponder()
        let browser = try Browser(baseURL: stack.baseURL)
        try browser.open("/courses")
        try #require(try browser.text(".error-code") == "502")
        let failures = try check("visitor: nginx's 502 page", in: browser)
        report(failures)
    }

    /// What axe finds on the page as it is, in the light scheme and then, for contrast,
    /// in the dark one; each finding names the page, the rule and the elements.
    func check(_ page: String, in browser: Browser) throws -> [String] {
        var failures: [String] = []
        func note(_ label: String, _ violations: [AxeViolation]) {
            guard !violations.isEmpty else { return }
            failures.append("\(label):\n" + violations.map(\.description).joined(separator: "\n"))
            browser.capture(label)
        }
        note(page, try browser.axeViolations())
        // WCAG's reflow is measured at 320 pixels; the tour's phone is 390.
        for width in [Browser.windowSize.width, 320] {
            guard let overflow = try browser.overflow(at: width) else { continue }
            failures.append("""
                \(page) at \(width) pixels wide:
                  reflow (WCAG 1.4.10): the page is \(overflow.pageWidth) pixels wide; reaching past the edge:
                \(overflow.elements.map { "    " + $0 }.joined(separator: "\n"))
                """)
        }
        try browser.prefersColorScheme("dark")
        defer { try? browser.prefersColorScheme("light") }
        note(page + " in the dark colour scheme", try browser.axeViolations(rules: ["color-contrast"]))
        return failures
    }

    /// One issue listing every finding, readable as it is (an `#expect` would print the
    /// list twice, escaped).
    func report(_ failures: [String]) {
        guard !failures.isEmpty else { return }
        Issue.record(Comment(rawValue: "WCAG 2.2 AA violations on \(failures.count) pages:\n\n" + failures.joined(separator: "\n\n")))
    }

    func signIn(_ browser: Browser, _ email: String) throws {
        try browser.open("/login")
        try browser.fill("#email", email)
        try browser.fill("#password", MainPages.password)
        try browser.submit("form.form")
        try #require(try browser.path != "/login", "\(email) could not sign in")
    }

    func visit(_ page: MainPages.Page, in browser: Browser) throws {
        try browser.open(page.path)
        // A page that sends the reader elsewhere (to sign in) would be checked in its stead.
        guard try browser.path == page.path else { throw TestSetupError("\(page) ended at \(try browser.path)") }
        guard let action = page.form else { return }
        let form = "form[action='\(action)']"
        // A field that names a button (one form, several actions) is sent by pressing it.
        var button: String?
        for field in page.fields {
            let css = "\(form) [name='\(field.name)']"
            if try browser.exists("\(form) button[name='\(field.name)']") {
                button = "\(form) button[name='\(field.name)'][value='\(field.value)']"
            } else if try browser.exists("\(form) select[name='\(field.name)']") {
                try browser.select(css, value: field.value)
            } else {
                try browser.fill(css, field.value)
            }
        }
        if let named = page.button {
            try browser.follow("\(form) button[name='\(named.name)'][value='\(named.value)']")
        } else if let button {
            try browser.follow(button)
        } else {
            try browser.submit(form)
        }
    }
}
