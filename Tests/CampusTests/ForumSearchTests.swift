import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Search over the forums: each post in its own language, accents forgiven, best or newest
/// first, a page at a time — and never a word of what the reader may not read.
@Suite struct ForumSearchTests {
    let app: TestApp
    let f: ForumFixture

    init() throws {
        app = try TestApp()
        f = try ForumFixture(app)
    }

    func results(_ browser: TestApp, _ query: String, order: String = "relevance") -> String {
        browser.get("/search" + PercentEncoding.query([("q", query), ("order", order)])).bodyText
    }

    @Test func postsAreFoundInTheirOwnLanguageWhateverTheAccents() throws {
        let open = try f.topic(in: f.openForum, by: f.participant, title: "Transporte público", body: "La movilidad sostenible de las ciudades medianas.")
        try f.db.execute("""
            INSERT INTO posts (topic_id, author_id, body, language) VALUES
                (\(open), \(f.instructor), 'A mobilidade urbana nas cidades brasileiras.', 'pt'),
                (\(open), \(f.instructor), 'Sustainable mobility needs safe streets.', 'en')
            """)
        let paula = try f.browser(f.outsider)
        // Spanish's stemmer keeps "ciudad" and "ciudades" apart, so the word forms tried are these.
        let spanish = results(paula, "movilidád sostenibles mediana")
        #expect(spanish.contains("<mark>movilidad</mark>"))
        #expect(spanish.contains("<mark>sostenible</mark>"))
        #expect(spanish.contains("<mark>medianas</mark>"))
        #expect(results(paula, "cidade").contains("<mark>cidades</mark>"))
        #expect(results(paula, "street").contains("<mark>streets</mark>"))
        // A topic's title finds its opening post.
        #expect(results(paula, "transporte").contains("/posts/\(try f.postID(topic: open, position: 1))"))
        #expect(results(paula, "inexistentepalabra").contains("No encontramos mensajes"))
        #expect(paula.get("/search?q=x&after=nonsense").status == .badRequest)
        #expect(try f.browser(f.outsider).get("/search").status == .ok)
        #expect(try TestApp(sharing: app).get("/search?q=ciudad").status == .seeOther)
    }

    @Test func newestOrBestFirstAPageAtATime() throws {
        let topic = try f.topic(in: f.openForum, title: "Huertos urbanos", body: "Primer mensaje sobre huertos")
        try f.db.execute("""
            INSERT INTO posts (topic_id, author_id, body, language, created_at)
            SELECT \(topic), \(f.participant), 'Huerto número ' || n || CASE WHEN n = 7 THEN ' huerto huerto huertos comunitarios' ELSE '' END,
                   'es', now() - make_interval(mins => 100 - n)
            FROM generate_series(1, 25) n
            """)
        try f.db.execute("UPDATE posts SET created_at = now() - interval '1 day' WHERE topic_id = \(topic) AND position = 1")
        let reader = try f.browser(f.outsider)
        // Reply n is the topic's post n + 1; a hit is found by its permalink.
        func link(_ n: Int) throws -> String { "href=\"/posts/\(try f.postID(topic: topic, position: n + 1))\"" }
        func offset(_ text: String, in page: String) -> Int? { page.range(of: text).map { page.distance(from: page.startIndex, to: $0.lowerBound) } }
        let best = results(reader, "huerto")
        let strongest = try #require(offset(try link(7), in: best), "\(best)")
        #expect(strongest < offset(try link(25), in: best) ?? Int.max)
        let newest = results(reader, "huerto", order: "newest")
        let latest = try #require(offset(try link(25), in: newest), "\(newest)")
        #expect(latest < offset(try link(24), in: newest) ?? 0)
        let next = try #require(newest.firstMatch(of: /<a rel="next" href="([^"]+)"/))
        let second = reader.get(String(next.output.1).replacingOccurrences(of: "&amp;", with: "&")).bodyText
        #expect(second.contains("Primer mensaje sobre <mark>huertos</mark>"))
        #expect(second.contains(try link(1)))
        #expect(!second.contains(try link(25)))
    }

    @Test func searchNeverShowsWhatTheReaderMayNotRead() throws {
        let topic = try f.topic(in: f.forum, title: "Presupuesto participativo", body: "Debate interno sobre el presupuesto participativo")
        let hidden = try f.topic(in: f.openForum, title: "Otro tema", body: "Presupuesto oculto por moderación")
        try f.db.execute("UPDATE posts SET status = 'hidden', hidden_cause = 'moderator' WHERE topic_id = \(hidden)")
        #expect(results(try f.browser(f.participant), "presupuesto").contains("Debate interno"))
        for outsider in [f.outsider, f.otherParticipant] {
            let page = results(try f.browser(outsider), "presupuesto")
            #expect(!page.contains("Debate interno"))
            #expect(!page.contains("Presupuesto participativo"))
            #expect(try f.browser(outsider).get("/posts/\(try f.postID(topic: topic, position: 1))").status == .notFound)
        }
        #expect(!results(try f.browser(f.participant), "presupuesto").contains("oculto"))
        // A prompt that asks for one's own reflection first keeps the others' words out of search too.
        try f.db.execute("UPDATE forum_topics SET reply_first = true WHERE id = \(topic)")
        try f.db.execute("INSERT INTO posts (topic_id, author_id, body, language) VALUES (\(topic), \(f.instructor), 'Reflexión sobre presupuesto de Diana', 'es')")
        let late = try app.createUser("tardia@forum.example")
        try f.db.execute("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(f.edition), \(late), 'enrolled')")
        let before = results(try f.browser(late), "presupuesto")
        #expect(before.contains("Debate interno"))
        #expect(!before.contains("Reflexión sobre"))
    }
}
