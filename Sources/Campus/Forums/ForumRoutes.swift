import Foundation
import Postgres
import Web

/// The forum index, a forum's topics, and starting a topic.
enum ForumRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ForumPaths.forums, listForums),
        Route("GET", ForumPaths.forum, showForum),
        Route("GET", ForumPaths.newTopic, newTopic),
        Route("POST", ForumPaths.topics, createTopic),
    ]

    static func listForums(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let forums = try ForumQueries.fetchForums(try context.db, reader: user)
        return context.page(context.t("forum.index.title"), ForumPages.index(forums, context: context), section: .forums)
    }

    /// The forum named in the path if the reader may read it; 404 otherwise, as for one
    /// that does not exist.
    static func loadForum(_ context: Context) throws -> Forum {
        let user = try context.requireUser()
        guard let forum = try ForumQueries.fetchForum(try context.db, id: try context.parameters.id("id"), reader: user),
            ForumPolicy.canRead(user, forum.access)
        else { throw HTTPError(.notFound, reason: "forum.not_found") }
        return forum
    }

    static func showForum(_ context: Context) throws -> Response {
        let forum = try loadForum(context)
        let user = try context.requireUser()
        let db = try context.db
        let after = try ForumInput.id(try context.query(), "after")
        let topics = try ForumQueries.fetchTopics(db, forum: forum, reader: user, after: after)
        let page = Array(topics.prefix(ForumPaging.topicsPerPage))
        let next = topics.count > page.count ? page.last.map { ForumPaths.forum.path(forum.id) + "?after=\($0.id)" } : nil
        let view = ForumView(
            forum: forum, topics: page, next: next, standing: try PostingRules.standing(db, reader: user, forum: forum, topic: nil),
            following: try FollowQueries.followsForum(db, userID: user.id, forumID: forum.id))
        return context.page(forum.title, ForumPages.forum(view, context: context), section: .forums)
    }

    static func newTopic(_ context: Context) throws -> Response {
        let forum = try loadForum(context)
        let user = try context.requireUser()
        let standing = try PostingRules.standing(try context.db, reader: user, forum: forum, topic: nil)
        return try topicForm(context, forum: forum, form: FormState(t: context.t), standing: standing)
    }

    static func topicForm(_ context: Context, forum: Forum, form: FormState, standing: WriteStanding, status: Status = .ok, retryAfter: Int? = nil) throws -> Response {
        let sessions = try promptSessions(context, forum: forum)
        let body = ForumPages.newTopic(forum, form: form, sessions: sessions, standing: standing, context: context)
        let response = context.page(context.t("forum.new_topic.title"), body, status: status, section: .forums)
        return retryAfter.map { response.retrying(after: $0) } ?? response
    }

    /// The edition's sessions, for its teaching team to make the topic a reflection prompt.
    static func promptSessions(_ context: Context, forum: Forum) throws -> [EditionSession] {
        guard let editionID = forum.editionID, context.user?.teaches(editionID) == true || context.user?.isAdmin == true else { return [] }
        return try EnrollmentQueries.fetchSessions(try context.db, editionID: editionID)
    }

    /// `title`, `body`; for the edition's teaching team also `session_id`, `reply_first`
    /// and `answer_by` (local date and time in the writer's zone) to make it a prompt.
    static func createTopic(_ context: Context) throws -> Response {
        let forum = try loadForum(context)
        try PostingRules.requireAllowed(context, forum: forum, topic: nil)
        let user = try context.requireUser()
        let db = try context.db
        var form = FormState(t: context.t, form: context.form)
        let title = ForumInput.title(context.form, &form)
        let body = ForumInput.body(context.form, &form)
        let prompt = try PromptInput.read(context, forum: forum, form: &form)
        guard form.isValid else {
            return try topicForm(context, forum: forum, form: form, standing: .allowed, status: .unprocessableContent)
        }
        if let wait = try ForumLimits.hitPostLimit(context) {
            form.refuseForNow(retryAfter: wait)
            return try topicForm(context, forum: forum, form: form, standing: .allowed, status: .tooManyRequests, retryAfter: wait)
        }
        let waits = try !PostingRules.isStaff(user, forum: forum)
            && PostQueries.needsApproval(db, authorID: user.id, forumID: forum.id, needed: forum.premoderation)
        let created = try db.transaction {
            let created = try TopicWriting.createTopic(
                db, forum: forum, author: user, title: title, body: body, prompt: prompt, waits: waits)
            try ForumNews.topicCreated(
                context, forum: forum, topicID: created.topicID, postID: created.postID, title: title, author: (user.id, user.name), waits: waits, prompt: prompt)
            return created
        }
        return context.redirect(ForumPaths.topic.path(created.topicID), flash: waits ? "flash.forum_post_waiting" : "flash.forum_topic_created")
    }
}

/// What a forum's page shows.
struct ForumView {
    let forum: Forum
    let topics: [TopicListing]
    let next: String?
    let standing: WriteStanding
    let following: Bool
}
