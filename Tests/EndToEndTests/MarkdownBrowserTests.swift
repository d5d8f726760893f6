import Foundation
import Postgres
import Testing
import TestSupport

/// Every hostile input of the Markdown corpus, in a real Chromium through nginx: as a
/// course's description on its public page, and in the staff form's preview. The pages
/// run without their Content-Security-Policy (see `Browser.watchForScripts`), so this
/// tests the renderer alone: no dialog, no script, no navigation, nothing outside the text.
@Suite(.serialized, .browserEvidence) final class MarkdownBrowserTests {
    let database: TestDatabase
    let stack: Stack
    static let harmless = "Un **texto** sin [peligro](https://example.org/agua)."

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database)
    }

    deinit { stack.stop() }

    /// The page holds the text and nothing it could smuggle: compared with the same page
    /// holding harmless text, the same elements outside it, the same title, no call.
    func expectInert(_ browser: Browser, text: String, like baseline: MarkupReport, label: String) throws {
        #expect(try browser.openDialog() == nil, "\(label): a dialog is open")
        let report = try browser.markupReport(text: text)
        #expect(report.problems == [], "\(label)")
        #expect(report.calls == [], "\(label)")
        #expect(report.scripts == 0, "\(label)")
        #expect(report.windowName == "", "\(label)")
        #expect(report.title == baseline.title, "\(label)")
        #expect(report.outside == baseline.outside, "\(label): the elements outside the text changed")
    }

    @Test func theProbeSeesAHandlerThatRuns() throws {
        let browser = try Browser(baseURL: stack.baseURL)
        try browser.watchForScripts()
        try browser.open("data:text/html,<p id=x><img src=/nothing onerror=alert(1)><a href=javascript:void(0)>a</a></p>")
        let report = try browser.markupReport(text: "#x")
        #expect(report.calls == ["alert(1)"])
        #expect(report.problems.contains("onerror on <img>"))
        #expect(report.problems.contains("a link to javascript:"))
    }

    @Test func everyHostileCaseIsInertOnACoursePage() throws {
        let cases = try MarkdownCorpus.cases()
        #expect(cases.count >= 100)
        let db = try database.connect()
        let courses = [("base", Self.harmless)] + cases.enumerated().map { (String($0.offset), $0.element) }
        for (name, source) in courses {
            try db.execute("""
                INSERT INTO courses (slug, kind, title, summary, description, language)
                VALUES (\("corpus-" + name), 'course', 'Curso del corpus', 'Un caso del corpus hostil.',
                        \(MarkdownCorpus.storable(source, limit: 20_000)), 'es')
                """)
        }
        let browser = try Browser(baseURL: stack.baseURL)
        try browser.watchForScripts()
        try browser.open("/courses/corpus-base")
        #expect(try browser.text("main .prose strong") == "texto")
        let baseline = try browser.markupReport(text: "main .prose")
        #expect(baseline.problems == [] && baseline.calls == [] && baseline.scripts == 0)
        #expect(baseline.title.hasPrefix("Curso del corpus"))
        // The page's own policy is off: an inline script added now runs.
        #expect(try browser.run("const s = document.createElement('script'); s.textContent = 'window.ran = 1'; document.body.append(s); return window.ran ?? 0") as? Int == 1)
        for index in cases.indices {
            try browser.open("/courses/corpus-\(index)")
            #expect(try browser.path == "/courses/corpus-\(index)")
            try expectInert(browser, text: "main .prose", like: baseline, label: "case \(index): \(cases[index].prefix(80).debugDescription)")
        }
    }

    @Test func everyHostileCaseIsInertInTheStaffPreview() throws {
        let cases = try MarkdownCorpus.cases()
        let browser = try Browser(baseURL: stack.baseURL)
        try browser.signIn("admin@campus.example")
        try browser.watchForScripts()
        try browser.open("/admin/courses/new")
        // The rendered text, or the note that there is none: whatever the box shows below its label.
        let text = "#description-preview > :not(.markdown-preview-label)"
        func preview(_ source: String) throws {
            _ = try browser.run("document.getElementById('description').value = arguments[0]", [source])
            try browser.follow("button[name='preview']")
            #expect(try browser.path == "/admin/courses")
        }
        try preview(Self.harmless)
        #expect(try browser.text("#description-preview strong") == "texto")
        #expect(try browser.run("return document.getElementById('description').value") as? String == Self.harmless)
        let baseline = try browser.markupReport(text: text)
        #expect(baseline.problems == [] && baseline.calls == [] && baseline.scripts == 0)
        for (index, source) in cases.enumerated() {
            // Whole, however long: the preview is not bound by the column's limit.
            try preview(MarkdownCorpus.storable(source))
            try expectInert(browser, text: text, like: baseline, label: "case \(index): \(source.prefix(80).debugDescription)")
        }
    }
}
