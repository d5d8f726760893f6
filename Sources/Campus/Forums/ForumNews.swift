import Postgres
import Web

/// Who hears of what happens in the forums, always through the bulk notifier: each
/// audience is one SELECT, told in two statements however many people it names, and only
/// people who may read the forum are ever in it. Replies, prompts and followed activity
/// wait for the daily digest of those who chose one.
enum ForumNews {
    /// Readers who chose the daily digest get its news by email only then.
    static let notInDigest: SQL = "NOT EXISTS (SELECT 1 FROM forum_preferences fp WHERE fp.user_id = u.id AND fp.digest)"

    /// A new topic: its forum's followers hear of it; a reflection prompt reaches every
    /// participant of the edition. A topic waiting for approval reaches its moderators only.
    static func topicCreated(
        _ context: Context, forum: Forum, topicID: Int64, postID: Int64, title: String, author: (id: Int64, name: String), waits: Bool, prompt: PromptSettings
    ) throws {
        let db = try context.db
        let values = ["forum": forum.title, "topic": title, "author": author.name]
        let link = ForumPaths.post.path(postID)
        if waits { return try tellModerators(context, forum: forum, message: "notice.forum.waiting", values: values) }
        var told: SQL = "(SELECT \(author.id)::int8)"
        if prompt.sessionID != nil, let editionID = forum.editionID {
            let participants: SQL = "(\(Participation.participantsSQL(edition: "\(editionID)"))) EXCEPT \(told)"
            try Notifier.notifyAll(
                db, app: context.app, audience: participants, kind: .forumPrompt, message: "notice.forum.prompt", values: values,
                link: ForumPaths.topic.path(topicID), emailWhen: notInDigest)
            told = "(\(told) UNION (\(Participation.participantsSQL(edition: "\(editionID)"))))"
        }
        let followers: SQL = """
            (SELECT ff.user_id FROM forum_follows ff WHERE ff.forum_id = \(forum.id))
            INTERSECT \(ForumPolicy.readersSQL(forumID: forum.id, editionID: forum.editionID)) EXCEPT \(told)
            """
        try Notifier.notifyAll(
            db, app: context.app, audience: followers, kind: .forumActivity, message: "notice.forum.new_topic", values: values,
            link: link, emailWhen: notInDigest)
    }

    /// A post entering the thread: the author of the post it answers and the people it
    /// names hear of it, then the topic's and the forum's followers.
    static func postPublished(_ context: Context, topic: Topic, post: (id: Int64, authorID: Int64, authorName: String), replyToAuthor: Int64?, mentioned: [Int64]) throws {
        let db = try context.db
        let values = ["forum": topic.forum.title, "topic": topic.title, "author": post.authorName]
        let link = ForumPaths.post.path(post.id)
        let readers = ForumPolicy.readersSQL(forumID: topic.forum.id, editionID: topic.forum.editionID)
        var told: SQL = "(SELECT \(post.authorID)::int8)"
        if let replyToAuthor, replyToAuthor != post.authorID {
            try Notifier.notifyAll(
                db, app: context.app, audience: "(SELECT \(replyToAuthor)::int8) INTERSECT \(readers)", kind: .forumReply,
                message: "notice.forum.reply", values: values, link: link, emailWhen: notInDigest)
            told = "(\(told) UNION (SELECT \(replyToAuthor)::int8))"
        }
        let named = mentioned.filter { $0 != replyToAuthor && $0 != post.authorID }
        if !named.isEmpty {
            try Notifier.notifyAll(
                db, app: context.app, audience: "(SELECT unnest(\(named)::int8[])) INTERSECT \(readers)", kind: .forumReply,
                message: "notice.forum.mention", values: values, link: link, emailWhen: notInDigest)
            told = "(\(told) UNION (SELECT unnest(\(named)::int8[])))"
        }
        let followers: SQL = """
            (SELECT tf.user_id FROM topic_follows tf WHERE tf.topic_id = \(topic.id) AND tf.following
             UNION SELECT ff.user_id FROM forum_follows ff WHERE ff.forum_id = \(topic.forum.id)
                   AND NOT EXISTS (SELECT 1 FROM topic_follows mute WHERE mute.topic_id = \(topic.id) AND mute.user_id = ff.user_id AND NOT mute.following))
            INTERSECT \(readers) EXCEPT \(told)
            """
        try Notifier.notifyAll(
            db, app: context.app, audience: followers, kind: .forumActivity, message: "notice.forum.new_post", values: values,
            link: link, emailWhen: notInDigest)
    }

    /// A post waiting for approval, flagged, or asking for another review: the forum's
    /// moderators (and global ones) hear of it at once.
    static func tellModerators(_ context: Context, forum: Forum, message: String, values: [String: String]) throws {
        try Notifier.notifyAll(
            try context.db, app: context.app, audience: ForumPolicy.moderatorsSQL(forumID: forum.id), kind: .forumReview,
            message: message, values: values, link: ForumPaths.moderation.path())
    }

    /// A moderator's action on someone's post or topic, with the reason.
    static func tellAuthor(_ context: Context, authorID: Int64, message: String, values: [String: String], reason: String, link: String) throws {
        guard authorID != context.user?.id else { return }
        try Notifier.notify(
            try context.db, app: context.app, userID: authorID, kind: .forumModeration, message: message, values: values, note: reason, link: link)
    }
}
