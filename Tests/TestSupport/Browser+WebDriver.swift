import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

// MARK: - Starting and stopping

extension Browser {
    /// chromedriver on a free port, tried again should another program take the port first.
    static func startDriver(directory: String) throws -> (Subprocess, UInt16) {
        var environment = ProcessInfo.processInfo.environment
        // The browser's crash reports and caches stay in the test's folder.
        environment["HOME"] = directory
        var lastError = "chromedriver did not start"
        for _ in 0..<5 {
            let port = Stack.freePort()
            let log = directory + "/chromedriver.log"
            let driver = try Subprocess(chromedriverPath, ["--port=\(port)", "--log-level=INFO"], environment: environment, outputPath: log)
            try? String(driver.pid).write(toFile: directory + "/chromedriver.pid", atomically: true, encoding: .utf8)
            for _ in 0..<1500 {
                if (try? command(port: port, "GET", "/status", timeout: 5) as? [String: Any])?["ready"] as? Bool == true {
                    return (driver, port)
                }
                guard driver.isRunning else { break }
                usleep(20_000)
            }
            lastError = "chromedriver did not become ready on port \(port): " + ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
            stop(driver)
        }
        unlink(directory + "/chromedriver.pid")
        throw TestSetupError(lastError)
    }

    func startSession(language: String, javaScript: Bool) throws {
        let args = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--user-data-dir=\(directory)/profile", "--window-size=\(Browser.windowSize.width),\(Browser.windowSize.height)",
            "--force-device-scale-factor=1", "--lang=\(language)", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-extensions",
        ]
        var prefs: [String: Any] = ["intl.accept_languages": language]
        if !javaScript { prefs["profile.managed_default_content_settings.javascript"] = 2 }
        let capabilities: [String: Any] = [
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": ["implicit": 0, "pageLoad": Int(Browser.pageLoadSeconds * 1000), "script": 10_000],
            "goog:chromeOptions": [
                "binary": Browser.chromiumPath, "args": args, "prefs": prefs,
                // A desktop window cannot be narrower than 500 pixels: emulate the phone's screen.
                "mobileEmulation": ["deviceMetrics": [
                    "width": Browser.windowSize.width, "height": Browser.windowSize.height, "pixelRatio": 1, "touch": false,
                ]],
            ] as [String: Any],
        ]
        let created: Any
        do {
            created = try command("POST", "/session", ["capabilities": ["alwaysMatch": capabilities]])
        } catch {
            throw TestSetupError("chromedriver could not start \(Browser.chromiumPath): \(error)")
        }
        guard let value = created as? [String: Any], let id = value["sessionId"] as? String else {
            throw TestSetupError("chromedriver answered no session: \(created)")
        }
        session = id
        if let pid = ((value["capabilities"] as? [String: Any])?["goog:processID"] as? NSNumber)?.int32Value {
            browserPID = pid
            // scripts/test.sh stops whatever a `*.pid` file names, should this process die first.
            try? String(pid).write(toFile: directory + "/chromium.pid", atomically: true, encoding: .utf8)
        }
    }

    /// SIGTERM, then SIGKILL if it has not exited within ten seconds.
    static func stop(_ process: Subprocess) {
        process.signal(SIGTERM)
        for _ in 0..<500 where process.isRunning { usleep(20_000) }
        if process.isRunning { process.signal(SIGKILL) }
        process.wait()
    }

    /// Waits up to five seconds for a process that is not our child (the browser is
    /// chromedriver's) to be gone or a zombie.
    static func waitUntilGone(_ pid: pid_t) -> Bool {
        for _ in 0..<250 {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            if stat.isEmpty || stat.contains(") Z ") { return true }
            usleep(20_000)
        }
        return false
    }

    static func commandLine(of pid: pid_t) -> String {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return "" }
        return String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
    }

    static func fileName(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        let cleaned = String(text.map { allowed.contains($0) ? $0 : "-" })
        let trimmed = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        return trimmed.isEmpty ? "browser" : String(trimmed.prefix(80))
    }

    /// Two browsers of the same name (a test run twice) keep separate folders.
    static func uniqueFolder(_ path: String) -> String {
        var candidate = path
        var number = 2
        while FileManager.default.fileExists(atPath: candidate) || registry.claims(candidate) {
            candidate = path + "-\(number)"
            number += 1
        }
        registry.claim(candidate)
        return candidate
    }
}

// MARK: - Commands

/// What chromedriver answered when a command failed ("no such element", "stale element reference"…).
struct WebDriverError: Error, CustomStringConvertible {
    let error: String
    let message: String
    var description: String {
        // chromedriver's message often repeats the error's name and adds session details.
        let first = message.split(separator: "\n").first.map(String.init) ?? ""
        return first.hasPrefix(error) ? first : "\(error): \(first)"
    }

    /// The element asked about belongs to a page that has since been replaced. chromedriver
    /// says so in several ways, depending on how far the navigation had got.
    var meansDocumentReplaced: Bool {
        error == "stale element reference" || error == "no such element"
            || message.contains("does not belong to the document") || message.contains("No node with given id")
    }
}

