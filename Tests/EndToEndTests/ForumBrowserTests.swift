import Foundation
import Postgres
import Testing
import TestSupport

/// A debate kept civil, in a real browser through nginx on the demo data: a participant
/// answers her edition's reflection prompt, a colleague replies quoting her and flags her
/// post, the moderator hides it with a reason, and she reads why, mends it and asks for
/// another review.
@Suite(.serialized, .browserEvidence) final class ForumBrowserTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database)
    }

    deinit { stack.stop() }

    /// The demo mayor's running edition: its forum, its prompt and another participant.
    func debate() throws -> (forum: Int64, prompt: Int64, colleague: String) {
        let row = try #require(try database.connect().query("""
            SELECT f.id AS forum, t.id AS prompt,
                   (SELECT o.email FROM enrollments y JOIN users o ON o.id = y.user_id
                    WHERE y.edition_id = x.edition_id AND y.status = 'enrolled' AND o.id <> u.id AND o.verified_at IS NOT NULL
                    ORDER BY o.id LIMIT 1) AS colleague
            FROM users u JOIN enrollments x ON x.user_id = u.id AND x.status = 'enrolled'
            JOIN forums f ON f.edition_id = x.edition_id JOIN forum_topics t ON t.forum_id = f.id AND t.session_id IS NOT NULL
            WHERE u.email = 'alcaldesa@campus.example'
            """).first)
        return (try row["forum"], try row["prompt"], try row["colleague"])
    }

    func signOut(_ browser: Browser) throws {
        try browser.follow(".user-menu form button")
    }

    @Test func aPostIsQuotedFlaggedHiddenWithAReasonMendedAndSentBackForReview() throws {
        let (forum, prompt, colleague) = try debate()
        let browser = try Browser(baseURL: stack.baseURL)
        let db = try database.connect()

        // María answers the prompt from her edition's forum.
        try browser.signIn("alcaldesa@campus.example")
        try browser.open("/forums")
        try browser.follow("a[href='/forums/\(forum)']")
        try browser.follow("a[href='/topics/\(prompt)']")
        try browser.fill("#body", "En Durango abrimos *mesas vecinales* y cambió el plan de movilidad.")
        try browser.submit("section.reply form")
        let post: Int64 = try #require(try db.query("""
            SELECT p.id FROM posts p JOIN users u ON u.id = p.author_id WHERE u.email = 'alcaldesa@campus.example' AND p.topic_id = \(prompt) ORDER BY p.id DESC LIMIT 1
            """).first?["id"])
        #expect(try browser.text("#post-\(post) em") == "mesas vecinales")
        try signOut(browser)

        // A colleague replies quoting her, then flags her post.
        try browser.signIn(colleague)
        try browser.open("/posts/\(post)")
        try browser.follow("#post-\(post) a[href='/posts/\(post)/reply']")
        #expect(try browser.text("blockquote.post-quote").contains("mesas vecinales"))
        try browser.fill("#body", "Nosotros probamos lo mismo en Lima.")
        try browser.submit("section.reply form")
        let reply: Int64 = try #require(try db.query("SELECT id FROM posts WHERE reply_to = \(post)").first?["id"])
        #expect(try browser.text("#post-\(reply) .post-quote").contains("mesas vecinales"))
        try browser.follow("#post-\(post) a[href='/posts/\(post)/flag']")
        try browser.click("input[name='reason'][value='offensive']")
        try browser.submit("form[action='/posts/\(post)/flag']")
        #expect(try browser.text(".flash") == "Gracias: el equipo de moderación revisará el mensaje.")
        try signOut(browser)

        // The moderator finds it in the queue and hides it, saying why.
        try browser.signIn("moderador@campus.example")
        try browser.open("/moderation")
        #expect(try browser.text("main").contains("mesas vecinales"))
        try browser.fill("#review-reason-\(post)", "Nombra a un vecino sin su permiso.")
        try browser.follow("form[action='/posts/\(post)/review'] button[value='agree']")
        #expect(try db.query("SELECT status FROM posts WHERE id = \(post)").first?["status"] == "hidden")
        // The colleague's quote no longer carries the hidden words.
        try browser.open("/posts/\(reply)")
        #expect(try !browser.text("#post-\(reply)").contains("mesas vecinales"))
        try signOut(browser)

        // María reads the notice and the reason, mends the post and asks for another review.
        try browser.signIn("alcaldesa@campus.example")
        try browser.open("/notifications")
        #expect(try browser.text("main").contains("Motivo: Nombra a un vecino sin su permiso."))
        try browser.open("/posts/\(post)")
        #expect(try browser.text("#post-\(post) .post-state").contains("Oculto por el equipo de moderación."))
        try browser.follow("#post-\(post) a[href='/posts/\(post)/edit']")
        try browser.fill("#body", "En Durango abrimos mesas vecinales, abiertas a todo el barrio.")
        try browser.submit("form[action='/posts/\(post)/edit']")
        try browser.open("/posts/\(post)")
        try browser.follow("#post-\(post) form[action='/posts/\(post)/request-review'] button")
        #expect(try browser.text(".flash") == "Pedido enviado: el equipo de moderación volverá a revisar su mensaje.")
        let state = try #require(try db.query("SELECT status, body, review_requested_at IS NOT NULL AS asked FROM posts WHERE id = \(post)").first)
        #expect(try state["status"] == "hidden")
        #expect(try state["asked"] == true)
        #expect(try state["body"] == "En Durango abrimos mesas vecinales, abiertas a todo el barrio.")
    }
}
