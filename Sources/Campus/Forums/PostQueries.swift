import Foundation
import Postgres
import Web

/// Posts in SQL: a topic's page, one post, writing, editing and deleting one's own.
enum PostQueries {
    /// Post `p`'s columns, with the post it quotes (`q`, joined on `p.reply_to`) as it is now.
    /// In the order `post(_:)` reads them, which finds each where the last one was.
    static let columns = makeColumns(body: "p.body")

    /// The same for a thread's page, which shows a post's stored HTML when it has one: its
    /// Markdown then stays in the database (an empty `body`; a purged post has no HTML).
    static let threadColumns = makeColumns(
        body: "CASE WHEN p.cooked IS NOT NULL AND p.cooked_version = \(PostCooking.version) THEN '' ELSE p.body END")

    private static func makeColumns(body: SQL) -> SQL {
        """
        p.id, p.topic_id, p.position, p.author_id, \(AccountQueries.nameSQL("p.author_id")) AS author_name, \(body) AS body, p.language,
        p.status, p.hidden_cause, p.moderation_reason, p.created_at, p.edited_at, p.review_requested_at IS NOT NULL AS review_requested,
        p.version, p.cooked_version, p.cooked, q.id AS quote_id, q.position AS quote_position,
        \(AccountQueries.nameSQL("q.author_id")) AS quote_author, q.status AS quote_status,
        CASE WHEN q.cooked_version = \(PostCooking.version) THEN q.excerpt END AS quote_excerpt,
        CASE WHEN q.excerpt IS NULL OR q.cooked_version IS DISTINCT FROM \(PostCooking.version) THEN left(q.body, 400) END AS quote_body
        """
    }

    static func post(_ row: Row) throws -> Post {
        let id: Int64 = try row["id"], topicID: Int64 = try row["topic_id"], position: Int32? = try row["position"]
        let authorID: Int64 = try row["author_id"], authorName: String? = try row["author_name"]
        let body: String = try row["body"], language: String = try row["language"]
        let status = PostStatus(rawValue: try row["status"]) ?? .hidden
        let hiddenCause: String? = try row["hidden_cause"], moderationReason: String? = try row["moderation_reason"]
        let createdAt: Date = try row["created_at"], editedAt: Date? = try row["edited_at"]
        let reviewRequested: Bool = try row["review_requested"], version: Int32 = try row["version"]
        // Markup the application stored itself (see PostCooking), copied as it is.
        let cooked = (try row["cooked_version"] as Int32?) == PostCooking.version ? try row.textBytes("cooked").map(HTML.init(unsafeRawBytes:)) : nil
        var quote: Quote?
        if let quoteID: Int64 = try row["quote_id"] {
            let quotePosition: Int32? = try row["quote_position"]
            let quoteAuthor: String? = try row["quote_author"]
            let quoteStatus = PostStatus(rawValue: try row["quote_status"]) ?? .hidden
            let excerpt: String = try row["quote_excerpt"] ?? PostCooking.excerpt(try row["quote_body"])
            quote = Quote(id: quoteID, position: quotePosition.map(Int.init), authorName: quoteAuthor, status: quoteStatus, excerpt: excerpt)
        }
        return Post(
            id: id, topicID: topicID, position: position.map(Int.init), authorID: authorID, authorName: authorName, body: body,
            language: language, status: status, hiddenCause: hiddenCause, moderationReason: moderationReason, createdAt: createdAt,
            editedAt: editedAt, reviewRequested: reviewRequested, version: Int(version), cooked: cooked, quote: quote)
    }

    /// The positions of a topic's page `page`.
    static func positions(page: Int) -> ClosedRange<Int> {
        let first = (page - 1) * ForumPaging.postsPerPage + 1
        return first...(first + ForumPaging.postsPerPage - 1)
    }

    /// A range of a topic's posts (a page, or the opening post alone while a prompt waits
    /// for the reader's own reflection), read straight off the (topic_id, position) index
    /// however long the topic grows; and, in the same statement when `waitingOf` has any,
    /// that reader's posts waiting for approval or turned down — not in the thread yet,
    /// shown to them below it. (Without them the statement is half the plan to start.)
    static func fetchThread(_ db: Connection, topicID: Int64, positions: ClosedRange<Int>, waitingOf readerID: Int64?) throws -> (posts: [Post], waiting: [Post]) {
        try readThread(db.query(threadSQL(topicID: topicID, positions: positions, waitingOf: readerID)), positions: positions)
    }

    /// The statement `fetchThread` sends, for a page that sends it with others.
    static func threadSQL(topicID: Int64, positions: ClosedRange<Int>, waitingOf readerID: Int64?) -> SQL {
        let page: SQL = """
            SELECT \(threadColumns) FROM posts p LEFT JOIN posts q ON q.id = p.reply_to
            WHERE p.topic_id = \(topicID) AND p.position BETWEEN \(positions.lowerBound) AND \(positions.upperBound)
            """
        guard let readerID else { return "\(page) ORDER BY p.position" }
        // Each part in its order, put in order by `readThread` (without sorting fifty wide rows in PostgreSQL).
        return """
            (\(page))
            UNION ALL
            (SELECT \(threadColumns) FROM posts p LEFT JOIN posts q ON q.id = p.reply_to
             WHERE p.topic_id = \(topicID) AND p.author_id = \(readerID) AND p.status IN ('pending', 'rejected'))
            """
    }

    static func readThread(_ rows: Rows, positions: ClosedRange<Int>) throws -> (posts: [Post], waiting: [Post]) {
        var posts: [Post] = [], waiting: [Post] = []
        posts.reserveCapacity(positions.count)
        for row in rows {
            let post = try post(row)
            if post.position == nil { waiting.append(post) } else { posts.append(post) }
        }
        posts.sort { ($0.position ?? 0) < ($1.position ?? 0) }
        waiting.sort { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        return (posts, waiting)
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
        let cooked = PostCooking.cook(body, language: language)
        let row = try db.query("""
            INSERT INTO posts (topic_id, author_id, reply_to, body, language, status, queued_at, cooked, cooked_version, excerpt)
            VALUES (\(topicID), \(authorID), \(replyTo), \(body), \(language), \(waits ? "pending" : "visible"),
                    CASE WHEN \(waits) THEN now() END, \(cooked.html), \(PostCooking.version), \(cooked.excerpt))
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
