import Foundation
import Postgres

/// A post as moderators review it: where it is, and its open flags.
struct QueueItem: Sendable {
    struct Flag: Sendable {
        let reason: String
        let note: String
        let name: String?
    }

    let post: Post
    let topicID: Int64
    let topicTitle: String
    let topicLanguage: String
    let forumID: Int64
    let forumTitle: String
    let queuedAt: Date?
    let flags: [Flag]
}

enum QueueQueries {
    static func columns(_ reader: CurrentUser?) -> SQL {
        """
        \(PostQueries.columns), t.title AS topic_title, t.language AS topic_language, f.id AS forum_id,
        coalesce(f.title, \(Participation.editionTitleSQL(edition: "f.edition_id")), '') AS forum_title, p.queued_at,
        ARRAY(SELECT fl.reason FROM flags fl WHERE fl.post_id = p.id AND fl.resolved_at IS NULL ORDER BY fl.id) AS flag_reasons,
        ARRAY(SELECT fl.note FROM flags fl WHERE fl.post_id = p.id AND fl.resolved_at IS NULL ORDER BY fl.id) AS flag_notes,
        ARRAY(SELECT coalesce(\(AccountQueries.nameSQL("fl.user_id")), '') FROM flags fl WHERE fl.post_id = p.id AND fl.resolved_at IS NULL ORDER BY fl.id) AS flag_names
        """
    }

    static let tables: SQL = """
        posts p LEFT JOIN posts q ON q.id = p.reply_to JOIN forum_topics t ON t.id = p.topic_id JOIN forums f ON f.id = t.forum_id
        """

    static func item(_ row: Row) throws -> QueueItem {
        let reasons: [String] = try row["flag_reasons"]
        let notes: [String] = try row["flag_notes"]
        let names: [String] = try row["flag_names"]
        let flags = reasons.indices.map { QueueItem.Flag(reason: reasons[$0], note: notes[$0], name: names[$0].isEmpty ? nil : names[$0]) }
        return QueueItem(
            post: try PostQueries.post(row), topicID: try row["topic_id"], topicTitle: try row["topic_title"], topicLanguage: try row["topic_language"],
            forumID: try row["forum_id"], forumTitle: try row["forum_title"], queuedAt: try row["queued_at"], flags: flags)
    }

    /// The queue of the forums the reader moderates, oldest first (a deferred post goes to
    /// the back), a page at a time after post `after`; read off the posts_queue index.
    static func fetchQueue(_ db: Connection, reader: CurrentUser, after: Int64?, limit: Int) throws -> [QueueItem] {
        try db.query("""
            SELECT \(columns(reader)) FROM \(tables)
            WHERE p.queued_at IS NOT NULL AND \(ForumPolicy.moderatedSQL(reader))
              AND (\(after)::int8 IS NULL OR (p.queued_at, p.id) > (SELECT a.queued_at, a.id FROM posts a WHERE a.id = \(after)))
            ORDER BY p.queued_at, p.id LIMIT \(limit)
            """).map(item)
    }

    static func fetchItem(_ db: Connection, postID: Int64, reader: CurrentUser?) throws -> QueueItem? {
        try db.query("SELECT \(columns(reader)) FROM \(tables) WHERE p.id = \(postID)").first.map(item)
    }
}
