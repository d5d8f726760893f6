import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A real headless Chromium, driven through chromedriver over the W3C WebDriver protocol,
/// so end-to-end tests see what a visitor on a phone sees. Each browser has its own
/// chromedriver on a free port and its own profile; `quit()` (or deinit) takes both down.
///
/// Nothing here sleeps and hopes: `open` and clicks return once chromedriver has seen the
/// page load, and `follow` also checks that the old document is gone. Only conditions are
/// polled, in bounded loops: chromedriver answering at start, the old page going stale.
///
/// When a WebDriver command fails, the thrown `BrowserError` names the selector, the
/// page and the screenshot and page source saved at that moment. Give a suite or test
/// the `.browserEvidence` trait and every failed `#expect` saves them too.
public final class Browser: @unchecked Sendable {
    public static let chromedriverPath = "/usr/bin/chromedriver"
    public static let chromiumPath = "/usr/bin/chromium"
    /// A phone held upright.
    public static let windowSize = (width: 390, height: 844)
    /// How long one page may take to load before a command fails.
    static let pageLoadSeconds = 30.0

    /// Keys for `press(_:)`, as WebDriver encodes them.
    public enum Key: String, Sendable {
        case tab = "\u{E004}", enter = "\u{E007}", escape = "\u{E00C}"
    }

    public let name: String
    /// Prepended to paths given to `open` ("/courses").
    public let baseURL: String
    /// `$CAMPUS_TEST_TMP/artifacts/browser/<name>/`, where captures go (`01-label.png`,
    /// `01-label.html`…); `make test` keeps the artifacts folder when a test fails.
    public let artifactsFolder: String
    let directory: String
    let port: UInt16
    private var driver: Subprocess?
    var session: String?
    var browserPID: pid_t?
    private var captures = 0
    /// Set once chromedriver lets a command time out: the session is stuck, so evidence
    /// and quitting do not wait on it again.
    var stuck = false

    /// Starts chromedriver and a browser session. `name` defaults to the current test's
    /// name; `language` is the browser's Accept-Language; `javaScript: false` turns page
    /// scripts off, to prove a page works without them.
    public init(name: String? = nil, baseURL: String = "", language: String = "es", javaScript: Bool = true) throws {
        self.name = Browser.fileName(name ?? Test.current?.name ?? "browser")
        self.baseURL = baseURL
        artifactsFolder = Browser.uniqueFolder(TestEnvironment.artifacts + "/browser/" + self.name)
        directory = try TestEnvironment.temporaryDirectory("browser")
        (driver, port) = try Browser.startDriver(directory: directory)
        do {
            try startSession(language: language, javaScript: javaScript)
        } catch {
            quit()
            throw error
        }
        Browser.registry.add(self, test: Test.current?.id)
    }

    deinit { quit() }

    /// Ends the session (chromedriver closes the browser), stops chromedriver, and kills
    /// a browser left behind. Safe to call twice.
    public func quit() {
        Browser.registry.remove(self)
        if let session {
            if !stuck { _ = try? Browser.command(port: port, "DELETE", "/session/\(session)", timeout: 15) }
            self.session = nil
        }
        if let driver {
            Browser.stop(driver)
            self.driver = nil
            unlink(directory + "/chromedriver.pid")
        }
        if let browserPID {
            // Only our own browser: the pid must still be a process using our profile.
            if Browser.commandLine(of: browserPID).contains(directory + "/profile") {
                kill(browserPID, SIGTERM)
                if !Browser.waitUntilGone(browserPID) { kill(browserPID, SIGKILL) }
            }
            self.browserPID = nil
            unlink(directory + "/chromium.pid")
        }
    }

    // MARK: Pages

    /// Loads `url` (a path is taken relative to `baseURL`) and waits until it has loaded.
    public func open(_ url: String) throws {
        let target = url.hasPrefix("/") ? baseURL + url : url
        try attempt("open \(target)") { _ = try sessionCommand("POST", "/url", ["url": target]) }
    }

    public var url: String { get throws { try attempt("read the URL") { try currentURL() } } }

    /// The current URL's path and query, e.g. "/courses?q=agua".
    public var path: String {
        get throws {
            let components = URLComponents(string: try url)
            return (components?.percentEncodedPath ?? "") + (components?.percentEncodedQuery.map { "?" + $0 } ?? "")
        }
    }

    public var title: String {
        get throws { try attempt("read the title") { try sessionCommand("GET", "/title") as? String ?? "" } }
    }

    public func pageSource() throws -> String {
        try attempt("read the page source") { try rawPageSource() }
    }

    // MARK: Elements

    /// The visible text of the first element matching `css` (empty when it is hidden).
    public func text(_ css: String) throws -> String {
        try attempt("read the text of", css) { try sessionCommand("GET", "/element/\(try find(css))/text") as? String ?? "" }
    }

    /// The attribute `attribute` of the first match, nil when it has none.
    public func attribute(_ css: String, _ attribute: String) throws -> String? {
        try attempt("read \(attribute) of", css) { try sessionCommand("GET", "/element/\(try find(css))/attribute/\(attribute)") as? String }
    }

    public func exists(_ css: String) throws -> Bool { try count(css) > 0 }

