import Foundation
import Postgres

/// Posts in SQL: a topic's page, one post, writing, editing and deleting one's own.
enum PostQueries {
    /// Post `p`'s columns, with the post it quotes (`q`, joined on `p.reply_to`) as it is now.
    static let columns: SQL = """
        p.id, p.topic_id, p.position, p.author_id, \(AccountQueries.nameSQL("p.author_id")) AS author_name, p.body, p.language,
        p.status, p.hidden_cause, p.moderation_reason, p.created_at, p.edited_at, p.review_requested_at IS NOT NULL AS review_requested,
        p.version, q.id AS quote_id, q.position AS quote_position, q.status AS quote_status,
        \(AccountQueries.nameSQL("q.author_id")) AS quote_author, left(q.body, 400) AS quote_body
        """

    static func post(_ row: Row) throws -> Post {
        var quote: Quote?
        if let quoteID: Int64 = try row["quote_id"] {
            let position: Int32? = try row["quote_position"]
            quote = Quote(
                id: quoteID, position: position.map(Int.init), authorName: try row["quote_author"],
                status: PostStatus(rawValue: try row["quote_status"]) ?? .hidden, excerpt: try row["quote_body"])
        }
        let position: Int32? = try row["position"]
        return Post(
            id: try row["id"], topicID: try row["topic_id"], position: position.map(Int.init), authorID: try row["author_id"],
            authorName: try row["author_name"], body: try row["body"], language: try row["language"],
            status: PostStatus(rawValue: try row["status"]) ?? .hidden, hiddenCause: try row["hidden_cause"],
            moderationReason: try row["moderation_reason"], createdAt: try row["created_at"], editedAt: try row["edited_at"],
            reviewRequested: try row["review_requested"], version: Int(try row["version"] as Int32), quote: quote)
    }

    /// Page `page` of a topic: a range of positions, read straight off the (topic_id,
    /// position) index however long the topic grows.
    static func fetchPage(_ db: Connection, topicID: Int64, page: Int) throws -> [Post] {
        let first = (page - 1) * ForumPaging.postsPerPage + 1
        return try db.query("""
            SELECT \(columns) FROM posts p LEFT JOIN posts q ON q.id = p.reply_to
            WHERE p.topic_id = \(topicID) AND p.position BETWEEN \(first) AND \(first + ForumPaging.postsPerPage - 1)
            ORDER BY p.position
            """).map(post)
    }

    /// The opening post alone (a prompt that waits for the reader's own reflection).
    static func fetchOpening(_ db: Connection, topicID: Int64) throws -> [Post] {
        try db.query("""
            SELECT \(columns) FROM posts p LEFT JOIN posts q ON q.id = p.reply_to WHERE p.topic_id = \(topicID) AND p.position = 1
            """).map(post)
    }

    /// The reader's own posts waiting for approval (or turned down) in a topic: not in the
    /// thread yet, shown to them below it.
    static func fetchOwnWaiting(_ db: Connection, topicID: Int64, authorID: Int64) throws -> [Post] {
        try db.query("""
            SELECT \(columns) FROM posts p LEFT JOIN posts q ON q.id = p.reply_to
            WHERE p.topic_id = \(topicID) AND p.author_id = \(authorID) AND p.status IN ('pending', 'rejected')
            ORDER BY p.created_at, p.id
            """).map(post)
    }

    static func fetchPost(_ db: Connection, id: Int64) throws -> Post? {
        try db.query("SELECT \(columns) FROM posts p LEFT JOIN posts q ON q.id = p.reply_to WHERE p.id = \(id)").first.map(post)
    }

    /// Whether the author has fewer than `needed` approved posts in the forum: then their
    /// post waits (counting stops at `needed`).
    static func needsApproval(_ db: Connection, authorID: Int64, forumID: Int64, needed: Int) throws -> Bool {
        guard needed > 0 else { return false }
        let approved: Int = try db.query("""
            SELECT count(*)::int8 AS n FROM (
                SELECT 1 FROM posts p JOIN forum_topics t ON t.id = p.topic_id
                WHERE p.author_id = \(authorID) AND t.forum_id = \(forumID) AND p.status = 'visible' LIMIT \(needed)) s
            """).first?["n"] ?? 0
        return approved < needed
    }

    /// A new post; waiting ones join the moderation queue. Returns its id and place.
    static func createPost(
        _ db: Connection, topicID: Int64, authorID: Int64, body: String, language: String, replyTo: Int64?, waits: Bool
    ) throws -> (id: Int64, position: Int?) {
        let row = try db.query("""
            INSERT INTO posts (topic_id, author_id, reply_to, body, language, status, queued_at)
            VALUES (\(topicID), \(authorID), \(replyTo), \(body), \(language), \(waits ? "pending" : "visible"),
                    CASE WHEN \(waits) THEN now() END)
            RETURNING id, position
            """).first
        let position: Int32? = try row?["position"]
        return (try row?["id"] ?? 0, position.map(Int.init))
    }

    /// The same post sent again (a double click, a page sent again): the author's latest in
    /// the topic with the same words and quote, from the last ten minutes.
    static func fetchResent(_ db: Connection, topicID: Int64, authorID: Int64, body: String, replyTo: Int64?) throws -> (id: Int64, position: Int?)? {
        guard let row = try db.query("""
            SELECT l.id, l.position FROM (
                SELECT id, position, body, reply_to, created_at FROM posts
                WHERE topic_id = \(topicID) AND author_id = \(authorID) ORDER BY id DESC LIMIT 1) l
            WHERE l.body = \(body) AND l.reply_to IS NOT DISTINCT FROM \(replyTo) AND l.created_at > now() - interval '10 minutes'
            """).first else { return nil }
        let position: Int32? = try row["position"]
        return (try row["id"], position.map(Int.init))
    }
}

/// One earlier text of a post.
struct Revision: Sendable {
    let id: Int64
    let editorName: String?
    let body: String
    let title: String?
    let replacedAt: Date
}

extension PostQueries {
    /// The post that opened its topic (placed first, or the first written while it waits).
    static func isOpening(_ db: Connection, post: Post) throws -> Bool {
        if let position = post.position { return position == 1 }
        return try db.query("SELECT min(id) AS first FROM posts WHERE topic_id = \(post.topicID)").first?["first"] == post.id
    }

    static func fetchRevisions(_ db: Connection, postID: Int64) throws -> [Revision] {
        try db.query("""
            SELECT r.id, \(AccountQueries.nameSQL("r.editor_id")) AS editor_name, r.body, r.title, r.replaced_at
            FROM post_revisions r WHERE r.post_id = \(postID) ORDER BY r.id DESC
            """).map { row in
            Revision(id: try row["id"], editorName: try row["editor_name"], body: try row["body"], title: try row["title"], replacedAt: try row["replaced_at"])
        }
    }
}
