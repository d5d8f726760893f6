import Foundation
import Postgres
import Web

/// A topic's pages, replying (with a quote, by reference), and following it.
enum TopicRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ForumPaths.topic, showTopic),
        Route("POST", ForumPaths.posts, createPost),
        Route("GET", ForumPaths.reply, showReply),
        Route("POST", ForumPaths.followTopic, followTopic),
        Route("POST", ForumPaths.followForum, followForum),
    ]

    /// The topic named in the path if the reader may read it: its forum's policy, and a
    /// topic whose opening post waits for approval only for its author and moderators.
    static func loadTopic(_ context: Context, id: Int64? = nil) throws -> Topic {
        let user = try context.requireUser()
        return try checkedTopic(try ForumQueries.fetchTopic(try context.db, id: try id ?? context.parameters.id("id"), reader: user), reader: user)
    }

    /// The topic, if there is one and the reader may read it; else not found.
    static func checkedTopic(_ topic: Topic?, reader user: CurrentUser) throws -> Topic {
        guard let topic, ForumPolicy.canRead(user, topic.forum.access),
            topic.postCount > 0 || topic.authorID == user.id || ForumPolicy.canModerate(user, forumID: topic.forum.id)
        else { throw HTTPError(.notFound, reason: "forum.topic.not_found") }
        return topic
    }

    /// `page` (1 by default); a page past the last is not found.
    static func pageNumber(_ context: Context, topic: Topic) throws -> Int {
        let page = try requestedPage(context)
        guard page <= ForumPaging.pageCount(posts: topic.postCount) else { throw HTTPError(.notFound, reason: "forum.page.not_found") }
        return page
    }

    static func requestedPage(_ context: Context) throws -> Int {
        guard let text = try context.query()["page"] else { return 1 }
        guard text.utf8.count <= 6, let page = Int(text), page >= 1 else { throw HTTPError(.badRequest, reason: "error.400.page") }
        return page
    }

    /// The topic and the posts of the page asked for, sent together (one round trip). The
    /// posts are read before the topic says whether the reader may see them: they are
    /// only used once it has, and only when they are the ones the page shows (no prompt
    /// waiting for the reader's own reflection, no posts of theirs waiting); otherwise
    /// the page asks again for what it shows.
    static func showTopic(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.id("id")
        let requested = try requestedPage(context)
        let positions = PostQueries.positions(page: requested)
        let answers = try context.db.queryAll([
            ForumQueries.topicSQL(id: id, reader: user),
            PostQueries.threadSQL(topicID: id, positions: positions, waitingOf: nil),
        ])
        let topic = try checkedTopic(try ForumQueries.readTopic(answers[0], reader: user), reader: user)
        let page = try pageNumber(context, topic: topic)
        return try render(context, topic: topic, page: page, form: FormState(t: context.t),
                          thread: (positions, try PostQueries.readThread(answers[1], positions: positions)))
    }

    /// The topic's page; `form` is the reply form at its foot (kept when refused). `thread`
    /// is a page of posts already read (with no waiting posts), used when it is this page's.
    static func render(
        _ context: Context, topic: Topic, page: Int, form: FormState, status: Status = .ok, retryAfter: Int? = nil,
        thread read: (positions: ClosedRange<Int>, posts: (posts: [Post], waiting: [Post]))? = nil
    ) throws -> Response {
        let user = try context.requireUser()
        let db = try context.db
        let moderates = ForumPolicy.canModerate(user, forumID: topic.forum.id)
        let seesOthers = PostPolicy.seesOthers(
            user, replyFirst: topic.replyFirst, answered: topic.readerAnswered, moderates: moderates, editionID: topic.forum.editionID)
        let positions = seesOthers ? PostQueries.positions(page: page) : 1...1
        let waitingOf = topic.reader?.hasWaiting == false ? nil : user.id
        let thread = try read.flatMap { $0.positions == positions && waitingOf == nil ? $0.posts : nil }
            ?? PostQueries.fetchThread(db, topicID: topic.id, positions: positions, waitingOf: waitingOf)
        let view = TopicView(
            topic: topic, page: page, pages: ForumPaging.pageCount(posts: topic.postCount),
            posts: thread.posts, waiting: thread.waiting, seesOthers: seesOthers, moderates: moderates,
            standing: try PostingRules.standing(db, reader: user, forum: topic.forum, topic: topic),
            following: topic.reader?.follows ?? false, form: form)
        let response = context.page(topic.title, TopicPages.topic(view, context: context), status: status, section: .forums)
        return retryAfter.map { response.retrying(after: $0) } ?? response
    }

    /// A reply quoting post `{id}`: the quoted post and the form.
    static func showReply(_ context: Context) throws -> Response {
        let (post, topic) = try PostRoutes.loadPost(context)
        guard post.status == .visible else { throw HTTPError(.conflict, reason: "forum.reply.removed") }
        var form = FormState(t: context.t)
        form.values["reply_to"] = String(post.id)
        return try replyPage(context, topic: topic, quoted: post, form: form)
    }

    static func replyPage(_ context: Context, topic: Topic, quoted: Post?, form: FormState, status: Status = .ok, retryAfter: Int? = nil) throws -> Response {
        let standing = try PostingRules.standing(try context.db, reader: try context.requireUser(), forum: topic.forum, topic: topic)
        let body = TopicPages.replyPage(topic, quoted: quoted, form: form, standing: standing, context: context)
        let response = context.page(context.t("forum.reply.title", ["topic": topic.title]), body, status: status, section: .forums)
        return retryAfter.map { response.retrying(after: $0) } ?? response
    }

    /// `body`, and `reply_to` (a post of this topic in its thread) for a quoted reply.
    static func createPost(_ context: Context) throws -> Response {
        let topic = try loadTopic(context)
        try PostingRules.requireAllowed(context, forum: topic.forum, topic: topic)
        // Replies wait until the topic itself is approved: its opening post takes place 1.
        guard topic.postCount > 0 else { throw HTTPError(.conflict, reason: "forum.topic.waiting") }
        let user = try context.requireUser()
        let db = try context.db
        var form = FormState(t: context.t, form: context.form)
        let body = ForumInput.body(context.form, &form)
        let quoted = try quotedPost(context, topic: topic)
        guard form.isValid else { return try replyPage(context, topic: topic, quoted: quoted, form: form, status: .unprocessableContent) }
        if let resent = try PostQueries.fetchResent(db, topicID: topic.id, authorID: user.id, body: body, replyTo: quoted?.id) {
            return context.redirect(ForumPaths.postLocation(topicID: topic.id, postID: resent.id, position: resent.position))
        }
        if let wait = try ForumLimits.hitPostLimit(context) ?? ForumLimits.hitSlowMode(context, topic: topic) {
            form.refuseForNow(retryAfter: wait)
            return try replyPage(context, topic: topic, quoted: quoted, form: form, status: .tooManyRequests, retryAfter: wait)
        }
        let waits = try !PostingRules.isStaff(user, forum: topic.forum)
            && PostQueries.needsApproval(db, authorID: user.id, forumID: topic.forum.id, needed: topic.forum.premoderation)
        let created = try db.transaction {
            let created = try TopicWriting.createReply(db, topic: topic, author: user, body: body, replyTo: quoted?.id, waits: waits)
            if waits {
                try ForumNews.tellModerators(context, forum: topic.forum, message: "notice.forum.waiting", values: ["forum": topic.forum.title, "topic": topic.title])
            } else {
                let mentioned = try db.query("SELECT user_id FROM post_mentions WHERE post_id = \(created.postID)").map { try $0["user_id"] as Int64 }
                try ForumNews.postPublished(
                    context, topic: topic, post: (created.postID, user.id, user.name), replyToAuthor: quoted?.authorID, mentioned: mentioned)
            }
            return created
        }
        return context.redirect(
            ForumPaths.postLocation(topicID: topic.id, postID: created.postID, position: created.position),
            flash: waits ? "flash.forum_post_waiting" : nil)
    }

    /// The post a reply quotes: one of this topic's, in its thread and not removed.
    static func quotedPost(_ context: Context, topic: Topic) throws -> Post? {
        guard let id = try ForumInput.id(context.form, "reply_to") else { return nil }
        guard let post = try PostQueries.fetchPost(try context.db, id: id), post.topicID == topic.id, post.status == .visible else {
            throw HTTPError(.unprocessableContent, reason: "forum.reply.removed")
        }
        return post
    }

    /// `follow` = 1 to follow the topic, 0 to stop (a muted topic stays muted when one writes in it again).
    static func followTopic(_ context: Context) throws -> Response {
        let topic = try loadTopic(context)
        let user = try context.requireUser()
        let following = context.form["follow"] == "1"
        try FollowQueries.setTopic(try context.db, userID: user.id, topicID: topic.id, following: following)
        return context.redirect(ForumPaths.topic.path(topic.id), flash: following ? "flash.forum_following" : "flash.forum_not_following")
    }

    static func followForum(_ context: Context) throws -> Response {
        let forum = try ForumRoutes.loadForum(context)
        let user = try context.requireUser()
        let following = context.form["follow"] == "1"
        try FollowQueries.setForum(try context.db, userID: user.id, forumID: forum.id, following: following)
        return context.redirect(ForumPaths.forum.path(forum.id), flash: following ? "flash.forum_following" : "flash.forum_not_following")
    }
}

/// What a topic's page shows to one reader.
struct TopicView {
    let topic: Topic
    let page: Int
    let pages: Int
    let posts: [Post]
    /// The reader's own posts waiting for approval or turned down.
    let waiting: [Post]
    /// False while a prompt waits for the reader's own reflection.
    let seesOthers: Bool
    let moderates: Bool
    let standing: WriteStanding
    let following: Bool
    let form: FormState
}