    public func count(_ css: String) throws -> Int {
        try attempt("count", css) {
            (try sessionCommand("POST", "/elements", ["using": "css selector", "value": css]) as? [Any])?.count ?? 0
        }
    }

    /// Whether the first match is rendered where a person could see it.
    public func isVisible(_ css: String) throws -> Bool {
        try attempt("check the visibility of", css) { try sessionCommand("GET", "/element/\(try find(css))/displayed") as? Bool ?? false }
    }

    /// Whether the first match has the keyboard focus.
    public func isFocused(_ css: String) throws -> Bool {
        try attempt("check the focus of", css) {
            try Browser.elementID(sessionCommand("GET", "/element/active")) == find(css)
        }
    }

    /// Clicks the first match. If the click starts loading a page, chromedriver waits for
    /// it; use `follow` when a new page must come.
    public func click(_ css: String) throws {
        try attempt("click", css) { _ = try sessionCommand("POST", "/element/\(try find(css))/click", [:]) }
    }

    /// Clicks a link or submit button and waits until the page it leads to has replaced
    /// this one (after redirects); fails if no new page comes.
    public func follow(_ css: String) throws {
        try attempt("follow", css) {
            let page = try find("html")
            let target = try find(css)
            do {
                _ = try sessionCommand("POST", "/element/\(target)/click", [:])
            } catch let error as WebDriverError where error.meansDocumentReplaced {
                // The click started a navigation fast enough to outrun its own answer.
            }
            try waitForNewDocument(replacing: page)
        }
    }

    /// Submits the form matching `formCSS` with its first submit button, as a person
    /// would, and waits for the next page. (To pick one of several buttons, `follow` it.)
    public func submit(_ formCSS: String) throws {
        try attempt("submit", formCSS) {
            let page = try find("html")
            let form = try find(formCSS)
            let button = try Browser.elementID(sessionCommand(
                "POST", "/element/\(form)/element", ["using": "css selector", "value": "button:not([type]), [type=submit]"]))
            do {
                _ = try sessionCommand("POST", "/element/\(button)/click", [:])
            } catch let error as WebDriverError where error.meansDocumentReplaced {
                // The click started a navigation fast enough to outrun its own answer.
            }
            try waitForNewDocument(replacing: page)
        }
    }

    /// Empties the field and types `value` into it.
    public func fill(_ css: String, _ value: String) throws {
        try attempt("fill", css) {
            let field = try find(css)
            _ = try sessionCommand("POST", "/element/\(field)/clear", [:])
            _ = try sessionCommand("POST", "/element/\(field)/value", ["text": value])
        }
    }

    /// Chooses the local file at `path` in the file input matching `css`, as a person does
    /// in the file dialog (a file input cannot be cleared or typed into).
    public func attach(_ css: String, file path: String) throws {
        try attempt("attach \(path) to", css) {
            _ = try sessionCommand("POST", "/element/\(try find(css))/value", ["text": path])
        }
    }

    /// Picks the option with `value` in the select matching `css`.
    public func select(_ css: String, value: String) throws {
        let option = css + " option[value='" + value.replacingOccurrences(of: "'", with: "\\'") + "']"
        try attempt("select", option) { _ = try sessionCommand("POST", "/element/\(try find(option))/click", [:]) }
    }

    /// Presses and releases a key wherever the focus is.
    public func press(_ key: Key) throws {
        let actions: [[String: Any]] = [["type": "keyDown", "value": key.rawValue], ["type": "keyUp", "value": key.rawValue]]
        try attempt("press \(key)") {
            _ = try sessionCommand("POST", "/actions", ["actions": [["type": "key", "id": "keyboard", "actions": actions]]])
        }
    }

    // MARK: Evidence

    /// Writes what the browser shows now as a PNG.
    public func screenshot(to path: String) throws {
        try attempt("take a screenshot") { try rawScreenshot(to: path) }
    }

    /// Saves `NN-label.png` and `NN-label.html` (the page source, its URL on the first
    /// line) in `artifactsFolder`, and says where. Never throws: it runs when something
    /// has already gone wrong, and notes what it could not save instead.
    @discardableResult
    public func capture(_ label: String) -> String {
        captures += 1
        let base = artifactsFolder + "/" + String(format: "%02d-", captures) + Browser.fileName(label)
        try? FileManager.default.createDirectory(atPath: artifactsFolder, withIntermediateDirectories: true)
        var saved: [String] = []
        if stuck {
            // What chromedriver said is all there is; a stuck browser answers nothing.
            try? FileManager.default.copyItem(atPath: directory + "/chromedriver.log", toPath: base + "-chromedriver.log")
            return base + "-chromedriver.log (the browser stopped answering: no screenshot)"
        }
        do {
            try rawScreenshot(to: base + ".png")
            saved.append(base + ".png")
        } catch {
            saved.append("(no screenshot: \(error))")
        }
        do {
            let here = (try? currentURL()) ?? "unknown URL"
            try ("<!-- \(here) -->\n" + rawPageSource()).write(toFile: base + ".html", atomically: true, encoding: .utf8)
            saved.append(base + ".html")
        } catch {
            saved.append("(no page source: \(error))")
        }
        return saved.joined(separator: " and ")
    }
}
