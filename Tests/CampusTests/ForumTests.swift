import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Forums, topics and posts: writing, quoting by reference, editing with revisions,
/// deleting one's own, long threads a page at a time, and the counters lists read.
@Suite struct ForumTests {
    let app: TestApp
    let f: ForumFixture

    init() throws {
        app = try TestApp()
        f = try ForumFixture(app)
    }

    @Test func aParticipantStartsATopicAndOthersReplyQuotingIt() throws {
        let paula = try f.browser(f.participant)
        let created = paula.post("/forums/\(f.forum)/topics", [("title", "Cuidar la ciudad"), ("body", "La ciudad **cuida** cuando…")])
        #expect(created.status == .seeOther)
        let topic = try #require(created.redirectID(after: "/topics/"))
        let page = paula.get("/topics/\(topic)").bodyText
        #expect(page.contains("Cuidar la ciudad"))
        #expect(page.contains("<strong>cuida</strong>"))

        let diana = try f.browser(f.instructor)
        let opening = try f.postID(topic: topic, position: 1)
        #expect(diana.get("/posts/\(opening)/reply").bodyText.contains("name=\"reply_to\" value=\"\(opening)\""))
        let reply = diana.post("/topics/\(topic)/posts", [("body", "De acuerdo con Paula."), ("reply_to", String(opening))])
        #expect(reply.status == .seeOther)
        #expect(reply.header("Location")?.hasPrefix("/topics/\(topic)#post-") == true)
        let thread = paula.get("/topics/\(topic)").bodyText
        #expect(thread.contains("Paula Participante (n.º 1) escribió:"))
        #expect(thread.contains("La ciudad cuida cuando…"))

        // The same reply sent again (a double click) leads to the one that exists.
        let again = diana.post("/topics/\(topic)/posts", [("body", "De acuerdo con Paula."), ("reply_to", String(opening))])
        #expect(again.header("Location") == reply.header("Location"))
        #expect(try f.db.query("SELECT post_count FROM forum_topics WHERE id = \(topic)").first?["post_count"] == Int32(2))
    }

    @Test func aQuoteOfAPostRemovedSinceShowsThatItWasRemoved() throws {
        let topic = try f.topic(body: "Palabras que se retirarán más tarde")
        let opening = try f.postID(topic: topic, position: 1)
        let paula = try f.browser(f.participant)
        #expect(paula.post("/topics/\(topic)/posts", [("body", "Cito esto."), ("reply_to", String(opening))]).status == .seeOther)
        try f.db.execute("UPDATE posts SET status = 'hidden', hidden_cause = 'moderator' WHERE id = \(opening)")
        let page = paula.get("/topics/\(topic)").bodyText
        #expect(page.contains("En respuesta al mensaje n.º 1, que fue retirado."))
        #expect(!page.contains("Palabras que se retirarán"))
        // Quoting a removed post is refused.
        #expect(paula.post("/topics/\(topic)/posts", [("body", "Otra vez"), ("reply_to", String(opening))]).status == .unprocessableContent)
    }

