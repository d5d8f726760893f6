import Foundation

// MARK: - Scripts, cookies and emulation

extension Browser {
    /// Runs `script` as the body of a function in the page, with `arguments` as its
    /// arguments, and returns what it returns as JSON values; a returned promise is
    /// awaited (WebDriver does that). `seconds` bounds how long the script may take.
    public func run(_ script: String, _ arguments: [Any] = [], seconds: Double = 10) throws -> Any {
        try attempt("run a script") {
            _ = try sessionCommand("POST", "/timeouts", ["script": Int(seconds * 1000)])
            return try sessionCommand("POST", "/execute/sync", ["script": script, "args": arguments])
        }
    }

    /// Forgets every cookie of the site, and with them the session: the next reader can
    /// sign in in the same browser, without a browser of their own.
    public func forgetCookies() throws {
        try attempt("forget the cookies") { _ = try sessionCommand("DELETE", "/cookie") }
    }

    /// Lays pages out for a screen `width` by `height` CSS pixels (the phone's screen
    /// stays until then), through Chromium's own emulation.
    public func emulateScreen(width: Int, height: Int) throws {
        try attempt("emulate a \(width)×\(height) screen") {
            _ = try sessionCommand("POST", "/goog/cdp/execute", ["cmd": "Emulation.setDeviceMetricsOverride", "params": [
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600,
            ] as [String: Any]])
        }
    }

    /// Shows pages as a reader whose system asks for `scheme` ("light" or "dark") sees
    /// them, through Chromium's own emulation (WebDriver has no command for it). Motion
    /// is reduced too, so no colour is caught halfway through a transition.
    public func prefersColorScheme(_ scheme: String) throws {
        let features = [["name": "prefers-color-scheme", "value": scheme], ["name": "prefers-reduced-motion", "value": "reduce"]]
        try attempt("ask for the \(scheme) colour scheme") {
            _ = try sessionCommand("POST", "/goog/cdp/execute", ["cmd": "Emulation.setEmulatedMedia", "params": ["features": features]])
        }
    }
}

// MARK: - Accessibility

/// One rule axe-core found broken on a page, with the elements that break it.
public struct AxeViolation: Sendable, CustomStringConvertible {
    public let rule: String
    public let impact: String
    public let help: String
    /// Each element as axe names it: its CSS selector, its markup, and what to fix.
    public let elements: [(selector: String, html: String, fix: String)]

    public var description: String {
        let list = elements.map { "    \($0.selector)  \($0.html)\n      \($0.fix.replacingOccurrences(of: "\n", with: "\n      "))" }
        return "  \(rule) (\(impact)): \(help)\n" + list.joined(separator: "\n")
    }
}

extension Browser {
    /// The WCAG 2.2 A and AA rules: the level Campus promises.
    public static let wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

    /// axe-core's script, from the test tools `make test` installs (CAMPUS_TEST_AXE_JS).
    static let axeSource: Result<String, any Error> = Result {
        let path = try TestEnvironment.value("CAMPUS_TEST_AXE_JS")
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Runs axe-core on the page as it is now, with the rules tagged `tags` (or only the
    /// rules named in `rules`), and returns what it finds broken. What axe cannot decide
    /// alone ("incomplete", e.g. text over a gradient) is left to people, not failed.
    public func axeViolations(tags: [String] = Browser.wcagTags, rules: [String]? = nil) throws -> [AxeViolation] {
        // Half a megabyte of script: sent once per page, not once per run.
        if try run("return typeof window.axe") as? String != "object" {
            _ = try run(try Browser.axeSource.get() + "\n;return typeof window.axe;")
        }
        let only: [String: Any] = rules.map { ["type": "rule", "values": $0] } ?? ["type": "tag", "values": tags]
        let script = """
            return axe.run(document, {runOnly: arguments[0], resultTypes: ['violations']})
              .then(r => JSON.stringify(r.violations.map(v => ({rule: v.id, impact: v.impact || '', help: v.help,
                elements: v.nodes.map(n => ({selector: n.target.join(' '), html: n.html, fix: n.failureSummary || ''}))}))));
            """
        guard let json = try run(script, [only], seconds: 60) as? String,
              let list = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        else { throw TestSetupError("axe-core answered no list of violations") }
        return list.map { item in
            let elements = (item["elements"] as? [[String: String]] ?? []).map {
                (selector: $0["selector"] ?? "", html: $0["html"] ?? "", fix: $0["fix"] ?? "")
            }
            return AxeViolation(rule: item["rule"] as? String ?? "", impact: item["impact"] as? String ?? "",
                                help: item["help"] as? String ?? "", elements: elements)
        }
    }
}

// MARK: - Reflow

extension Browser {
    /// WCAG's reflow rule: on a screen `width` CSS pixels wide, nothing makes the reader
    /// scroll sideways (a wide table scrolls inside its own box). Returns nil when the page
    /// fits, else how wide it is and the innermost elements that reach past the edge.
    /// The phone's screen comes back afterwards.
    public func overflow(at width: Int) throws -> (pageWidth: Int, elements: [String])? {
        if width != Browser.windowSize.width { try emulateScreen(width: width, height: Browser.windowSize.height) }
        defer { if width != Browser.windowSize.width { try? emulateScreen(width: Browser.windowSize.width, height: Browser.windowSize.height) } }
        let measured = try run("""
            const edge = document.documentElement.clientWidth + 1, page = document.documentElement.scrollWidth;
            if (page <= edge) return null;
            const out = e => e.getBoundingClientRect().right > edge;
            // Inside a box that scrolls and itself fits, an element is clipped, unless it is
            // positioned against something outside that box.
            const clipped = e => {
              if (['absolute', 'fixed'].includes(getComputedStyle(e).position)) return false;
              for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
                if (getComputedStyle(a).overflowX !== 'visible' && !out(a)) return true;
              return false;
            };
            const leaves = [...document.body.querySelectorAll('*')].filter(e => out(e) && !clipped(e) && ![...e.children].some(out));
            return [page, leaves.slice(0, 5).map(e => e.outerHTML.replace(/\\s+/g, ' ').slice(0, 100))];
            """)
        guard let pair = measured as? [Any], let page = pair.first as? Int else { return nil }
        return (pageWidth: page, elements: pair.last as? [String] ?? [])
    }
}
