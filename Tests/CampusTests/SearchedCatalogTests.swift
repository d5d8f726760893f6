import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// What a search shows under each card, and how its pages follow each other.
@Suite struct SearchedCatalogTests {
    let app: TestApp

    init() throws { app = try TestApp() }

    /// The cards of a list page.
    func cards(_ page: Response) -> [String] {
        Array(page.bodyText.components(separatedBy: "<li class=\"card\">").dropFirst())
    }

    func card(_ slug: String, in page: Response) throws -> String {
        try #require(cards(page).first { $0.contains("href=\"/courses/\(slug)\"") }, "no card for \(slug)")
    }

    @Test func snippetsAreEscapedAndCarryOnlyOurMarks() throws {
        try app.connect().execute("""
            INSERT INTO courses (slug, kind, title, summary, description, language)
            VALUES ('marcas', 'course', 'Talleres de barrio',
                    'Caminar <script>alert(1)</script> el barrio y <mark>ver</mark> \u{1}sus\u{2} calles: peatones primero.',
                    'Un recorrido por las aceras. Los peatones <img src=x onerror=alert(2)> deciden el trazado.', 'es')
            """)
        let page = app.get("/courses?q=peatones")
        let card = try card("marcas", in: page)
        #expect(card.contains("Caminar &lt;script&gt;alert(1)&lt;/script&gt; el barrio y &lt;mark&gt;ver&lt;/mark&gt; sus calles: <mark>peatones</mark> primero."))
        #expect(card.contains("<p class=\"snippet\" lang=\"es\">"))
        #expect(card.contains("Los <mark>peatones</mark> &lt;img src=x onerror=alert(2)&gt; deciden"))
        // Every tag in the card that is not the page's own is one of our marks, around the word searched for.
        #expect(!card.contains("<script") && !card.contains("<img"))
        let marks = card.matches(of: /<mark>([^<]*)<\/mark>/).map { String($0.output.1) }
        #expect(marks == ["peatones", "peatones"])
        #expect(card.components(separatedBy: "<mark>").count - 1 == 2)
        // Browsing shows the summary as written, unmarked, and no passages.
        let browsing = try self.card("marcas", in: app.get("/courses?kind=course"))
        #expect(!browsing.contains("<mark>") && !browsing.contains("class=\"snippet\""))
        #expect(browsing.contains("&lt;mark&gt;ver&lt;/mark&gt;"))
    }

    @Test func wordFormsAreMarkedInTheCoursesOwnLanguage() throws {
        // "sostenibles" is found by "sostenible" through Spanish stemming, and marked as written.
        let page = app.get("/courses?q=sostenible")
        let marked = page.bodyText.matches(of: /<mark>([^<]*)<\/mark>/).map { String($0.output.1).lowercased() }
        #expect(!marked.isEmpty)
        #expect(marked.allSatisfy { $0.hasPrefix("sosten") }, "\(marked)")
        // Passages are shown only where the description matched.
        let passages = page.bodyText.matches(of: /<p class="snippet"[^>]*>(.*?)<\/p>/).map { String($0.output.1) }
        #expect(passages.allSatisfy { $0.contains("<mark>") }, "\(passages)")
    }

    @Test func pagesOfEqualRankNeitherSkipNorRepeat() throws {
        let db = try app.connect()
        // 25 courses that match equally (the word once, in the title), and 5 that match better
        // (in the title and the summary), in different kinds.
        try db.execute("""
            INSERT INTO courses (slug, kind, title, summary, language)
            SELECT 'huerto-' || g, (ARRAY['course', 'adhoc', 'programme'])[1 + g % 3], 'Huertos urbanos ' || lpad(g::text, 2, '0'),
                   CASE WHEN g <= 5 THEN 'Más huertos en cada barrio.' ELSE 'Agricultura en la ciudad.' END, 'es'
            FROM generate_series(1, 30) g
            """)
        var seen: [String] = []
        var next: String? = "/courses?q=huertos"
        var pages = 0
        while let path = next, pages < 5 {
            let page = app.get(path)
            #expect(page.status == .ok)
            seen += cards(page).compactMap { $0.firstMatch(of: /href="\/courses\/(huerto-[0-9]+)"/).map { String($0.output.1) } }
            next = page.bodyText.firstMatch(of: /href="(\/courses\?q=huertos&amp;after=[0-9]+_[0-9.e-]+)"/)
                .map { String($0.output.1).replacingOccurrences(of: "&amp;", with: "&") }
            pages += 1
        }
        #expect(pages == 2)
        #expect(seen.count == 30)
        #expect(Set(seen).count == 30)
        // The better matches first, then programmes, courses and ad-hoc training, each by title.
        #expect(Set(seen.prefix(5)) == Set((1...5).map { "huerto-\($0)" }))
        let rest = seen.dropFirst(5).compactMap { Int($0.dropFirst("huerto-".count)) }
        let order = ["programme": 0, "course": 1, "adhoc": 2]
        let kind = { (g: Int) in ["course", "adhoc", "programme"][g % 3] }
        #expect(rest == rest.sorted { (order[kind($0)]!, $0) < (order[kind($1)]!, $1) })
    }

    /// The slugs of the cards on `path`, in order.
    func slugs(_ path: String) -> [String] {
        app.get(path).bodyText.matches(of: /<h2><a href="\/courses\/([^"]+)"/).map { String($0.output.1) }
    }

    @Test func aCursorWithoutARankStartsASearchAtItsFirstPage() throws {
        let first = slugs("/courses?q=movilidad")
        let best = try #require(first.first)
        let id: Int64 = try #require(try app.connect().query("SELECT id FROM courses WHERE slug = \(best)").first?["id"])
        // A link from browsing (a course id alone) says nothing about where a search stands.
        #expect(slugs("/courses?q=movilidad&after=\(id)") == first)
        #expect(slugs("/courses?q=movilidad&after=\(id)_x") == first)
        #expect(app.get("/courses?after=\(id)_0.5").status == .ok)
    }
}
