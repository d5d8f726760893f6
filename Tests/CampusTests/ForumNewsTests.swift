import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Who hears of what happens in the forums — never anyone who may not read it — by email
/// at once or in one daily digest; and the teaching team's participation report.
@Suite struct ForumNewsTests {
    let app: TestApp
    let f: ForumFixture

    init() throws {
        app = try TestApp()
        f = try ForumFixture(app)
    }

    func told(_ user: Int64) throws -> [String] {
        try f.db.query("SELECT message FROM notifications WHERE user_id = \(user) AND kind LIKE 'forum%' ORDER BY id").map { try $0["message"] }
    }

    func mail(_ email: String) throws -> [(subject: String, body: String)] { try app.outbox(to: email) }

    @Test func repliesMentionsAndFollowersHearOfNewPosts() throws {
        let topic = try f.topic(by: f.participant, title: "Movilidad y cuidados")
        let opening = try f.postID(topic: topic, position: 1)
        let follower = try app.createUser("sigue@forum.example", name: "Sergio Sigue")
        let withdrawn = try app.createUser("retirada@forum.example", name: "Rita Retirada")
        for (user, status) in [(follower, "enrolled"), (withdrawn, "withdrawn")] {
            try f.db.execute("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(f.edition), \(user), \(status))")
        }
        // Following the forum before leaving the edition: no news of a forum one may no longer read.
        try f.db.execute("INSERT INTO forum_follows (user_id, forum_id) VALUES (\(follower), \(f.forum)), (\(withdrawn), \(f.forum))")
        let diana = try f.browser(f.instructor)
        #expect(diana.post("/topics/\(topic)/posts", [("body", "Interesante, @Paula Participante."), ("reply_to", String(opening))]).status == .seeOther)
        #expect(try told(f.participant) == ["notice.forum.reply"])
        #expect(try told(follower) == ["notice.forum.new_post"])
        #expect(try told(withdrawn).isEmpty)
        // Moderators and admins may read the forum, but follow nothing in it.
        #expect(try told(f.forumModerator).isEmpty)
        #expect(try told(f.admin).isEmpty)
        #expect(try mail("participante@forum.example").first?.subject.contains("Diana Docente respondió a su mensaje en «Movilidad y cuidados»") == true)
        // A mention of someone who wrote in the topic tells them; muting the topic stops the rest.
        let sergio = try f.browser(follower)
        #expect(sergio.post("/topics/\(topic)/posts", [("body", "Como dice @Diana Docente, sí.")]).status == .seeOther)
        #expect(try told(f.instructor).contains("notice.forum.mention"))
        #expect(sergio.post("/topics/\(topic)/follow", [("follow", "0")]).status == .seeOther)
        #expect(try f.browser(f.participant).post("/topics/\(topic)/posts", [("body", "@Sergio Sigue, ¿y usted?")]).status == .seeOther)
        #expect(try told(follower).filter { $0 == "notice.forum.new_post" }.count == 1)
        #expect(try told(follower).contains("notice.forum.mention"))
        #expect(try f.db.query("SELECT count(*)::int8 AS n FROM post_mentions WHERE user_id = \(follower)").first?["n"] == 1)
    }

    @Test func aNewPromptReachesEveryParticipantOfTheEditionAtOnce() throws {
        let waiting = try app.createUser("espera@forum.example")
        try f.db.execute("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(f.edition), \(waiting), 'waitlisted')")
        let session: Int64 = try f.db.query("""
            INSERT INTO edition_sessions (edition_id, kind, title, starts_at, time_zone, link)
            VALUES (\(f.edition), 'expert_dialogue', 'Diálogo', now() + interval '1 day', 'UTC', 'https://meet.example/b') RETURNING id
            """).first?["id"] ?? 0
        let created = try f.browser(f.instructor).post("/forums/\(f.forum)/topics", [
            ("title", "Consigna del diálogo"), ("body", "¿Qué aprendió?"), ("session_id", String(session)),
        ])
        #expect(created.status == .seeOther)
        #expect(try told(f.participant) == ["notice.forum.prompt"])
        #expect(try told(waiting).isEmpty)
        #expect(try told(f.otherParticipant).isEmpty)
        // The edition's page links the session to its prompt, and to the forum, for its participants only.
        let topic = try #require(created.redirectID(after: "/topics/"))
        let edition = try f.browser(f.participant).get("/editions/\(f.edition)").bodyText
        #expect(edition.contains("href=\"/topics/\(topic)\""))
        #expect(edition.contains("href=\"/forums/\(f.forum)\""))
        let outside = try f.browser(f.outsider).get("/editions/\(f.edition)").bodyText
        #expect(!outside.contains("/topics/\(topic)"))
        #expect(!outside.contains("/forums/\(f.forum)"))
    }

