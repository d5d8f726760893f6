import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

// MARK: - Evidence on failed expectations

extension Browser {
    static let registry = Registry()
    static let evidencePrefix = "browser "

    /// The open browsers, by the test that opened them, so a failed expectation can find
    /// the browser to photograph. One lock: tests in parallel suites record issues at once.
    final class Registry: @unchecked Sendable {
        private struct Entry {
            weak var browser: Browser?
            var test: Test.ID?
        }
        private let lock = NSLock()
        private var entries: [ObjectIdentifier: Entry] = [:]
        private var folders: Set<String> = []

        func add(_ browser: Browser, test: Test.ID?) {
            lock.withLock { entries[ObjectIdentifier(browser)] = Entry(browser: browser, test: test) }
        }

        func remove(_ browser: Browser) {
            lock.withLock { _ = entries.removeValue(forKey: ObjectIdentifier(browser)) }
        }

        func browsers(for test: Test.ID?) -> [Browser] {
            lock.withLock { entries.values.filter { test == nil || $0.test == test }.compactMap(\.browser) }
        }

        func claims(_ folder: String) -> Bool { lock.withLock { folders.contains(folder) } }
        func claim(_ folder: String) { lock.withLock { _ = folders.insert(folder) } }
    }

    /// Saves what every browser of the current test shows and says where, for an issue.
    static func evidence(for issue: Issue) -> Issue {
        guard issue.isFailure else { return issue }
        // A failed browser command has already saved its evidence and says so.
        if case .errorCaught(let error) = issue.kind, error is BrowserError { return issue }
        // The trait on a suite applies to each of its tests too: one capture per issue.
        if issue.comments.contains(where: { $0.rawValue.hasPrefix(evidencePrefix) }) { return issue }
        var issue = issue
        for browser in registry.browsers(for: Test.current?.id) {
            issue.comments.append(Comment(rawValue: "\(evidencePrefix)\(browser.name) saved \(browser.capture("failure"))"))
        }
        return issue
    }
}

#if compiler(>=6.2)
extension Trait where Self == IssueHandlingTrait {
    /// On every failure in a test (a failed `#expect`, a thrown error), saves a screenshot
    /// and the page source of each browser the test has open, and names them in the issue.
    public static var browserEvidence: Self { .compactMapIssues { Browser.evidence(for: $0) } }
}
#else
/// Older toolchains cannot see issues from a trait: browser commands still save their
/// evidence when they fail, but failed expectations do not.
public struct BrowserEvidenceTrait: TestTrait, SuiteTrait {}
extension Trait where Self == BrowserEvidenceTrait {
    public static var browserEvidence: Self { BrowserEvidenceTrait() }
}
#endif
