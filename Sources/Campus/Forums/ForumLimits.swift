import Postgres
import Web

/// Limits against floods, through the one rate limiter: posts per person per minute
/// everywhere, and a topic's slow mode (one post per person per so many seconds).
enum ForumLimits {
    static func postLimit(_ settings: Settings) -> RateLimit {
        .perMinutes("forum_posts", limit: settings.forumPostsPerMinute, minutes: 1)
    }

    /// Counts one post by the reader; nil while within the limit, else seconds to wait.
    static func hitPostLimit(_ context: Context) throws -> Int? {
        guard let user = context.user else { return nil }
        return try RateLimiter.hit(try context.db, postLimit(context.settings), key: String(user.id))
    }

    /// Slow mode: one post per `seconds` per person in the topic; the forum's staff are
    /// not held back. Nil to go ahead, else the seconds to wait.
    static func hitSlowMode(_ context: Context, topic: Topic) throws -> Int? {
        guard let seconds = topic.slowModeSeconds, let user = context.user, !PostingRules.isStaff(user, forum: topic.forum) else { return nil }
        let limit = RateLimit("forum_slow_mode", limit: 1, window: seconds)
        return try RateLimiter.hit(try context.db, limit, key: RateLimiter.key([String(topic.id), String(user.id)]))
    }
}