    @Test func aDailyDigestGathersTheNewsInOneEmail() throws {
        let paula = try f.browser(f.participant)
        #expect(paula.post("/forums/preferences", [("email", "digest")]).status == .seeOther)
        let topic = try f.topic(by: f.participant, title: "Tema del resumen")
        let diana = try f.browser(f.instructor)
        for n in 1...3 { #expect(diana.post("/topics/\(topic)/posts", [("body", "Respuesta \(n)"), ("reply_to", String(try f.postID(topic: topic, position: 1)))]).status == .seeOther) }
        #expect(try told(f.participant).count == 3)
        #expect(try mail("participante@forum.example").isEmpty)
        // Not a day yet: nothing goes.
        #expect(try ForumUpkeep.run(f.db, settings: app.app.settings).digests == 0)
        try f.db.execute("UPDATE forum_preferences SET digest_sent_at = now() - interval '25 hours' WHERE user_id = \(f.participant)")
        try f.db.execute("UPDATE notifications SET created_at = now() - interval '2 hours' WHERE user_id = \(f.participant)")
        #expect(try ForumUpkeep.run(f.db, settings: app.app.settings).digests == 1)
        let digest = try #require(try mail("participante@forum.example").first)
        #expect(digest.subject == "Campus: resumen de los foros (3 novedades)")
        #expect(digest.body.contains("• Tema del resumen (3)"))
        #expect(digest.body.contains("/posts/"))
        #expect(try ForumUpkeep.run(f.db, settings: app.app.settings).digests == 0)
    }

    @Test func theTeachingTeamSeesEachParticipantsPartAndTheirAnswersByTheDate() throws {
        let session: Int64 = try f.db.query("""
            INSERT INTO edition_sessions (edition_id, kind, title, starts_at, time_zone, link)
            VALUES (\(f.edition), 'master_class', 'Clase', now() - interval '3 days', 'UTC', 'https://meet.example/c') RETURNING id
            """).first?["id"] ?? 0
        let prompt = try f.topic(by: f.instructor, title: "Consigna con fecha")
        try f.db.execute("UPDATE forum_topics SET session_id = \(session), answer_by = now() - interval '1 day' WHERE id = \(prompt)")
        let late = try app.createUser("tarde@forum.example", name: "Tomás Tarde")
        let silent = try app.createUser("callada@forum.example", name: "Carla Callada")
        for user in [late, silent] { try f.db.execute("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(f.edition), \(user), 'enrolled')") }
        try f.db.execute("""
            INSERT INTO posts (topic_id, author_id, body, language, created_at) VALUES
                (\(prompt), \(f.participant), 'A tiempo', 'es', now() - interval '2 days'), (\(prompt), \(late), 'Tarde', 'es', now())
            """)
        try f.topic(by: f.participant, title: "Otro tema de Paula")
        let report = try f.browser(f.instructor).get("/forums/\(f.forum)/report")
        #expect(report.status == .ok)
        let csv = try f.browser(f.instructor).get("/forums/\(f.forum)/report.csv")
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
        let lines = csv.bodyText.split(separator: "\r\n").map(String.init)
        #expect(lines.first?.hasSuffix("Consigna con fecha") == true)
        #expect(lines.contains { $0.hasPrefix("Paula Participante,1,1,") && $0.hasSuffix(",Respondió a tiempo") })
        #expect(lines.contains { $0.hasPrefix("Tomás Tarde,0,1,") && $0.hasSuffix(",Respondió tarde") })
        #expect(lines.contains { $0.hasPrefix("Carla Callada,0,0,,") && $0.hasSuffix(",Sin responder") })
        #expect(try f.browser(f.participant).get("/forums/\(f.forum)/report").status == .forbidden)
        #expect(try f.browser(f.outsider).get("/forums/\(f.forum)/report.csv").status == .notFound)
        #expect(try f.browser(f.admin).get("/forums/\(f.openForum)/report").status == .notFound)
    }
}
