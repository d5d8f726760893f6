import Foundation
import Postgres
import Web

/// Flagging a post: any reader of the forum but its author, with a reason. The first flag
/// puts the post in the queue and tells the forum's moderators; flags from
/// `CAMPUS_FORUM_FLAGS_TO_HIDE` different people hide it until a moderator reviews it.
enum FlagRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ForumPaths.flag, showFlag),
        Route("POST", ForumPaths.flag, flagPost),
    ]

    static let reasons = ["spam", "offensive", "off_topic", "other"]
    static let limit = RateLimit.perMinutes("forum_flags", limit: 20, minutes: 60)

    /// A visible post of someone else's, in a forum the reader may read.
    static func loadFlaggable(_ context: Context) throws -> (Post, Topic) {
        let (post, topic) = try PostRoutes.loadPost(context)
        guard post.authorID != context.user?.id else { throw HTTPError(.forbidden, reason: "forum.flag.own") }
        guard post.status == .visible else { throw HTTPError(.conflict, reason: "forum.flag.not_visible") }
        return (post, topic)
    }

    static func showFlag(_ context: Context) throws -> Response {
        let (post, topic) = try loadFlaggable(context)
        return context.page(context.t("forum.flag.title"), FlagPages.form(post, topic: topic, form: FormState(t: context.t), context: context), section: .forums)
    }

    /// `reason` = spam | offensive | off_topic | other; `note` (required with other).
    static func flagPost(_ context: Context) throws -> Response {
        let user = try context.requireVerified()
        let (post, topic) = try loadFlaggable(context)
        var form = FormState(t: context.t, form: context.form)
        let reason = context.form["reason"] ?? ""
        let note = context.form.trimmed("note") ?? ""
        if !reasons.contains(reason) { form.fail("reason", "forum.flag.error.reason") }
        if reason == "other", note.isEmpty { form.fail("note", "forum.flag.error.note") }
        if note.codePoints > ForumInput.reasonLimit || !ForumInput.isPrintable(note) { form.fail("note", "forum.error.reason_long", ["max": String(ForumInput.reasonLimit)]) }
        let page = { (status: Status) in context.page(context.t("forum.flag.title"), FlagPages.form(post, topic: topic, form: form, context: context), status: status, section: .forums) }
        guard form.isValid else { return page(.unprocessableContent) }
        if let wait = try RateLimiter.hit(try context.db, limit, key: String(user.id)) {
            form.refuseForNow(retryAfter: wait)
            return page(.tooManyRequests).retrying(after: wait)
        }
        let db = try context.db
        let recorded: Bool = try db.transaction {
            // The post's row lock makes concurrent flags count one after the other.
            try db.query("SELECT 1 FROM posts WHERE id = \(post.id) FOR UPDATE")
            guard try db.execute("""
                INSERT INTO flags (post_id, user_id, reason, note) VALUES (\(post.id), \(user.id), \(reason), \(note))
                ON CONFLICT (post_id, user_id) WHERE resolved_at IS NULL DO NOTHING
                """) == 1 else { return false }
            try afterFlag(context, post: post, topic: topic)
            return true
        }
        return context.redirect(ForumPaths.location(of: post), flash: recorded ? "flash.forum_flagged" : "flash.forum_flagged_already")
    }

    /// The first open flag queues the post and tells the moderators; enough of them hide it.
    static func afterFlag(_ context: Context, post: Post, topic: Topic) throws {
        let db = try context.db
        let open: Int = try db.query("SELECT count(*)::int8 AS n FROM flags WHERE post_id = \(post.id) AND resolved_at IS NULL").first?["n"] ?? 0
        let values = ["forum": topic.forum.title, "topic": topic.title]
        if open == 1 {
            try db.execute("UPDATE posts SET queued_at = coalesce(queued_at, now()) WHERE id = \(post.id)")
            try ForumNews.tellModerators(context, forum: topic.forum, message: "notice.forum.flagged", values: values)
        }
        guard open >= context.settings.forumFlagsToHide else { return }
        let hidden = try db.execute("""
            UPDATE posts SET status = 'hidden', hidden_cause = 'flags', moderation_reason = NULL, version = version + 1,
                   queued_at = coalesce(queued_at, now())
            WHERE id = \(post.id) AND status = 'visible'
            """)
        if hidden == 1 {
            try Notifier.notify(
                db, app: context.app, userID: post.authorID, kind: .forumModeration, message: "notice.forum.hidden_by_flags", values: values,
                link: ForumPaths.post.path(post.id))
        }
    }
}

enum FlagPages {
    static func form(_ post: Post, topic: Topic, form: FormState, context: Context) -> HTML {
        let t = context.t
        let chosen = form.values["reason"] ?? ""
        let options = FlagRoutes.reasons.map { reason -> HTML in
            "<label class=\"choice\"><input type=\"radio\" name=\"reason\" value=\"\(reason)\"\(attribute: "checked", when: chosen == reason)> \(t("forum.flag.reason.\(reason)"))</label>"
        }
        return """
        \(ForumFormat.breadcrumb(t, forum: topic.forum))
        <section class="narrow">
        <h1>\(t("forum.flag.title"))</h1>
        <p class="lead">\(t("forum.flag.lead"))</p>
        <blockquote class="post-quote"><p>\(PostPages.excerpt(post.body))</p></blockquote>
        \(form.summary)
        <form class="form" method="post" action="\(ForumPaths.flag.path(post.id))" novalidate>
        \(csrfField(context.chrome))
        <fieldset class="field"><legend>\(t("forum.flag.reason"))</legend>\(options)\(form.error("reason"))</fieldset>
        \(form.textarea("note", label: t("forum.flag.note"), rows: 3, maxLength: ForumInput.reasonLimit, hint: t("forum.flag.note_hint")))
        <p class="actions"><button type="submit" class="button">\(t("forum.flag.submit"))</button> \
        <a class="button secondary" href="\(ForumPaths.post.path(post.id))">\(t("form.cancel"))</a></p>
        </form>
        </section>
        """
    }
}