/// A browser command that failed, with where it happened and what was saved.
public struct BrowserError: Error, CustomStringConvertible {
    public let description: String
}

extension Browser {
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    /// Runs WebDriver commands for one action; a failure becomes a `BrowserError` naming
    /// the action, the selector, the page, and the screenshot and source saved right then.
    func attempt<T>(_ action: String, _ css: String? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as WebDriverError {
            let here = stuck ? "a page that stopped answering" : (try? currentURL()) ?? "an unknown page"
            let target = css.map { " `\($0)`" } ?? ""
            let files = capture((action.split(separator: " ").first.map(String.init) ?? "command") + "-failed")
            throw BrowserError(description: "could not \(action)\(target) at \(here): \(error). Saved \(files)")
        }
    }

    func find(_ css: String) throws -> String {
        try Browser.elementID(sessionCommand("POST", "/element", ["using": "css selector", "value": css]))
    }

    static func elementID(_ value: Any) throws -> String {
        guard let id = (value as? [String: Any])?[elementKey] as? String else {
            throw WebDriverError(error: "unexpected answer", message: "no element in \(value)")
        }
        return id
    }

    func currentURL() throws -> String { try sessionCommand("GET", "/url") as? String ?? "" }

    func rawPageSource() throws -> String { try sessionCommand("GET", "/source") as? String ?? "" }

    func rawScreenshot(to path: String) throws {
        guard let encoded = try sessionCommand("GET", "/screenshot") as? String, let png = Data(base64Encoded: encoded) else {
            throw WebDriverError(error: "unexpected answer", message: "the screenshot is not base64")
        }
        try png.write(to: URL(fileURLWithPath: path))
    }

    /// After a click: the old document's root goes stale once the next page has replaced
    /// it. Polls chromedriver (bounded by the page-load timeout), never a clock alone.
    func waitForNewDocument(replacing old: String) throws {
        let deadline = Date().addingTimeInterval(Browser.pageLoadSeconds)
        while true {
            do {
                _ = try sessionCommand("GET", "/element/\(old)/name")
            } catch let error as WebDriverError where error.meansDocumentReplaced {
                return
            }
            guard Date() < deadline else {
                throw WebDriverError(error: "no new page", message: "the page did not change within \(Int(Browser.pageLoadSeconds)) seconds")
            }
            usleep(10_000)
        }
    }

    func sessionCommand(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any {
        guard let session else { throw WebDriverError(error: "no session", message: "the browser has quit") }
        return try command(method, "/session/\(session)\(path)", body)
    }

    func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any {
        do {
            return try Browser.command(port: port, method, path, body, timeout: Browser.pageLoadSeconds + 15)
        } catch let error as WebDriverError where error.error == "timeout" {
            stuck = true
            throw error
        }
    }

    /// One WebDriver command over a new connection: JSON in, the answer's `value` out.
    static func command(port: UInt16, _ method: String, _ path: String, _ body: [String: Any]? = nil, timeout: Double) throws -> Any {
        let json = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if method != "GET" { head += "Content-Type: application/json; charset=utf-8\r\nContent-Length: \(json.count)\r\n" }
        let response = try exchange(port: port, Array((head + "\r\n").utf8) + json, timeout: timeout)
        let value = ((try? JSONSerialization.jsonObject(with: Data(response.body), options: [.fragmentsAllowed])) as? [String: Any])?["value"]
        guard response.status == 200 else {
            let details = value as? [String: Any]
            throw WebDriverError(error: details?["error"] as? String ?? "HTTP \(response.status)",
                                 message: details?["message"] as? String ?? response.text)
        }
        return value ?? NSNull()
    }

    /// Sends a request to 127.0.0.1:port and reads the whole response; a silent
    /// chromedriver times out instead of hanging the test.
    static func exchange(port: UInt16, _ request: [UInt8], timeout: Double) throws -> HTTPResponse {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSetupError("socket failed") }
        defer { close(fd) }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw WebDriverError(error: "unreachable", message: "cannot connect to chromedriver on port \(port)") }
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw WebDriverError(error: "unreachable", message: "chromedriver stopped reading") }
            sent += count
        }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !isComplete(data) {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            guard count > 0 else {
                throw WebDriverError(error: "timeout", message: "chromedriver did not answer \(String(decoding: request.prefix(60), as: UTF8.self)) within \(Int(timeout)) seconds")
            }
            data += buffer[0..<count]
        }
        return try HTTPClient.parse(data)
    }

    /// Whether a response has all the body its Content-Length announces: chromedriver
    /// says `Connection: close` but keeps the connection open.
    static func isComplete(_ data: [UInt8]) -> Bool {
        guard let end = data.firstRange(of: Array("\r\n\r\n".utf8)) else { return false }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).lowercased()
        guard let line = head.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
              let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else { return false }
        return data.count - end.upperBound >= length
    }
}
