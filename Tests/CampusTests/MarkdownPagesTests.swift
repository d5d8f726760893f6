import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The catalog's descriptions go through the safe Markdown renderer and nothing else, and
/// the demo's read as their writers meant.
@Suite struct MarkdownPagesTests {
    /// Every hostile input of the corpus as a course's, an edition's and a session's
    /// description: each page carries exactly the renderer's output, which is inert.
    @Test func everyHostileInputIsInertOnTheCourseTheEditionAndItsSessions() throws {
        let app = try TestApp()
        let db = try app.connect()
        let edition = try EditionMaker(db: db).make()
        let slug: String = try db.query("SELECT c.slug FROM courses c JOIN editions e ON e.course_id = c.id WHERE e.id = \(edition)").first?["slug"] ?? ""
        try db.execute("""
            INSERT INTO edition_sessions (edition_id, kind, title, starts_at, time_zone, place)
            VALUES (\(edition), 'master_class', 'Clase', now() + interval '30 days', 'UTC', 'Sala 1')
            """)
        let cases = try MarkdownCorpus.cases()
        #expect(cases.count >= 100)
        func rendered(_ text: String, _ offset: Int) -> [String] {
            text.trimmingWhitespace().isEmpty ? [] : [Markdown(headingOffset: offset).render(text).rendered]
        }
        for source in cases {
            // As long as each column takes: the few longer cases are cut there.
            let long = MarkdownCorpus.storable(source, limit: 20_000), short = MarkdownCorpus.storable(source, limit: 5000)
            try db.execute("UPDATE courses SET description = \(long) WHERE slug = \(slug)")
            try db.execute("UPDATE editions SET description = \(long) WHERE id = \(edition)")
            try db.execute("UPDATE edition_sessions SET description = \(short) WHERE edition_id = \(edition)")
            let course = app.get("/courses/\(slug)").bodyText
            let page = app.get("/editions/\(edition)").bodyText
            let label = String(source.prefix(80)).debugDescription
            for (body, expected) in [(course, rendered(long, 1)), (page, rendered(long, 1) + rendered(short, 2))] {
                let blocks = ProseBlocks.all(in: body)
                #expect(blocks == expected, "\(label)")
                for block in blocks { #expect(InertMarkup.problems(in: block) == [], "\(label)") }
                #expect(!body.contains("<script"), "\(label)")
            }
        }
    }

    /// The catalog's descriptions were plain paragraphs before they were Markdown: read as
    /// Markdown they are still just paragraphs, with no mark turned into formatting.
    @Test func theDemoCoursesStillReadAsParagraphs() {
        for course in DemoData.courses {
            let html = Markdown(headingOffset: 1).render(course.description).rendered
            let paragraphs = course.description.components(separatedBy: "\n\n").count
            #expect(html.components(separatedBy: "<p>").count - 1 == paragraphs, "\(course.slug)")
            let tags = Set(html.matches(of: /<\/?([a-z0-9]+)/).map { String($0.output.1) })
            #expect(tags == ["p"], "\(course.slug): \(tags)")
        }
    }

    /// The demo's edition and session descriptions show what the syntax does: lists,
    /// emphasis, links (one to a page of this site that exists).
    @Test func theDemoEditionsAndSessionsShowListsEmphasisAndLinks() throws {
        for (key, text) in DemoDescriptions.editions {
            let html = Markdown(headingOffset: 1).render(text).rendered
            for mark in ["<li>", "<strong>", "<em>", "rel=\"nofollow noopener\""] { #expect(html.contains(mark), "\(key) lacks \(mark)") }
            #expect(InertMarkup.problems(in: html) == [])
        }
        let app = try TestApp()
        let db = try app.connect()
        let flagship: Int64 = try #require(try db.query("""
            SELECT e.id FROM editions e JOIN courses c ON c.id = e.course_id
            WHERE c.slug = 'programa-pensamiento-estrategico-urbano' AND e.name = 'XIX edición'
            """).first?["id"])
        let page = app.get("/editions/\(flagship)").bodyText
        #expect(page.contains("<li>una <em>clase magistral</em> en línea"))
        #expect(page.contains("<a href=\"/capsules/capsula-estrategia-urbana\" rel=\"nofollow noopener\">"))
        #expect(app.get("/capsules/capsula-estrategia-urbana").status == .ok)
        // Its sessions have theirs, the seminar too.
        #expect(page.contains("Traiga <strong>una pregunta</strong>"))
        #expect(page.contains("Una jornada de trabajo <strong>en persona</strong>"))
        let described: Int = try db.query("SELECT count(*)::int8 AS n FROM edition_sessions WHERE description <> ''").first?["n"] ?? 0
        #expect(described > 0)
        // Editions in other languages have their own words, never the Spanish sessions' ones.
        let english: Int = try db.query("""
            SELECT count(*)::int8 AS n FROM edition_sessions s JOIN editions e ON e.id = s.edition_id
            WHERE e.language <> 'es' AND s.description <> ''
            """).first?["n"] ?? -1
        #expect(english == 0)
    }
}
