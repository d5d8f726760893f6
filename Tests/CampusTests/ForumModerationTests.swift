import Dispatch
import Foundation
import Postgres
import Synchronization
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Flags and the queue, moderators' actions with their reasons, and the rules that keep a
/// debate civil: suspensions, locks, pre-moderation, moves that never publish a cohort's words.
@Suite struct ForumModerationTests {
    let app: TestApp
    let f: ForumFixture

    init() throws {
        app = try TestApp()
        f = try ForumFixture(app)
    }

    func participants(_ count: Int) throws -> [Int64] {
        try (1...count).map { n in
            let id = try app.createUser("p\(n)@flags.example", name: "Participante \(n)")
            try f.db.execute("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(f.edition), \(id), 'enrolled')")
            return id
        }
    }

    func status(_ post: Int64) throws -> String {
        try f.db.query("SELECT status FROM posts WHERE id = \(post)").first?["status"] ?? ""
    }

    func notices(_ user: Int64, _ message: String) throws -> Int {
        try f.db.query("SELECT count(*)::int8 AS n FROM notifications WHERE user_id = \(user) AND message = \(message)").first?["n"] ?? 0
    }

    func version(_ post: Int64) throws -> String {
        String(try f.db.query("SELECT version FROM posts WHERE id = \(post)").first?["version"] ?? Int32(0))
    }

    @Test func threeDistinctFlagsHideAPostUntilReviewed() throws {
        let topic = try f.topic(by: f.participant, body: "Un mensaje polémico")
        let post = try f.postID(topic: topic, position: 1)
        let flaggers = try participants(3)
        let first = try f.browser(flaggers[0])
        #expect(first.post("/posts/\(post)/flag", [("reason", "other")]).status == .unprocessableContent)
        #expect(first.post("/posts/\(post)/flag", [("reason", "offensive")]).status == .seeOther)
        // Flagging twice counts once; the author cannot flag their own post.
        #expect(first.post("/posts/\(post)/flag", [("reason", "spam")]).status == .seeOther)
        #expect(try f.browser(f.participant).post("/posts/\(post)/flag", [("reason", "spam")]).status == .forbidden)
        #expect(try notices(f.forumModerator, "notice.forum.flagged") == 1)
        #expect(try notices(f.moderator, "notice.forum.flagged") == 1)
        #expect(try f.browser(flaggers[1]).post("/posts/\(post)/flag", [("reason", "spam")]).status == .seeOther)
        #expect(try status(post) == "visible")
        #expect(try notices(f.forumModerator, "notice.forum.flagged") == 1)
        #expect(try f.browser(flaggers[2]).post("/posts/\(post)/flag", [("reason", "other"), ("note", "<script>alert(1)</script>")]).status == .seeOther)
        #expect(try status(post) == "hidden")
        #expect(try notices(f.participant, "notice.forum.hidden_by_flags") == 1)
        let outsiderView = try f.browser(flaggers[0]).get("/topics/\(topic)").bodyText
        #expect(outsiderView.contains("oculto tras los avisos de varias personas"))
        #expect(!outsiderView.contains("Un mensaje polémico"))
        let queue = try f.browser(f.forumModerator).get("/moderation").bodyText
        #expect(queue.contains("3 avisos"))
        #expect(queue.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!queue.contains("<script>alert"))
        // The moderator disagrees: the post is back and the flags are closed.
        let restored = try f.browser(f.forumModerator).post("/posts/\(post)/review", [
            ("decision", "disagree"), ("reason", "Es una opinión legítima."), ("version", try version(post)), ("next", "/moderation"),
        ])
        #expect(restored.status == .seeOther)
        #expect(try status(post) == "visible")
        #expect(try f.db.query("SELECT count(*)::int8 AS n FROM flags WHERE post_id = \(post) AND resolved_at IS NULL").first?["n"] == 0)
        #expect(try f.browser(f.forumModerator).get("/moderation").bodyText.contains("No hay nada que revisar."))
    }

