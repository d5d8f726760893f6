import Foundation
import Postgres

/// Forums and their topics in SQL. Every list is one statement, filtered by `ForumPolicy`.
enum ForumQueries {
    /// Forum `f`'s columns for `forum(_:prefix:)`, named with `prefix`.
    static func columns(_ reader: CurrentUser?, forum f: SQL = "f", prefix: String = "") -> SQL {
        "\(fixedColumns(forum: f, prefix: prefix)), \(ForumPolicy.participatesSQL(reader, forum: f)) AS \(unsafeRaw: prefix)participates"
    }

    /// The columns that do not depend on the reader, for forum `f` with names from `prefix`;
    /// those of forums `f` with no prefix or `forum_` (a topic's) made once.
    static func fixedColumns(forum f: SQL, prefix: String) -> SQL {
        switch (f.text, prefix) {
        case ("f", ""): plainColumns
        case ("f", "forum_"): topicForumColumns
        default: makeFixedColumns(forum: f, prefix: prefix)
        }
    }

    private static let plainColumns = makeFixedColumns(forum: "f", prefix: "")
    private static let topicForumColumns = makeFixedColumns(forum: "f", prefix: "forum_")

    private static func makeFixedColumns(forum f: SQL, prefix: String) -> SQL {
        """
        \(f).id AS \(unsafeRaw: prefix)id, \(f).edition_id AS \(unsafeRaw: prefix)edition_id,
        coalesce(\(f).title, \(Participation.editionTitleSQL(edition: "\(f).edition_id")), '') AS \(unsafeRaw: prefix)title,
        \(f).description AS \(unsafeRaw: prefix)description, \(f).network AS \(unsafeRaw: prefix)network,
        coalesce(\(f).language, \(Participation.editionLanguageSQL(edition: "\(f).edition_id")), 'es') AS \(unsafeRaw: prefix)language,
        \(f).premoderation AS \(unsafeRaw: prefix)premoderation, \(f).topic_count AS \(unsafeRaw: prefix)topic_count,
        \(f).post_count AS \(unsafeRaw: prefix)post_count, \(f).last_post_at AS \(unsafeRaw: prefix)last_post_at
        """
    }

    static func forum(_ row: Row, prefix: String = "") throws -> Forum {
        Forum(
            id: try row[prefix + "id"], editionID: try row[prefix + "edition_id"], title: try row[prefix + "title"],
            description: try row[prefix + "description"], network: try row[prefix + "network"], language: try row[prefix + "language"],
            premoderation: Int(try row[prefix + "premoderation"] as Int32), topicCount: Int(try row[prefix + "topic_count"] as Int32),
            postCount: Int(try row[prefix + "post_count"] as Int32), lastPostAt: try row[prefix + "last_post_at"],
            readerParticipates: try row[prefix + "participates"])
    }

    /// The forums the reader may read: their editions' forums (the most recently active
    /// first), then the open forums by title.
    static func fetchForums(_ db: Connection, reader: CurrentUser) throws -> [Forum] {
        try db.query("""
            SELECT \(columns(reader)) FROM forums f
            WHERE \(ForumPolicy.visibleSQL(reader))
            ORDER BY f.edition_id IS NULL, CASE WHEN f.edition_id IS NULL THEN lower(f.title) END,
                     f.last_post_at DESC NULLS LAST, f.id DESC
            """).map { try forum($0) }
    }

    /// Any forum by id; the caller applies `ForumPolicy.canRead` (404 when refused).
    static func fetchForum(_ db: Connection, id: Int64, reader: CurrentUser?) throws -> Forum? {
        try db.query("SELECT \(columns(reader)) FROM forums f WHERE f.id = \(id)").first.map { try forum($0) }
    }

    /// The forum of edition `editionID`.
    static func fetchEditionForum(_ db: Connection, editionID: Int64, reader: CurrentUser?) throws -> Forum? {
        try db.query("SELECT \(columns(reader)) FROM forums f WHERE f.edition_id = \(editionID)").first.map { try forum($0) }
    }

    /// A topic whose opening post waits for approval (or was turned down) is its author's
    /// and the moderators' alone: topics `t` in forums `f` the reader sees in lists.
    static func topicShownSQL(_ reader: CurrentUser?, topic t: SQL = "t", forum f: SQL = "f") -> SQL {
        guard let reader else { return "false" }
        return "(\(t).post_count > 0 OR \(t).author_id = \(reader.id) OR \(ForumPolicy.moderatedSQL(reader, forum: f)))"
    }

