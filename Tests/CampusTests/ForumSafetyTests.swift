import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The hostile Markdown corpus (Tests/WebTests/Resources) written as topic titles, posts,
/// quoted posts and search hits: every page that shows them stays inert.
@Suite struct ForumSafetyTests {
    let app: TestApp
    let f: ForumFixture

    init() throws {
        app = try TestApp()
        f = try ForumFixture(app)
    }

    /// The shared corpus, each case as a post can hold it (with room for the word the
    /// search looks for).
    static func corpus() throws -> [String] {
        try MarkdownCorpus.cases().map { MarkdownCorpus.storable($0, limit: ForumInput.bodyLimit - 6) }
    }

    /// What in a page's `<main>` could run or load something: a tag that executes or embeds,
    /// an event handler or style attribute, a script URL. Tags are read as a browser would:
    /// the page writes every attribute value in double quotes, with `"` and `>` escaped.
    /// Titles, quotes and snippets are not Markdown's output, so the whole page is read
    /// this way; the posts themselves are held to exactly what Markdown may write.
    static func dangers(in page: String) throws -> [String] {
        let main = page.firstRange(of: "<main").map { page[$0.lowerBound...] } ?? page[...]
        let forbidden: Set<String> = ["script", "iframe", "object", "embed", "svg", "math", "style", "base", "meta", "link", "frame", "template", "noscript"]
        var found: [String] = []
        for tag in main.matches(of: /<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/) {
            let name = tag.output.1.lowercased()
            if forbidden.contains(name) { found.append("<\(name)>") }
            for attribute in tag.output.2.matches(of: /\s([^\s="]+)(?:="([^"]*)")?/) {
                let key = attribute.output.1.lowercased()
                if key.hasPrefix("on") || ["style", "srcdoc", "formaction"].contains(key) { found.append("\(key) on <\(name)>") }
                let value = (attribute.output.2.map(String.init) ?? "").replacingOccurrences(of: "&amp;", with: "&").lowercased()
                    .filter { !$0.isWhitespace }
                if ["href", "src", "action"].contains(key), ["javascript:", "vbscript:", "data:", "&#"].contains(where: value.hasPrefix) {
                    found.append("\(key)=\(value)")
                }
            }
        }
        return found + ProseBlocks.all(in: page).flatMap(InertMarkup.problems(in:))
    }

    @Test func theHostileCorpusStaysInertInTitlesPostsQuotesAndSnippets() throws {
        let cases = try Self.corpus()
        #expect(cases.count >= 100)
        let thread = try f.topic(in: f.openForum, title: "Corpus hostil", body: "alert apertura")
        var titled: [Int64] = []
        for hostile in cases {
            let post: Int64 = try f.db.query("""
                INSERT INTO posts (topic_id, author_id, body, language) VALUES (\(thread), \(f.participant), \(hostile), 'es') RETURNING id
                """).first?["id"] ?? 0
            try f.db.execute("""
                INSERT INTO posts (topic_id, author_id, body, language, reply_to) VALUES (\(thread), \(f.instructor), 'Respuesta citada', 'es', \(post))
                """)
            let title = String(hostile.prefix(190)).trimmingWhitespace()
            if title.count >= 3 { titled.append(try f.topic(in: f.openForum, title: "t " + title, body: "alert " + hostile)) }
        }
        let reader = try f.browser(f.outsider)
        let pages = try f.db.query("SELECT post_count FROM forum_topics WHERE id = \(thread)").first.map { Int(try $0["post_count"] as Int32) / 50 + 1 } ?? 1
        let paths = (1...pages).map { "/topics/\(thread)?page=\($0)" } + titled.map { "/topics/\($0)" } + ["/forums/\(f.openForum)", "/forums"]
        // Every page of the search for a word most cases hold, by following its links.
        var search: String? = "/search?q=alert&order=newest"
        var searchPages = 0
        while let next = search, searchPages < 40 {
            let page = reader.get(next)
            #expect(page.status == .ok)
            let found = try Self.dangers(in: page.bodyText)
            #expect(found == [], "\(next): \(found)")
            search = page.bodyText.firstMatch(of: /<a rel="next" href="([^"]+)"/).map { String($0.output.1).replacingOccurrences(of: "&amp;", with: "&") }
            searchPages += 1
        }
        #expect(searchPages >= 5)
        for path in paths {
            let page = reader.get(path)
            #expect(page.status == .ok, "\(path)")
            let found = try Self.dangers(in: page.bodyText)
            #expect(found == [], "\(path): \(found)")
        }
    }
}
