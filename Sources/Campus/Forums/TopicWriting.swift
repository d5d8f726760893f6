import Foundation
import Postgres
import Web

/// Writing in the forums: topics, replies, edits with their revisions, deleting one's own
/// post. Each is called inside the caller's transaction.
enum TopicWriting {
    struct Created {
        let topicID: Int64
        let postID: Int64
        let position: Int?
    }

    static func createTopic(
        _ db: Connection, forum: Forum, author: CurrentUser, title: String, body: String, prompt: PromptSettings, waits: Bool
    ) throws -> Created {
        let language = PostingRules.language(forum: forum, reader: author)
        let topicID: Int64 = try db.query("""
            INSERT INTO forum_topics (forum_id, author_id, title, language, session_id, reply_first, answer_by)
            VALUES (\(forum.id), \(author.id), \(title), \(language), \(prompt.sessionID), \(prompt.replyFirst), \(prompt.answerBy))
            RETURNING id
            """).first?["id"] ?? 0
        let post = try PostQueries.createPost(db, topicID: topicID, authorID: author.id, body: body, language: language, replyTo: nil, waits: waits)
        try FollowQueries.follow(db, userID: author.id, topicID: topicID)
        try Mentions.record(db, postID: post.id, topicID: topicID, body: body)
        return Created(topicID: topicID, postID: post.id, position: post.position)
    }

    static func createReply(
        _ db: Connection, topic: Topic, author: CurrentUser, body: String, replyTo: Int64?, waits: Bool
    ) throws -> Created {
        let language = PostingRules.language(forum: topic.forum, reader: author)
        let post = try PostQueries.createPost(db, topicID: topic.id, authorID: author.id, body: body, language: language, replyTo: replyTo, waits: waits)
        try FollowQueries.follow(db, userID: author.id, topicID: topic.id)
        try Mentions.record(db, postID: post.id, topicID: topic.id, body: body)
        return Created(topicID: topic.id, postID: post.id, position: post.position)
    }

    /// Keeps the text as it was (and the title, when the opening post's edit changes it)
    /// as a revision, then writes the new one. False when the post changed meanwhile.
    static func edit(_ db: Connection, post: Post, editor: Int64, body: String, title: (old: String, new: String)?) throws -> Bool {
        let cooked = PostCooking.cook(body, language: post.language)
        let changed = try db.execute("""
            WITH old AS (SELECT id, body FROM posts WHERE id = \(post.id) AND status = \(post.status.rawValue) FOR UPDATE),
            kept AS (INSERT INTO post_revisions (post_id, editor_id, body, title)
                     SELECT id, \(editor), body, \(title?.old) FROM old RETURNING 1)
            UPDATE posts p SET body = \(body), edited_at = now(),
                   cooked = \(cooked.html), cooked_version = \(PostCooking.version), excerpt = \(cooked.excerpt)
            FROM old WHERE p.id = old.id
            """)
        guard changed == 1 else { return false }
        if let title {
            try db.execute("UPDATE forum_topics SET title = \(title.new) WHERE id = \(post.topicID)")
        }
        try db.execute("DELETE FROM post_mentions WHERE post_id = \(post.id)")
        try Mentions.record(db, postID: post.id, topicID: post.topicID, body: body)
        return true
    }

    /// Soft: the post keeps its place, saying its author deleted it; its words stay for
    /// moderators until they are purged (see `ForumUpkeep`). It leaves the queue.
    static func deleteOwn(_ db: Connection, postID: Int64, authorID: Int64) throws -> Bool {
        try db.execute("""
            UPDATE posts SET status = 'deleted', deleted_at = now(), hidden_cause = NULL, queued_at = NULL
            WHERE id = \(postID) AND author_id = \(authorID) AND status IN ('visible', 'hidden')
            """) == 1
    }
}
