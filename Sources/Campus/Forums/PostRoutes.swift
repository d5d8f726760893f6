import Foundation
import Postgres
import Web

/// One post: its permalink, editing (with revisions kept), deleting one's own, asking for
/// another review of a hidden post, and the revisions for moderators.
enum PostRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ForumPaths.post, openPost),
        Route("GET", ForumPaths.edit, showEdit),
        Route("POST", ForumPaths.edit, editPost),
        Route("GET", ForumPaths.delete, confirmDelete),
        Route("POST", ForumPaths.delete, deletePost),
        Route("GET", ForumPaths.revisions, showRevisions),
        Route("POST", ForumPaths.requestReview, requestReview),
    ]

    /// The post named in the path and its topic, if the reader may open it: the forum's
    /// policy and the post's (a post waiting for approval is its author's and the
    /// moderators'). 404 otherwise.
    static func loadPost(_ context: Context) throws -> (Post, Topic) {
        let user = try context.requireUser()
        guard let post = try PostQueries.fetchPost(try context.db, id: try context.parameters.id("id")) else {
            throw HTTPError(.notFound, reason: "forum.post.not_found")
        }
        let topic = try TopicRoutes.loadTopic(context, id: post.topicID)
        let moderates = ForumPolicy.canModerate(user, forumID: topic.forum.id)
        guard PostPolicy.canOpen(user, status: post.status, authorID: post.authorID, moderates: moderates) else {
            throw HTTPError(.notFound, reason: "forum.post.not_found")
        }
        return (post, topic)
    }

    /// The permalink: the topic's page holding the post, at the post.
    static func openPost(_ context: Context) throws -> Response {
        let (post, topic) = try loadPost(context)
        return .redirect(to: ForumPaths.postLocation(topicID: topic.id, postID: post.id, position: post.position))
    }

    /// The author's own post, still theirs to change: 403 for anyone else, 409 once deleted
    /// or turned down, or in a locked topic (a hidden post may still be mended there).
    static func loadOwnPost(_ context: Context) throws -> (Post, Topic) {
        let (post, topic) = try loadPost(context)
        guard post.authorID == context.user?.id else { throw HTTPError(.forbidden, reason: "forum.post.not_yours") }
        guard post.status != .deleted, post.status != .rejected else { throw HTTPError(.conflict, reason: "forum.post.gone") }
        guard !topic.isLocked || post.status == .hidden || ForumPolicy.canModerate(context.user, forumID: topic.forum.id) else {
            throw HTTPError(.conflict, reason: "forum.locked")
        }
        return (post, topic)
    }

    static func showEdit(_ context: Context) throws -> Response {
        let (post, topic) = try loadOwnPost(context)
        var form = FormState(t: context.t)
        form.values["body"] = post.body
        let opening = try PostQueries.isOpening(try context.db, post: post)
        if opening { form.values["title"] = topic.title }
        return context.page(context.t("forum.edit.title"), PostPages.edit(post, topic: topic, form: form, opening: opening, context: context), section: .forums)
    }

    /// `body`, and `title` for a topic's opening post.
    static func editPost(_ context: Context) throws -> Response {
        let (post, topic) = try loadOwnPost(context)
        let user = try context.requireUser()
        var form = FormState(t: context.t, form: context.form)
        let body = ForumInput.body(context.form, &form)
        let title = try PostQueries.isOpening(try context.db, post: post) ? ForumInput.title(context.form, &form) : nil
        guard form.isValid else {
            let body = PostPages.edit(post, topic: topic, form: form, opening: title != nil, context: context)
            return context.invalid(context.t("forum.edit.title"), body, section: .forums)
        }
        let newTitle = title.flatMap { $0 == topic.title ? nil : (old: topic.title, new: $0) }
        guard body != post.body || newTitle != nil else { return context.redirect(ForumPaths.location(of: post)) }
        let db = try context.db
        let edited: Bool = try db.transaction { try TopicWriting.edit(db, post: post, editor: user.id, body: body, title: newTitle) }
        guard edited else {
            throw HTTPError(.conflict, reason: "forum.post.changed")
        }
        return context.redirect(ForumPaths.location(of: post), flash: "flash.forum_post_edited")
    }

    static func confirmDelete(_ context: Context) throws -> Response {
        let (post, topic) = try loadOwnPost(context)
        return context.page(context.t("forum.delete.title"), PostPages.confirmDelete(post, topic: topic, context: context), section: .forums)
    }

    /// Needs `confirm=yes`, which only the confirmation page sends.
    static func deletePost(_ context: Context) throws -> Response {
        let (post, topic) = try loadOwnPost(context)
        guard context.form["confirm"] == "yes" else { return .redirect(to: ForumPaths.delete.path(post.id)) }
        guard try TopicWriting.deleteOwn(try context.db, postID: post.id, authorID: post.authorID) else {
            throw HTTPError(.conflict, reason: "forum.post.gone")
        }
        return context.redirect(ForumPaths.postLocation(topicID: topic.id, postID: post.id, position: post.position), flash: "flash.forum_post_deleted")
    }

    /// Earlier texts of a post, newest first: for the forum's moderators.
    static func showRevisions(_ context: Context) throws -> Response {
        let (post, topic) = try loadPost(context)
        guard ForumPolicy.canModerate(context.user, forumID: topic.forum.id) else { throw HTTPError(.forbidden) }
        let revisions = try PostQueries.fetchRevisions(try context.db, postID: post.id)
        return context.page(
            context.t("forum.revisions.title"), PostPages.revisions(post, topic: topic, revisions: revisions, context: context), section: .forums)
    }

    /// The author of a hidden post, having mended it, asks the moderators to look again.
    static func requestReview(_ context: Context) throws -> Response {
        let (post, topic) = try loadPost(context)
        guard post.authorID == context.user?.id else { throw HTTPError(.forbidden, reason: "forum.post.not_yours") }
        guard post.status == .hidden else { throw HTTPError(.conflict, reason: "forum.review.not_hidden") }
        let db = try context.db
        let asked: Bool = try db.transaction {
            guard try db.execute("""
                UPDATE posts SET review_requested_at = now(), queued_at = coalesce(queued_at, now())
                WHERE id = \(post.id) AND status = 'hidden' AND review_requested_at IS NULL
                """) == 1 else { return false }
            try ForumNews.tellModerators(context, forum: topic.forum, message: "notice.forum.review_requested", values: ["forum": topic.forum.title, "topic": topic.title])
            return true
        }
        return context.redirect(ForumPaths.location(of: post), flash: asked ? "flash.forum_review_requested" : "flash.forum_review_already")
    }
}
