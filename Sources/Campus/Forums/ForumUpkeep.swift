import Foundation
import Postgres
import Web

/// What `campus mail` does for the forums on each round, before it delivers the outbox:
/// the daily digests that are due, purging the words of posts their authors deleted
/// (and those posts' revisions) once `CAMPUS_FORUM_DELETED_POST_DAYS` have passed, and
/// cooking the posts whose words changed without being rendered again (`PostCooking`).
public enum ForumUpkeep {
    public struct Outcome: Sendable, Equatable {
        public var digests = 0
        public var purged = 0
        public var cooked = 0
    }

    /// Safe to run from several `campus mail` processes at once: digests are claimed with
    /// SKIP LOCKED, and purging the same post twice changes nothing.
    public static func run(_ db: Connection, settings: Settings) throws -> Outcome {
        var outcome = Outcome()
        outcome.digests = try queueDigests(db, baseURL: settings.baseURL)
        outcome.purged = try purgeDeleted(db, days: settings.forumDeletedPostDays)
        outcome.cooked = try PostCooking.cookMissing(db)
        return outcome
    }

    /// `campus forums cook`: every post still to cook (after a bulk import, or a migration
    /// that raised the renderer's version); returns how many.
    public static func cookAll(_ db: Connection) throws -> Int {
        var total = 0
        while true {
            let cooked = try PostCooking.cookMissing(db, limit: 10_000)
            total += cooked
            if cooked < 10_000 { return total }
        }
    }

    /// The kinds a digest gathers; moderation news always comes at once.
    static let digestKinds = [NotificationKind.forumReply, .forumPrompt, .forumActivity].map(\.rawValue)

    /// One email per person whose last digest is a day old or more and who has had news
    /// since: each topic once, with how many notices it brought and a link to the latest.
    /// The items are titles, numbers and links, so the email is still written in the
    /// reader's language when `campus mail` delivers it.
    static func queueDigests(_ db: Connection, baseURL: String) throws -> Int {
        try db.transaction {
            let due = try db.query("""
                WITH due AS (
                    SELECT fp.user_id, fp.digest_sent_at FROM forum_preferences fp
                    WHERE fp.digest AND fp.digest_sent_at <= now() - interval '1 day'
                    ORDER BY fp.digest_sent_at LIMIT 500 FOR UPDATE SKIP LOCKED
                ), items AS (
                    SELECT n.user_id, n.params->>'topic' AS topic, count(*) AS n, max(n.id) AS latest,
                           (array_agg(n.link ORDER BY n.id DESC))[1] AS link
                    FROM notifications n JOIN due ON due.user_id = n.user_id
                    LEFT JOIN email_preferences ep ON ep.user_id = n.user_id AND ep.kind = n.kind
                    WHERE n.kind = ANY(\(digestKinds)) AND n.created_at > due.digest_sent_at AND coalesce(ep.by_email, true)
                    GROUP BY n.user_id, n.params->>'topic'
                )
                SELECT user_id, sum(n)::int8 AS total,
                       string_agg('• ' || coalesce(topic, '') || ' (' || n || ')' || chr(10) || '  ' || \(baseURL) || coalesce(link, ''),
                                  chr(10) ORDER BY latest DESC) AS items
                FROM items GROUP BY user_id
                """)
            for row in due {
                let userID: Int64 = try row["user_id"]
                let total: Int = try row["total"]
                try Outbox.enqueue(db, to: .user(userID), template: "forum_digest", values: [
                    "items": try row["items"], "count": String(total), "preferences": baseURL + ForumPaths.preferences.path(),
                ])
                try db.execute("UPDATE forum_preferences SET digest_sent_at = now() WHERE user_id = \(userID)")
            }
            return due.count
        }
    }

    /// The right to erasure for what one deleted: after the period, its words and every
    /// earlier version of them go; the post keeps its place, saying its author deleted it.
    static func purgeDeleted(_ db: Connection, days: Int) throws -> Int {
        try db.transaction {
            let purged = try db.query("""
                UPDATE posts SET body = '', purged_at = now()
                WHERE status = 'deleted' AND purged_at IS NULL AND deleted_at < now() - make_interval(days => \(days)::int)
                RETURNING id
                """).map { try $0["id"] as Int64 }
            guard !purged.isEmpty else { return 0 }
            try db.execute("DELETE FROM post_revisions WHERE post_id = ANY(\(purged))")
            try db.execute("DELETE FROM post_mentions WHERE post_id = ANY(\(purged))")
            return purged.count
        }
    }
}
