import Foundation
import Postgres

/// What moderators change on posts. Every change is one conditional UPDATE on the post's
/// version, which the moderator's form carries: when two moderators act on the same post
/// at once, the second UPDATE waits for the first, finds the version moved on, changes
/// nothing and returns nil — its moderator gets a 409.
enum ModerationQueries {
    /// The post as a moderator's change left it.
    struct Changed {
        let id: Int64
        let topicID: Int64
        let authorID: Int64
        let status: PostStatus
        let position: Int?
        let replyTo: Int64?
    }

    static func changed(_ row: Row) throws -> Changed {
        let position: Int32? = try row["position"]
        return Changed(
            id: try row["id"], topicID: try row["topic_id"], authorID: try row["author_id"],
            status: PostStatus(rawValue: try row["status"]) ?? .hidden, position: position.map(Int.init), replyTo: try row["reply_to"])
    }

    /// `set` applied to post `postID` at `version` in one of `statuses`.
    static func update(_ db: Connection, postID: Int64, version: Int, statuses: [String], set: SQL) throws -> Changed? {
        try db.query("""
            UPDATE posts SET \(set), version = version + 1
            WHERE id = \(postID) AND version = \(version) AND status = ANY(\(statuses))
            RETURNING id, topic_id, author_id, status, position, reply_to
            """).first.map(changed)
    }

    static func moderatedBy(_ moderatorID: Int64, reason: String?) -> SQL {
        "moderated_by = \(moderatorID), moderated_at = now(), moderation_reason = \(reason)"
    }

    static func hide(_ db: Connection, postID: Int64, version: Int, by moderatorID: Int64, reason: String) throws -> Changed? {
        try update(db, postID: postID, version: version, statuses: ["visible", "hidden"], set: """
            status = 'hidden', hidden_cause = 'moderator', queued_at = NULL, review_requested_at = NULL, \(moderatedBy(moderatorID, reason: reason))
            """)
    }

    static func restore(_ db: Connection, postID: Int64, version: Int, by moderatorID: Int64, reason: String) throws -> Changed? {
        try update(db, postID: postID, version: version, statuses: ["hidden"], set: """
            status = 'visible', hidden_cause = NULL, queued_at = NULL, review_requested_at = NULL, \(moderatedBy(moderatorID, reason: reason))
            """)
    }

    /// The flags were wrong: the post stays as it is and leaves the queue.
    static func clearFlags(_ db: Connection, postID: Int64, version: Int, by moderatorID: Int64, reason: String) throws -> Changed? {
        try update(db, postID: postID, version: version, statuses: ["visible"], set: "queued_at = NULL, \(moderatedBy(moderatorID, reason: reason))")
    }

    /// Decide later: the post goes to the back of the queue.
    static func defer_(_ db: Connection, postID: Int64, version: Int) throws -> Changed? {
        try update(db, postID: postID, version: version, statuses: ["visible", "hidden", "pending"], set: "queued_at = now()")
    }

    /// Into the thread: the trigger gives it its place.
    static func approve(_ db: Connection, postID: Int64, version: Int, by moderatorID: Int64, reason: String?) throws -> Changed? {
        try update(db, postID: postID, version: version, statuses: ["pending"], set: """
            status = 'visible', queued_at = NULL, \(moderatedBy(moderatorID, reason: reason))
            """)
    }

    static func reject(_ db: Connection, postID: Int64, version: Int, by moderatorID: Int64, reason: String) throws -> Changed? {
        try update(db, postID: postID, version: version, statuses: ["pending"], set: "status = 'rejected', queued_at = NULL, \(moderatedBy(moderatorID, reason: reason))")
    }

    /// Closes the post's open flags with the moderator's verdict.
    static func resolveFlags(_ db: Connection, postID: Int64, by moderatorID: Int64, agreed: Bool) throws {
        try db.execute("""
            UPDATE flags SET resolved_at = now(), resolved_by = \(moderatorID), resolution = \(agreed ? "agreed" : "disagreed")
            WHERE post_id = \(postID) AND resolved_at IS NULL
            """)
    }
}