    @Test func longThreadsComeFiftyPostsAPageAndPermalinksFindTheirPage() throws {
        let topic = try f.topic()
        try f.replies(999, topic: topic)
        let paula = try f.browser(f.participant)
        let last = paula.get("/topics/\(topic)?page=20").bodyText
        #expect(last.contains("Respuesta 999"))
        #expect(last.contains("Respuesta 950"))
        #expect(!last.contains("Respuesta 949<"))
        #expect(last.contains("aria-current=\"page\">20<"))
        #expect(paula.get("/topics/\(topic)?page=21").status == .notFound)
        #expect(paula.get("/topics/\(topic)?page=x").status == .badRequest)
        let id = try f.postID(topic: topic, position: 777)
        let permalink = paula.get("/posts/\(id)")
        #expect(permalink.status == .seeOther)
        #expect(permalink.header("Location") == "/topics/\(topic)?page=16#post-\(id)")
        let page16 = paula.get("/topics/\(topic)?page=16").bodyText
        #expect(page16.contains("id=\"post-\(id)\""))
        #expect(page16.contains(">Respuesta 776</p>"))
        // The counters say what the rows say, without counting them per request.
        let counts = try #require(try f.db.query("""
            SELECT f.topic_count, f.post_count, t.post_count AS topic_posts, (SELECT count(*) FROM posts WHERE topic_id = t.id)::int8 AS rows
            FROM forums f JOIN forum_topics t ON t.forum_id = f.id WHERE t.id = \(topic)
            """).first)
        #expect(try counts["topic_count"] == Int32(1))
        #expect(try counts["post_count"] == Int32(1000))
        #expect(try counts["topic_posts"] == Int32(1000))
        #expect(try counts["rows"] == 1000)
    }

    @Test func editingKeepsTheEarlierTextForModeratorsOnly() throws {
        let topic = try f.topic(by: f.participant, title: "Primera versión del título", body: "Primera versión")
        let post = try f.postID(topic: topic, position: 1)
        let paula = try f.browser(f.participant)
        #expect(paula.get("/posts/\(post)/edit").bodyText.contains("Primera versión"))
        let saved = paula.post("/posts/\(post)/edit", [("title", "Segunda versión del título"), ("body", "Segunda versión")])
        #expect(saved.status == .seeOther)
        #expect(paula.get("/topics/\(topic)").bodyText.contains("editado"))
        #expect(paula.get("/posts/\(post)/revisions").status == .forbidden)
        let revisions = try f.browser(f.forumModerator).get("/posts/\(post)/revisions")
        #expect(revisions.status == .ok)
        #expect(revisions.bodyText.contains("Primera versión del título"))
        #expect(revisions.bodyText.contains("Segunda versión"))
        // Someone else's post is not theirs to edit; an empty body comes back with 422.
        #expect(try f.browser(f.instructor).post("/posts/\(post)/edit", [("body", "Mío")]).status == .forbidden)
        #expect(paula.post("/posts/\(post)/edit", [("title", "Título"), ("body", "  ")]).status == .unprocessableContent)
    }

    @Test func deletingOnesOwnPostLeavesItsPlace() throws {
        let topic = try f.topic()
        let paula = try f.browser(f.participant)
        #expect(paula.post("/topics/\(topic)/posts", [("body", "Me arrepiento de esto")]).status == .seeOther)
        let post = try f.postID(topic: topic, position: 2)
        #expect(paula.post("/posts/\(post)/delete", []).header("Location") == "/posts/\(post)/delete")
        #expect(paula.post("/posts/\(post)/delete", [("confirm", "yes")]).status == .seeOther)
        let page = try f.browser(f.instructor).get("/topics/\(topic)").bodyText
        #expect(page.contains("Mensaje eliminado por su autor."))
        #expect(!page.contains("Me arrepiento"))
        #expect(try f.browser(f.forumModerator).get("/topics/\(topic)").bodyText.contains("Me arrepiento"))
        #expect(paula.post("/posts/\(post)/edit", [("body", "Vuelvo")]).status == .conflict)
    }

    @Test func titlesAndPostsAreEscaped() throws {
        let paula = try f.browser(f.participant)
        let created = paula.post("/forums/\(f.forum)/topics", [("title", "<script>alert(1)</script> título"), ("body", "<img src=x onerror=alert(1)>")])
        let topic = try #require(created.redirectID(after: "/topics/"))
        for page in [paula.get("/topics/\(topic)").bodyText, paula.get("/forums/\(f.forum)").bodyText] {
            #expect(!page.contains("<script>alert"))
            #expect(!page.contains("<img src=x"))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; título"))
        }
    }

    @Test func aPromptThatAsksForOnesOwnReflectionFirst() throws {
        let session: Int64 = try f.db.query("""
            INSERT INTO edition_sessions (edition_id, kind, title, starts_at, time_zone, link)
            VALUES (\(f.edition), 'master_class', 'Ciudad y cuidados', now() + interval '2 days', 'UTC', 'https://meet.example/a') RETURNING id
            """).first?["id"] ?? 0
        let diana = try f.browser(f.instructor)
        let created = diana.post("/forums/\(f.forum)/topics", [
            ("title", "Consigna: ¿quién cuida?"), ("body", "Cuente una experiencia."), ("session_id", String(session)), ("reply_first", "1"),
            ("answer_by", "2031-05-01T18:00"),
        ])
        #expect(created.status == .seeOther)
        let topic = try #require(created.redirectID(after: "/topics/"))
        try f.replies(3, topic: topic, by: f.otherParticipant)
        let paula = try f.browser(f.participant)
        let before = paula.get("/topics/\(topic)").bodyText
        #expect(before.contains("Cuente una experiencia."))
        #expect(!before.contains("Respuesta 1"))
        #expect(before.contains("Publique su propia reflexión para ver las de los demás participantes."))
        #expect(diana.get("/topics/\(topic)").bodyText.contains("Respuesta 1"))
        #expect(paula.post("/topics/\(topic)/posts", [("body", "Mi reflexión")]).status == .seeOther)
        #expect(paula.get("/topics/\(topic)").bodyText.contains("Respuesta 1"))
        // The prompt comes first in its forum and says its session.
        let forum = paula.get("/forums/\(f.forum)").bodyText
        #expect(forum.contains("Consigna de reflexión"))
        #expect(paula.get("/topics/\(topic)").bodyText.contains("Consigna de «Ciudad y cuidados»"))
    }
}
