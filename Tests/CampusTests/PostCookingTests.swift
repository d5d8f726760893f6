import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Posts keep their rendered HTML and quote excerpt beside their Markdown: written when the
/// words are, dropped when SQL alone changes them, and cooked again by the job.
@Suite struct PostCookingTests {
    let app: TestApp
    let f: ForumFixture

    init() throws {
        app = try TestApp()
        f = try ForumFixture(app)
    }

    func cooked(_ post: Int64) throws -> (html: String?, version: Int32?, excerpt: String?) {
        let row = try #require(try f.db.query("SELECT cooked, cooked_version, excerpt FROM posts WHERE id = \(post)").first)
        return (try row["cooked"], try row["cooked_version"], try row["excerpt"])
    }

    @Test func postsWrittenAndEditedStoreWhatTheirPageShows() throws {
        let paula = try f.browser(f.participant)
        let created = paula.post("/forums/\(f.forum)/topics", [("title", "Cocinar mensajes"), ("body", "Una ciudad **que cuida**\n\nSegundo párrafo")])
        let topic = try #require(created.redirectID(after: "/topics/"))
        let post = try f.postID(topic: topic, position: 1)
        var stored = try cooked(post)
        #expect(stored.html == String(decoding: PostCooking.html("Una ciudad **que cuida**\n\nSegundo párrafo", language: "es").bytes, as: UTF8.self))
        #expect(stored.version == PostCooking.version)
        #expect(stored.excerpt == "Una ciudad que cuida Segundo párrafo")
        #expect(paula.get("/topics/\(topic)").bodyText.contains(try #require(stored.html)))

        #expect(paula.post("/posts/\(post)/edit", [("title", "Cocinar mensajes"), ("body", "Ahora _en cursiva_")]).status == .seeOther)
        stored = try cooked(post)
        #expect(stored.html?.contains("<em>en cursiva</em>") == true)
        #expect(stored.excerpt == "Ahora en cursiva")

        // A reply's quote shows the stored excerpt of the post it answers.
        let diana = try f.browser(f.instructor)
        #expect(diana.post("/topics/\(topic)/posts", [("body", "Respondo."), ("reply_to", String(post))]).status == .seeOther)
        #expect(diana.get("/topics/\(topic)").bodyText.contains("<p>Ahora en cursiva</p></blockquote>"))
    }

    @Test func wordsChangedBySQLAloneAreRenderedAtViewTimeUntilCookedAgain() throws {
        let paula = try f.browser(f.participant)
        let created = paula.post("/forums/\(f.forum)/topics", [("title", "Nombres que se van"), ("body", "Texto **original**")])
        let topic = try #require(created.redirectID(after: "/topics/"))
        let post = try f.postID(topic: topic, position: 1)
        #expect(try cooked(post).html != nil)

        // As when a deleted account's name is taken out of the posts that mention it.
        try f.db.execute("UPDATE posts SET body = 'Texto **cambiado**' WHERE id = \(post)")
        var stored = try cooked(post)
        #expect(stored.html == nil && stored.version == nil && stored.excerpt == nil)
        let page = paula.get("/topics/\(topic)").bodyText
        #expect(page.contains("<strong>cambiado</strong>"))
        #expect(!page.contains("original"))

        #expect(try ForumUpkeep.cookAll(f.db) >= 1)
        stored = try cooked(post)
        #expect(stored.html?.contains("<strong>cambiado</strong>") == true)
        #expect(stored.excerpt == "Texto cambiado")
        #expect(try PostCooking.cookMissing(f.db) == 0)

        // What another version of the renderer made is never shown, neither HTML nor excerpt.
        try f.db.execute("UPDATE posts SET cooked = '<p>viejo</p>', excerpt = 'extracto viejo', cooked_version = \(PostCooking.version - 1) WHERE id = \(post)")
        #expect(try f.browser(f.instructor).post("/topics/\(topic)/posts", [("body", "Cito."), ("reply_to", String(post))]).status == .seeOther)
        let again = paula.get("/topics/\(topic)").bodyText
        #expect(!again.contains("<p>viejo</p>"))
        #expect(!again.contains("extracto viejo"))
        #expect(again.contains("<p>Texto cambiado</p></blockquote>"))
    }

    @Test func purgedWordsLoseTheirCookedFormsToo() throws {
        let paula = try f.browser(f.participant)
        let topic = try f.topic()
        #expect(paula.post("/topics/\(topic)/posts", [("body", "Palabras que se borrarán del todo")]).status == .seeOther)
        let post = try f.postID(topic: topic, position: 2)
        #expect(paula.post("/posts/\(post)/delete", [("confirm", "yes")]).status == .seeOther)
        try f.db.execute("UPDATE posts SET deleted_at = now() - interval '400 days' WHERE id = \(post)")
        #expect(try ForumUpkeep.run(f.db, settings: app.app.settings).purged == 1)
        let stored = try cooked(post)
        #expect(stored.html == nil && stored.excerpt == nil)
        #expect(try f.db.query("SELECT body FROM posts WHERE id = \(post)").first?["body"] == "")
        // Nothing to cook in words that are gone.
        #expect(try PostCooking.cookMissing(f.db) == 0)
        let page = try f.browser(f.forumModerator).get("/topics/\(topic)").bodyText
        #expect(!page.contains("Palabras que se borrarán"))
        #expect(page.contains("El texto de este mensaje eliminado ya se borró."))
    }

    /// Quotes show words as readers see them: no Markdown marks, blocks apart, what the
    /// writer typed (`<`, `&amp;`) exactly as typed — and escaped again on the page.
    @Test func excerptsAreTheRenderedWords() {
        #expect(PostCooking.excerpt("Un **caso** _concreto_ y `código`\n\n- uno\n- dos\n\n> cita") == "Un caso concreto y código uno dos cita")
        #expect(PostCooking.excerpt("a < b & \"c\" 'd' &amp; <script>x</script>") == "a < b & \"c\" 'd' &amp; <script>x</script>")
        #expect(PostCooking.excerpt("[enlace](https://example.org) ![imagen](/static/x.png)") == "enlace")
        #expect(PostCooking.excerpt("") == "")
    }

    /// A change to how posts render must raise `PostCooking.version` (with a migration that
    /// sets `cooked` to NULL), or posts cooked before it would keep the old markup.
    @Test func theRenderingOfPostsIsHeldToTheCookedVersion() {
        let sample = "# Título\n\nTexto con **negrita**, _cursiva_, `código` y [enlace](https://example.org).\n\n- uno\n- dos\n\n> cita"
        let expected = """
            <div class="prose" lang="es"><h3>Título</h3>
            <p>Texto con <strong>negrita</strong>, <em>cursiva</em>, <code>código</code> y <a href="https://example.org" rel="nofollow noopener">enlace</a>.</p>
            <ul>
            <li>uno</li>
            <li>dos</li>
            </ul>
            <blockquote>
            <p>cita</p>
            </blockquote>
            </div>
            """
        #expect(PostCooking.version == 2)
        #expect(String(decoding: PostCooking.html(sample, language: "es").bytes, as: UTF8.self) == expected)
        #expect(PostCooking.excerpt(sample) == "Título Texto con negrita, cursiva, código y enlace. uno dos cita")
    }
}
