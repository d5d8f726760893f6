import Foundation
import Postgres
import Web

/// The moderation queue and what moderators do to posts: hide, restore, and the queue's
/// decisions (agree, disagree, defer; approve or reject a post waiting for approval).
/// Each takes a reason (422 without one; approving and deferring need none), is written to
/// the audit log and tells the post's author.
enum ModerationRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ForumPaths.moderation, showQueue),
        Route("GET", ForumPaths.postModerate, showPost),
        Route("POST", ForumPaths.hide, hidePost),
        Route("POST", ForumPaths.restore, restorePost),
        Route("POST", ForumPaths.review, reviewPost),
    ]

    static let pageSize = 20

    /// Anyone holding a moderator grant (of any forum) and admins; others 403.
    static func requireModerator(_ context: Context) throws -> CurrentUser {
        let user = try context.requireUser()
        guard user.holds(.moderator) else { throw HTTPError(.forbidden) }
        return user
    }

    /// Flagged posts, posts waiting for approval and hidden posts asking for another review
    /// in the forums the reader moderates, oldest first, with their context.
    static func showQueue(_ context: Context) throws -> Response {
        let user = try requireModerator(context)
        let after = try ForumInput.id(try context.query(), "after")
        let items = try QueueQueries.fetchQueue(try context.db, reader: user, after: after, limit: pageSize + 1)
        let page = Array(items.prefix(pageSize))
        let next = items.count > pageSize ? page.last.map { ForumPaths.moderation.path() + "?after=\($0.post.id)" } : nil
        return context.page(context.t("forum.queue.title"), ModerationPages.queue(page, next: next, context: context), section: .forums)
    }

    /// A post the reader moderates: 404 when they may not read it, 403 when they may but
    /// do not moderate its forum.
    static func loadModerated(_ context: Context) throws -> (Post, Topic) {
        let (post, topic) = try PostRoutes.loadPost(context)
        guard ForumPolicy.canModerate(context.user, forumID: topic.forum.id) else { throw HTTPError(.forbidden) }
        return (post, topic)
    }

    static func showPost(_ context: Context) throws -> Response {
        let (post, topic) = try loadModerated(context)
        return try postPage(context, post: post, topic: topic, form: FormState(t: context.t))
    }

    static func postPage(_ context: Context, post: Post, topic: Topic, form: FormState, status: Status = .ok) throws -> Response {
        guard let item = try QueueQueries.fetchItem(try context.db, postID: post.id, reader: context.user) else { throw HTTPError(.notFound) }
        let failed = status == .ok ? nil : context.request.rawPath.split(separator: "/").last.map(String.init)
        let entry = ModerationPages.QueueEntry(item: item, form: form, failed: failed, returnTo: Paths.localPath(context.form["next"], fallback: ForumPaths.postModerate.path(post.id)))
        return context.page(context.t("forum.moderate.post_title"), ModerationPages.post(entry, context: context), status: status, section: .forums)
    }

    /// The version the moderator's form saw: a form without it is malformed.
    static func version(_ context: Context) throws -> Int {
        guard let text = context.form["version"], let version = Int(text), version > 0 else { throw HTTPError(.badRequest, reason: "forum.moderate.no_version") }
        return version
    }

    /// The reason, or the post's page again with 422.
    static func reason(_ context: Context, post: Post, topic: Topic, required: Bool = true) throws -> (String?, Response?) {
        var form = FormState(t: context.t, form: context.form)
        let reason = ForumInput.reason(context.form, &form)
        if !required, reason.isEmpty { return (nil, nil) }
        guard form.isValid else { return (nil, try postPage(context, post: post, topic: topic, form: form, status: .unprocessableContent)) }
        return (reason, nil)
    }

    static func hidePost(_ context: Context) throws -> Response {
        let (post, topic) = try loadModerated(context)
        let (reason, refused) = try reason(context, post: post, topic: topic)
        if let refused { return refused }
        let version = try version(context)
        return try ModerationActions.hide(context, post: post, topic: topic, version: version, reason: reason ?? "")
    }

    static func restorePost(_ context: Context) throws -> Response {
        let (post, topic) = try loadModerated(context)
        let (reason, refused) = try reason(context, post: post, topic: topic)
        if let refused { return refused }
        let version = try version(context)
        return try ModerationActions.restore(context, post: post, topic: topic, version: version, reason: reason ?? "")
    }

    /// `decision` = agree | disagree | defer, or approve | reject for a post waiting for
    /// approval; `reason` (not for defer, optional for approve); `version`.
    static func reviewPost(_ context: Context) throws -> Response {
        let (post, topic) = try loadModerated(context)
        let decision = context.form["decision"] ?? ""
        let allowed = post.status == .pending ? ["approve", "reject", "defer"] : ["agree", "disagree", "defer"]
        guard allowed.contains(decision) else { throw HTTPError(.unprocessableContent, reason: "forum.moderate.choose") }
        let (reason, refused) = try reason(context, post: post, topic: topic, required: decision != "defer" && decision != "approve")
        if let refused { return refused }
        let version = try version(context)
        switch decision {
        case "agree": return try ModerationActions.hide(context, post: post, topic: topic, version: version, reason: reason ?? "")
        case "disagree" where post.status == .hidden: return try ModerationActions.restore(context, post: post, topic: topic, version: version, reason: reason ?? "")
        case "disagree": return try ModerationActions.clearFlags(context, post: post, topic: topic, version: version, reason: reason ?? "")
        case "approve": return try ModerationActions.approve(context, post: post, topic: topic, version: version, reason: reason)
        case "reject": return try ModerationActions.reject(context, post: post, topic: topic, version: version, reason: reason ?? "")
        default: return try ModerationActions.defer_(context, post: post, version: version)
        }
    }
}
