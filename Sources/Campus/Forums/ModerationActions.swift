import Foundation
import Postgres
import Web

/// Each moderator action on a post, in one transaction: the conditional change (409 when
/// another moderator acted first), the verdict on the open flags, the audit entry, and the
/// author told why.
enum ModerationActions {
    static func conflict() -> HTTPError { HTTPError(.conflict, reason: "forum.moderate.conflict") }

    /// Where the moderator goes next: back to the queue when they came from it.
    static func done(_ context: Context, post: Post, flash: String) -> Response {
        context.redirect(Paths.localPath(context.form["next"], fallback: ForumPaths.postModerate.path(post.id)), flash: flash)
    }

    static func details(_ post: Post, topic: Topic, reason: String?) -> [String: String] {
        var details = ["user": String(post.authorID), "topic": topic.title, "forum": topic.forum.title]
        if let reason { details["reason"] = reason }
        return details
    }

    static func values(_ topic: Topic) -> [String: String] { ["forum": topic.forum.title, "topic": topic.title] }

    /// What an action records and tells: its audit action, the author's notice (nil: the
    /// author hears nothing), the verdict on the open flags (nil: they stay), the flash.
    struct Outcome {
        let action: String
        let notice: String?
        let agreed: Bool?
        let flash: String
    }

    /// The change (nil: another moderator acted first, 409), then its record and its news.
    static func act(
        _ context: Context, post: Post, topic: Topic, reason: String, _ outcome: Outcome, change: (Connection, Int64) throws -> ModerationQueries.Changed?
    ) throws -> Response {
        let db = try context.db
        let moderator = try context.requireUser()
        try db.transaction {
            guard try change(db, moderator.id) != nil else { throw conflict() }
            if let agreed = outcome.agreed { try ModerationQueries.resolveFlags(db, postID: post.id, by: moderator.id, agreed: agreed) }
            try context.audit(outcome.action, "post", post.id, details(post, topic: topic, reason: reason))
            if let notice = outcome.notice {
                try ForumNews.tellAuthor(context, authorID: post.authorID, message: notice, values: values(topic), reason: reason, link: ForumPaths.post.path(post.id))
            }
        }
        return done(context, post: post, flash: outcome.flash)
    }

    static func hide(_ context: Context, post: Post, topic: Topic, version: Int, reason: String) throws -> Response {
        try act(context, post: post, topic: topic, reason: reason, Outcome(action: "post.hide", notice: "notice.forum.hidden", agreed: true, flash: "flash.forum_post_hidden")) {
            try ModerationQueries.hide($0, postID: post.id, version: version, by: $1, reason: reason)
        }
    }

    static func restore(_ context: Context, post: Post, topic: Topic, version: Int, reason: String) throws -> Response {
        try act(context, post: post, topic: topic, reason: reason, Outcome(action: "post.restore", notice: "notice.forum.restored", agreed: false, flash: "flash.forum_post_restored")) {
            try ModerationQueries.restore($0, postID: post.id, version: version, by: $1, reason: reason)
        }
    }

    /// The flags were wrong and the post stays: its author hears nothing (nothing changed for them).
    static func clearFlags(_ context: Context, post: Post, topic: Topic, version: Int, reason: String) throws -> Response {
        try act(context, post: post, topic: topic, reason: reason, Outcome(action: "post.clear_flags", notice: nil, agreed: false, flash: "flash.forum_flags_cleared")) {
            try ModerationQueries.clearFlags($0, postID: post.id, version: version, by: $1, reason: reason)
        }
    }

    static func reject(_ context: Context, post: Post, topic: Topic, version: Int, reason: String) throws -> Response {
        try act(context, post: post, topic: topic, reason: reason, Outcome(action: "post.reject", notice: "notice.forum.rejected", agreed: nil, flash: "flash.forum_post_rejected")) {
            try ModerationQueries.reject($0, postID: post.id, version: version, by: $1, reason: reason)
        }
    }

    static func defer_(_ context: Context, post: Post, version: Int) throws -> Response {
        guard try ModerationQueries.defer_(try context.db, postID: post.id, version: version) != nil else { throw conflict() }
        return done(context, post: post, flash: "flash.forum_deferred")
    }

    /// The post enters the thread, and everyone it concerns hears of it as if just written.
    static func approve(_ context: Context, post: Post, topic: Topic, version: Int, reason: String?) throws -> Response {
        let db = try context.db
        let moderator = try context.requireUser()
        try db.transaction {
            guard let changed = try ModerationQueries.approve(db, postID: post.id, version: version, by: moderator.id, reason: reason) else { throw conflict() }
            try context.audit("post.approve", "post", post.id, details(post, topic: topic, reason: reason))
            try Notifier.notify(
                db, app: context.app, userID: post.authorID, kind: .forumModeration, message: "notice.forum.approved", values: values(topic),
                note: reason, link: ForumPaths.post.path(post.id))
            try publish(context, changed: changed, post: post, topic: topic)
        }
        return done(context, post: post, flash: "flash.forum_post_approved")
    }

    static func publish(_ context: Context, changed: ModerationQueries.Changed, post: Post, topic: Topic) throws {
        let db = try context.db
        let authorName = post.authorName ?? ""
        if changed.position == 1 {
            let prompt = PromptSettings(sessionID: topic.sessionID, replyFirst: topic.replyFirst, answerBy: topic.answerBy)
            try ForumNews.topicCreated(context, forum: topic.forum, topicID: topic.id, postID: post.id, title: topic.title, author: (post.authorID, authorName), waits: false, prompt: prompt)
            return
        }
        let replyToAuthor: Int64? = try changed.replyTo.flatMap { try db.query("SELECT author_id FROM posts WHERE id = \($0)").first?["author_id"] }
        let mentioned = try db.query("SELECT user_id FROM post_mentions WHERE post_id = \(post.id)").map { try $0["user_id"] as Int64 }
        try ForumNews.postPublished(context, topic: topic, post: (post.id, post.authorID, authorName), replyToAuthor: replyToAuthor, mentioned: mentioned)
    }
}
