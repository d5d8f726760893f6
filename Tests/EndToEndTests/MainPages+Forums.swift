import Foundation
import Postgres
import TestSupport

extension MainPages {
    /// The demo's debates: the mayor's edition forum and its reflection prompt, an open
    /// forum of the network with a long thread whose second page holds every state a post
    /// can be in, the moderator's queue, and the teaching team's report.
    static func forums(_ s: ForumSubjects) -> [Page] {
        [
            Page(reader: .learner, path: "/forums"),
            Page(reader: .learner, path: "/forums/\(s.editionForum)"),
            Page(reader: .learner, path: "/forums/\(s.openForum)"),
            Page(reader: .learner, path: "/topics/\(s.prompt)"),
            Page(reader: .learner, path: "/forums/\(s.openForum)/topics/new"),
            // A topic without its first post comes back with the title kept and the error.
            Page(reader: .learner, path: "/forums/\(s.openForum)/topics/new", form: "/forums/\(s.openForum)/topics",
                 fields: [("title", "Una pregunta para la red")]),
            Page(reader: .learner, path: "/posts/\(s.quoted)/reply"),
            // Where a permalink to a post past the first fifty leads.
            Page(reader: .learner, path: "/topics/\(s.longTopic)?page=2"),
            Page(reader: .learner, path: "/search?q=movilidad"),
            Page(reader: .moderator, path: "/moderation"),
            Page(reader: .moderator, path: "/posts/\(s.flagged)/moderate"),
            Page(reader: .instructor, path: "/forums/\(s.taught)/report"),
            // The forms around a post and a topic, and the staff's list of forums.
            Page(reader: .learner, path: "/forums/preferences"),
            Page(reader: .learner, path: "/posts/\(s.quoted)/flag"),
            Page(reader: .learner, path: "/posts/\(s.own)/edit"),
            Page(reader: .learner, path: "/posts/\(s.own)/delete"),
            Page(reader: .moderator, path: "/posts/\(s.edited)/revisions"),
            Page(reader: .moderator, path: "/topics/\(s.longTopic)/moderate"),
            Page(reader: .moderator, path: "/users/\(s.author)/suspend"),
            Page(reader: .admin, path: "/admin/forums"),
            Page(reader: .admin, path: "/admin/forums/\(s.openForum)"),
        ]
    }
}

/// The forums, topics and posts the forum pages show, as path segments. The open forum's
/// first topic gets sixty more posts: on its second page one is hidden by a moderator, one
/// deleted by its author, one edited, and two replies quote the hidden one and a visible one.
struct ForumSubjects {
    let editionForum, prompt, quoted, openForum, longTopic, flagged, taught: String
    /// The mayor's own post, the long thread's edited post, and the author of the flagged one.
    let own, edited, author: String

    init(_ db: Connection) throws {
        func id(_ sql: SQL) throws -> String { String(try db.query(sql).first?["id"] as Int64? ?? 0) }
        let mine: SQL = """
            FROM users u JOIN enrollments x ON x.user_id = u.id AND x.status = 'enrolled'
            JOIN forums f ON f.edition_id = x.edition_id JOIN forum_topics t ON t.forum_id = f.id AND t.session_id IS NOT NULL
            WHERE u.email = 'alcaldesa@campus.example'
            """
        editionForum = try id("SELECT f.id \(mine) ORDER BY f.id LIMIT 1")
        prompt = try id("SELECT t.id \(mine) ORDER BY f.id LIMIT 1")
        quoted = try id("""
            SELECT p.id FROM posts p JOIN users u ON u.id = p.author_id
            WHERE p.topic_id = \(Int64(prompt) ?? 0) AND p.position > 1 AND u.email <> 'alcaldesa@campus.example' ORDER BY p.position LIMIT 1
            """)
        openForum = try id("SELECT id FROM forums WHERE edition_id IS NULL ORDER BY id LIMIT 1")
        let topic: Int64 = try db.query("SELECT id FROM forum_topics WHERE forum_id = \(Int64(openForum) ?? 0) ORDER BY id LIMIT 1").first?["id"] ?? 0
        longTopic = String(topic)
        try ForumSubjects.lengthen(db, topic: topic)
        flagged = try id("SELECT p.id FROM posts p JOIN flags g ON g.post_id = p.id WHERE p.queued_at IS NOT NULL ORDER BY p.id LIMIT 1")
        own = try id("""
            SELECT p.id FROM posts p JOIN users u ON u.id = p.author_id
            WHERE u.email = 'alcaldesa@campus.example' AND p.status = 'visible' ORDER BY p.id LIMIT 1
            """)
        edited = try id("SELECT id FROM posts WHERE topic_id = \(topic) AND position = 55")
        author = try id("SELECT author_id AS id FROM posts WHERE id = \(Int64(flagged) ?? 0)")
        taught = try id("""
            SELECT f.id FROM role_grants g JOIN users u ON u.id = g.user_id JOIN forums f ON f.edition_id = g.scope_id
            JOIN forum_topics t ON t.forum_id = f.id AND t.session_id IS NOT NULL
            WHERE u.email = 'instructora@campus.example' AND g.role = 'instructor' AND g.scope_kind = 'edition' ORDER BY f.id LIMIT 1
            """)
    }

    static func lengthen(_ db: Connection, topic: Int64) throws {
        try db.execute("""
            INSERT INTO posts (topic_id, author_id, body, language, created_at)
            SELECT \(topic), (SELECT id FROM users WHERE verified_at IS NOT NULL ORDER BY id OFFSET n % 4 LIMIT 1),
                   'Aporte ' || n || ': en mi ciudad la *movilidad* cambió cuando escuchamos a los barrios.', 'es',
                   now() - make_interval(mins => 200 - n)
            FROM generate_series(1, 60) n ORDER BY n
            """)
        func at(_ position: Int) -> SQL { "topic_id = \(topic) AND position = \(position)" }
        try db.execute("""
            UPDATE posts SET status = 'hidden', hidden_cause = 'moderator', moderation_reason = 'Ataque personal a un colega.',
                   moderated_at = now() WHERE \(at(53))
            """)
        try db.execute("UPDATE posts SET status = 'deleted', deleted_at = now() WHERE \(at(54))")
        try db.execute("UPDATE posts SET edited_at = now() WHERE \(at(55))")
        for (reply, quoted) in [(56, 53), (57, 52)] {
            try db.execute("UPDATE posts SET reply_to = (SELECT id FROM posts WHERE \(at(quoted))) WHERE \(at(reply))")
        }
    }
}