    @Test func aModeratorHidesWithAReasonTheAuthorMendsAndAsksAgain() throws {
        let topic = try f.topic(by: f.participant, body: "Texto ofensivo")
        let post = try f.postID(topic: topic, position: 1)
        let mario = try f.browser(f.forumModerator)
        let noReason = mario.post("/posts/\(post)/hide", [("reason", " "), ("version", try version(post))])
        #expect(noReason.status == .unprocessableContent)
        #expect(noReason.bodyText.contains("Escriba el motivo"))
        #expect(try status(post) == "visible")
        #expect(mario.post("/posts/\(post)/hide", [("reason", "Falta el respeto."), ("version", try version(post))]).status == .seeOther)
        #expect(try status(post) == "hidden")
        let notice = try #require(try f.db.query("""
            SELECT message, params->>'note' AS note FROM notifications WHERE user_id = \(f.participant) AND kind = 'forum_moderation'
            """).first)
        #expect(try notice["message"] == "notice.forum.hidden_note")
        #expect(try notice["note"] == "Falta el respeto.")
        let audit = try #require(try f.db.query("SELECT action, subject_kind, details->>'reason' AS reason FROM audit_log WHERE action = 'post.hide'").first)
        #expect(try audit["reason"] == "Falta el respeto.")
        // The author sees the notice with the reason, mends the post and asks for another review.
        let paula = try f.browser(f.participant)
        let own = paula.get("/topics/\(topic)").bodyText
        #expect(own.contains("Oculto por el equipo de moderación."))
        #expect(own.contains("Motivo: Falta el respeto."))
        #expect(paula.post("/posts/\(post)/edit", [("title", "Ciudad de los cuidados"), ("body", "Texto corregido")]).status == .seeOther)
        #expect(paula.post("/posts/\(post)/request-review", []).status == .seeOther)
        #expect(try notices(f.forumModerator, "notice.forum.review_requested") == 1)
        let queue = mario.get("/moderation").bodyText
        #expect(queue.contains("pide otra revisión"))
        #expect(queue.contains("Texto corregido"))
        #expect(mario.post("/posts/\(post)/review", [("decision", "disagree"), ("reason", "Corregido."), ("version", try version(post))]).status == .seeOther)
        #expect(try status(post) == "visible")
        // The audit page reads the actions in words, about the post and its author.
        let log = try f.browser(f.admin).get("/admin/audit?action=post.hide").bodyText
        #expect(log.contains("Ocultó un mensaje del foro"))
        #expect(log.contains("un mensaje de <a href=\"/admin/users/\(f.participant)\">Paula Participante</a> en «<a href=\"/posts/\(post)\">Ciudad de los cuidados</a>»"))
        #expect(log.contains("Motivo: «Falta el respeto.»."))
    }

    /// Two moderators open the same post and act on what they saw: one action lands, the
    /// other is told someone acted first — also when both requests run at the same moment.
    @Test func concurrentModeratorsCannotBothAct() throws {
        let topic = try f.topic(by: f.participant)
        let post = try f.postID(topic: topic, position: 1)
        let seen = try version(post)
        let browsers = [try f.browser(f.forumModerator), try f.browser(f.moderator)]
        let forms = [[("reason", "Uno"), ("version", seen)], [("reason", "Dos"), ("version", seen)]]
        let tokens = browsers.map { $0.token() ?? "" }
        let statuses = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let status = browsers[index].post("/posts/\(post)/hide", forms[index], csrf: tokens[index]).status.rawValue
            statuses.withLock { $0.append(status) }
        }
        #expect(statuses.withLock { $0.sorted() } == [303, 409])
        #expect(try f.db.query("SELECT count(*)::int8 AS n FROM audit_log WHERE action = 'post.hide'").first?["n"] == 1)
        #expect(browsers[0].post("/posts/\(post)/restore", [("reason", "Tarde"), ("version", seen)]).bodyText.contains("actuó sobre este mensaje al mismo tiempo"))
    }

    @Test func aSuspendedPersonReadsButWaitsToPostUntilTheDateOrTheLift() throws {
        let topic = try f.topic()
        let gloria = try f.browser(f.moderator)
        #expect(try f.browser(f.forumModerator).get("/users/\(f.participant)/suspend").status == .forbidden)
        #expect(gloria.post("/users/\(f.participant)/suspend", [("days", "3"), ("reason", "")]).status == .unprocessableContent)
        #expect(gloria.post("/users/\(f.participant)/suspend", [("days", "3"), ("reason", "Insultos reiterados.")]).status == .seeOther)
        let paula = try f.browser(f.participant)
        let page = paula.get("/topics/\(topic)")
        #expect(page.status == .ok)
        #expect(page.bodyText.contains("suspendió su participación en los foros hasta el"))
        let refused = paula.post("/topics/\(topic)/posts", [("body", "Hola")])
        #expect(refused.status == .forbidden)
        #expect(refused.bodyText.contains("Insultos reiterados."))
        #expect(try notices(f.participant, "notice.forum.suspended_note") == 1)
        // A suspension whose end has passed holds nobody back.
        try f.db.execute("UPDATE forum_suspensions SET created_at = now() - interval '4 days', ends_at = now() - interval '1 minute' WHERE user_id = \(f.participant)")
        #expect(paula.post("/topics/\(topic)/posts", [("body", "Ya puedo")]).status == .seeOther)
        #expect(gloria.post("/users/\(f.participant)/suspend", [("days", "1"), ("reason", "Otra vez.")]).status == .seeOther)
        #expect(paula.post("/topics/\(topic)/posts", [("body", "¿Y ahora?")]).status == .forbidden)
        #expect(gloria.post("/users/\(f.participant)/unsuspend", [("reason", "Se disculpó.")]).status == .seeOther)
        #expect(paula.post("/topics/\(topic)/posts", [("body", "Gracias")]).status == .seeOther)
    }

    @Test func aLockedTopicTakesNoPostsButFromModerators() throws {
        let topic = try f.topic()
        let mario = try f.browser(f.forumModerator)
        #expect(mario.post("/topics/\(topic)/lock", []).status == .unprocessableContent)
        #expect(mario.post("/topics/\(topic)/lock", [("reason", "Debate cerrado.")]).status == .seeOther)
        #expect(mario.post("/topics/\(topic)/lock", [("reason", "Otra vez.")]).status == .conflict)
        let paula = try f.browser(f.participant)
        #expect(paula.post("/topics/\(topic)/posts", [("body", "Una más")]).status == .conflict)
        #expect(paula.get("/topics/\(topic)").bodyText.contains("Este tema está cerrado"))
        #expect(mario.post("/topics/\(topic)/posts", [("body", "Cierro con un resumen.")]).status == .seeOther)
        #expect(try notices(f.instructor, "notice.forum.locked_note") == 1)
        #expect(try f.browser(f.instructor).post("/topics/\(topic)/unlock", [("reason", "x")]).status == .forbidden)
    }

    @Test func fiveRepliesAMinuteGoThroughAndAFloodWaits() throws {
        let topic = try f.topic()
        let paula = try f.browser(f.participant)
        for n in 1...6 { #expect(paula.post("/topics/\(topic)/posts", [("body", "Respuesta rápida \(n)")]).status == .seeOther) }
        let flood = paula.post("/topics/\(topic)/posts", [("body", "Texto que no se pierde")])
        #expect(flood.status == .tooManyRequests)
        #expect(flood.header("Retry-After") != nil)
        #expect(flood.bodyText.contains("Texto que no se pierde</textarea>"))
        #expect(flood.bodyText.contains("Vuelva a intentarlo dentro de 1 minuto"))
    }

    @Test func slowModeHoldsEachPersonBackButNotTheStaff() throws {
        let topic = try f.topic()
        let mario = try f.browser(f.forumModerator)
        #expect(mario.post("/topics/\(topic)/slow-mode", [("seconds", "300")]).status == .unprocessableContent)
        #expect(mario.post("/topics/\(topic)/slow-mode", [("seconds", "7"), ("reason", "x")]).status == .unprocessableContent)
        #expect(mario.post("/topics/\(topic)/slow-mode", [("seconds", "300"), ("reason", "Que se calmen los ánimos.")]).status == .seeOther)
        let paula = try f.browser(f.participant)
        #expect(paula.post("/topics/\(topic)/posts", [("body", "Primera")]).status == .seeOther)
        let second = paula.post("/topics/\(topic)/posts", [("body", "Segunda, pronto")])
        #expect(second.status == .tooManyRequests)
        #expect(second.bodyText.contains("Segunda, pronto"))
        #expect(try f.browser(f.instructor).post("/topics/\(topic)/posts", [("body", "Docente 1")]).status == .seeOther)
        #expect(try f.browser(f.instructor).post("/topics/\(topic)/posts", [("body", "Docente 2")]).status == .seeOther)
        // Once the wait is over (the window written in the past), the next post goes through.
        try f.db.execute("UPDATE rate_limits SET resets_at = now() - interval '1 second' WHERE name = 'forum_slow_mode'")
        #expect(paula.post("/topics/\(topic)/posts", [("body", "Segunda, más tarde")]).status == .seeOther)
    }

    @Test func preModerationHoldsNewcomersPostsUntilApproved() throws {
        try f.db.execute("UPDATE forums SET premoderation = 1 WHERE id = \(f.openForum)")
        let topic = try f.topic(in: f.openForum, by: f.instructor)
        let fausto = try f.browser(f.outsider)
        let sent = fausto.post("/topics/\(topic)/posts", [("body", "Mi primer mensaje")])
        #expect(sent.status == .seeOther)
        let post: Int64 = try f.db.query("SELECT id FROM posts WHERE author_id = \(f.outsider)").first?["id"] ?? 0
        #expect(try status(post) == "pending")
        #expect(try f.browser(f.participant).get("/topics/\(topic)").bodyText.contains("Mi primer mensaje") == false)
        #expect(fausto.get("/topics/\(topic)").bodyText.contains("Sus mensajes que esperan aprobación"))
        #expect(try f.browser(f.participant).get("/posts/\(post)").status == .notFound)
        let gloria = try f.browser(f.moderator)
        #expect(gloria.get("/moderation").bodyText.contains("Espera aprobación"))
        #expect(gloria.post("/posts/\(post)/review", [("decision", "approve"), ("version", try version(post))]).status == .seeOther)
        #expect(try status(post) == "visible")
        #expect(try f.db.query("SELECT position FROM posts WHERE id = \(post)").first?["position"] == Int32(2))
        #expect(try notices(f.outsider, "notice.forum.approved") == 1)
        // With one approved post, the next goes straight in.
        #expect(fausto.post("/topics/\(topic)/posts", [("body", "El segundo")]).status == .seeOther)
        #expect(try f.db.query("SELECT count(*)::int8 AS n FROM posts WHERE author_id = \(f.outsider) AND status = 'visible'").first?["n"] == 2)
    }

    @Test func topicsMoveBetweenOpenForumsOnlyNeverOutOfAnEdition() throws {
        let other: Int64 = try f.db.query("""
            INSERT INTO forums (title, language) VALUES ('Movilidad sostenible', 'es') RETURNING id
            """).first?["id"] ?? 0
        let cohort = try f.topic(in: f.forum)
        let gloria = try f.browser(f.moderator)
        #expect(gloria.post("/topics/\(cohort)/move", [("forum_id", String(f.openForum)), ("reason", "Interesa a todos")]).status == .conflict)
        let open = try f.topic(in: f.openForum, by: f.participant)
        try f.replies(4, topic: open)
        #expect(gloria.post("/topics/\(open)/move", [("forum_id", String(f.forum)), ("reason", "x")]).status == .conflict)
        #expect(gloria.post("/topics/\(open)/move", [("forum_id", String(other))]).status == .unprocessableContent)
        #expect(gloria.post("/topics/\(open)/move", [("forum_id", String(other)), ("reason", "Es de movilidad.")]).status == .seeOther)
        let counts = try f.db.query("SELECT id, topic_count, post_count FROM forums WHERE id IN (\(f.openForum), \(other)) ORDER BY id").map {
            (try $0["topic_count"] as Int32, try $0["post_count"] as Int32)
        }
        #expect(counts.map(\.0) == [0, 1])
        #expect(counts.map(\.1) == [0, 5])
        #expect(try notices(f.participant, "notice.forum.moved_note") == 1)
    }
}