    /// A forum's topics: pinned ones first, then reflection prompts, then the most recently
    /// active; a page at a time after topic `after` on that same order.
    static func fetchTopics(_ db: Connection, forum: Forum, reader: CurrentUser, after: Int64?) throws -> [TopicListing] {
        try db.query("""
            SELECT t.id, t.title, t.language, \(AccountQueries.nameSQL("t.author_id")) AS author_name,
                   t.pinned_at IS NOT NULL AS pinned, t.locked_at IS NOT NULL AS locked, t.session_id IS NOT NULL AS prompt,
                   t.answer_by, t.post_count, t.last_post_at
            FROM forum_topics t JOIN forums f ON f.id = t.forum_id
            WHERE t.forum_id = \(forum.id) AND \(topicShownSQL(reader))
              AND (\(after)::int8 IS NULL OR (t.pinned_at IS NULL, t.session_id IS NULL, -extract(epoch FROM t.last_post_at), -t.id) >
                   (SELECT a.pinned_at IS NULL, a.session_id IS NULL, -extract(epoch FROM a.last_post_at), -a.id FROM forum_topics a WHERE a.id = \(after)))
            ORDER BY t.pinned_at IS NULL, t.session_id IS NULL, t.last_post_at DESC, t.id DESC
            LIMIT \(ForumPaging.topicsPerPage + 1)
            """).map { row in
            TopicListing(
                id: try row["id"], title: try row["title"], language: try row["language"], authorName: try row["author_name"],
                isPinned: try row["pinned"], isLocked: try row["locked"], isPrompt: try row["prompt"], answerBy: try row["answer_by"],
                postCount: Int(try row["post_count"] as Int32), lastPostAt: try row["last_post_at"])
        }
    }

    /// A topic with its forum and the reader's standing in it (whether they answered it,
    /// follow it, are suspended); the caller applies the policy.
    static func fetchTopic(_ db: Connection, id: Int64, reader: CurrentUser?) throws -> Topic? {
        try readTopic(db.query(topicSQL(id: id, reader: reader)), reader: reader)
    }

    /// The statement `fetchTopic` sends, for a page that sends it with others.
    static func topicSQL(id: Int64, reader: CurrentUser?) -> SQL {
        guard let reader else {
            return "SELECT \(topicColumns(nil)) FROM forum_topics t JOIN forums f ON f.id = t.forum_id WHERE t.id = \(id)"
        }
        return """
            SELECT \(topicColumns(reader)),
                   coalesce((SELECT tf.following FROM topic_follows tf WHERE tf.user_id = \(reader.id) AND tf.topic_id = t.id), false)
                       AS reader_follows,
                   s.ends_at AS suspended_until, s.reason AS suspension_reason,
                   EXISTS (SELECT 1 FROM posts w WHERE w.topic_id = t.id AND w.author_id = \(reader.id)
                           AND w.status IN ('pending', 'rejected')) AS reader_waiting
            FROM forum_topics t JOIN forums f ON f.id = t.forum_id
            LEFT JOIN LATERAL (\(SuspensionQueries.activeSQL(reader.id))) s ON true
            WHERE t.id = \(id)
            """
    }

    static func readTopic(_ rows: Rows, reader: CurrentUser?) throws -> Topic? {
        guard let row = rows.first else { return nil }
        guard let reader else { return try topic(row) }
        let until: Date? = try row["suspended_until"]
        return try topic(row, reader: TopicReader(
            userID: reader.id, follows: try row["reader_follows"],
            suspension: try until.map { Suspension(until: $0, reason: try row["suspension_reason"]) },
            hasWaiting: try row["reader_waiting"]))
    }

    static func topicColumns(_ reader: CurrentUser?) -> SQL {
        """
        \(fixedTopicColumns), \(reader.map { PostPolicy.answeredSQL($0.id) } ?? "false") AS answered,
        \(columns(reader, prefix: "forum_"))
        """
    }

    /// Topic `t`'s columns that do not depend on the reader, made once.
    private static let fixedTopicColumns: SQL = """
        t.id, t.author_id, t.title, t.language, t.created_at, t.pinned_at IS NOT NULL AS pinned,
        t.locked_at IS NOT NULL AS locked, t.slow_mode_seconds, t.session_id,
        \(Participation.sessionTitleSQL(session: "t.session_id")) AS session_title,
        t.reply_first, t.answer_by, t.post_count, t.last_post_at
        """

    static func topic(_ row: Row, reader: TopicReader? = nil) throws -> Topic {
        let slow: Int32? = try row["slow_mode_seconds"]
        return Topic(
            id: try row["id"], forum: try forum(row, prefix: "forum_"), authorID: try row["author_id"], title: try row["title"],
            language: try row["language"], createdAt: try row["created_at"], isPinned: try row["pinned"], isLocked: try row["locked"],
            slowModeSeconds: slow.map(Int.init), sessionID: try row["session_id"], sessionTitle: try row["session_title"],
            replyFirst: try row["reply_first"], answerBy: try row["answer_by"], postCount: Int(try row["post_count"] as Int32),
            lastPostAt: try row["last_post_at"], readerAnswered: try row["answered"], reader: reader)
    }
}
