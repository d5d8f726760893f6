import Foundation
import Postgres
import Web

/// What moderators do to topics — lock and unlock, pin and unpin, move, slow mode — each
/// with a required reason, audited, and told to the topic's author; and the teaching team
/// setting a topic as a session's reflection prompt.
enum TopicModerationRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ForumPaths.topicModerate, showTopic),
        Route("POST", ForumPaths.lock, { try change($0, .lock) }),
        Route("POST", ForumPaths.unlock, { try change($0, .unlock) }),
        Route("POST", ForumPaths.pin, { try change($0, .pin) }),
        Route("POST", ForumPaths.unpin, { try change($0, .unpin) }),
        Route("POST", ForumPaths.move, moveTopic),
        Route("POST", ForumPaths.slowMode, setSlowMode),
        Route("POST", ForumPaths.prompt, setPrompt),
    ]

    /// Slow-mode waits a moderator may choose, in seconds (0 lifts it).
    static let slowModeChoices = [0, 30, 60, 300, 900, 3600, 86400]

    enum Change: String {
        case lock, unlock, pin, unpin

        var action: (action: String, notice: String, flash: String, set: SQL, when: SQL) {
            switch self {
            case .lock: (action: "topic.lock", notice: "notice.forum.locked", flash: "flash.forum_locked", set: "locked_at = now()", when: "locked_at IS NULL")
            case .unlock: (action: "topic.unlock", notice: "notice.forum.unlocked", flash: "flash.forum_unlocked", set: "locked_at = NULL", when: "locked_at IS NOT NULL")
            case .pin: (action: "topic.pin", notice: "notice.forum.pinned", flash: "flash.forum_pinned", set: "pinned_at = now()", when: "pinned_at IS NULL")
            case .unpin: (action: "topic.unpin", notice: "notice.forum.unpinned", flash: "flash.forum_unpinned", set: "pinned_at = NULL", when: "pinned_at IS NOT NULL")
            }
        }
    }

    /// A topic the reader moderates (404 if they may not read it, 403 if they do not moderate it).
    static func loadModerated(_ context: Context, orTeaching: Bool = false) throws -> Topic {
        let topic = try TopicRoutes.loadTopic(context)
        let teaches = orTeaching && PromptInput.mayMakePrompts(context.user, forum: topic.forum)
        guard ForumPolicy.canModerate(context.user, forumID: topic.forum.id) || teaches else { throw HTTPError(.forbidden) }
        return topic
    }

    static func showTopic(_ context: Context) throws -> Response {
        let topic = try loadModerated(context, orTeaching: true)
        return try page(context, topic: topic, form: FormState(t: context.t), failed: nil)
    }

    static func page(_ context: Context, topic: Topic, form: FormState, failed: String?, status: Status = .ok) throws -> Response {
        let moderates = ForumPolicy.canModerate(context.user, forumID: topic.forum.id)
        let targets = moderates && topic.forum.editionID == nil ? try fetchMoveTargets(context, topic: topic) : []
        let sessions = try ForumRoutes.promptSessions(context, forum: topic.forum)
        let body = TopicModerationPages.page(
            TopicModerationPages.View(topic: topic, form: form, failed: failed, moderates: moderates, targets: targets, sessions: sessions), context: context)
        return context.page(context.t("forum.moderate.topic"), body, status: status, section: .forums)
    }

    /// Open forums the reader moderates, other than the topic's: the only places a topic of
    /// an open forum may go (an edition's forum has one audience, its own).
    static func fetchMoveTargets(_ context: Context, topic: Topic) throws -> [(id: Int64, title: String)] {
        try context.db.query("""
            SELECT f.id, f.title FROM forums f
            WHERE f.edition_id IS NULL AND f.id <> \(topic.forum.id) AND \(ForumPolicy.moderatedSQL(context.user))
            ORDER BY lower(f.title), f.id
            """).map { (id: try $0["id"], title: try $0["title"]) }
    }

    /// The reason, or the page again with 422 and the failed form's message.
    static func reason(_ context: Context, topic: Topic, action: String) throws -> Result<String, ReasonMissing> {
        var form = FormState(t: context.t, form: context.form)
        let reason = ForumInput.reason(context.form, &form)
        guard form.isValid else { return .failure(ReasonMissing(response: try page(context, topic: topic, form: form, failed: action, status: .unprocessableContent))) }
        return .success(reason)
    }

    struct ReasonMissing: Error {
        let response: Response
    }

    static func details(_ topic: Topic, reason: String) -> [String: String] {
        ["user": String(topic.authorID), "topic": topic.title, "forum": topic.forum.title, "reason": reason]
    }

    static func change(_ context: Context, _ change: Change) throws -> Response {
        let topic = try loadModerated(context)
        let reason: String
        switch try self.reason(context, topic: topic, action: change.rawValue) {
        case .failure(let missing): return missing.response
        case .success(let text): reason = text
        }
        let action = change.action
        let db = try context.db
        try db.transaction {
            guard try db.execute("UPDATE forum_topics SET \(action.set) WHERE id = \(topic.id) AND \(action.when)") == 1 else {
                throw HTTPError(.conflict, reason: "forum.moderate.already")
            }
            try context.audit(action.action, "topic", topic.id, details(topic, reason: reason))
            try ForumNews.tellAuthor(context, authorID: topic.authorID, message: action.notice, values: ModerationActions.values(topic), reason: reason, link: ForumPaths.topic.path(topic.id))
        }
        return context.redirect(ForumPaths.topic.path(topic.id), flash: action.flash)
    }

    /// `forum_id` (another open forum the reader moderates) and `reason`. A topic of an
    /// edition's forum never moves: its participants wrote for that audience alone.
    static func moveTopic(_ context: Context) throws -> Response {
        let topic = try loadModerated(context)
        guard topic.forum.editionID == nil else { throw HTTPError(.conflict, reason: "forum.move.private") }
        let target = try ForumInput.id(context.form, "forum_id")
        guard let target, let destination = try fetchMoveTargets(context, topic: topic).first(where: { $0.id == target }) else {
            throw HTTPError(.conflict, reason: "forum.move.target")
        }
        let reason: String
        switch try self.reason(context, topic: topic, action: "move") {
        case .failure(let missing): return missing.response
        case .success(let text): reason = text
        }
        let db = try context.db
        try db.transaction {
            guard try db.execute("UPDATE forum_topics SET forum_id = \(target) WHERE id = \(topic.id) AND forum_id = \(topic.forum.id)") == 1 else {
                throw HTTPError(.conflict, reason: "forum.moderate.already")
            }
            var details = details(topic, reason: reason)
            details["to_forum"] = destination.title
            try context.audit("topic.move", "topic", topic.id, details)
            var values = ModerationActions.values(topic)
            values["to"] = destination.title
            try ForumNews.tellAuthor(context, authorID: topic.authorID, message: "notice.forum.moved", values: values, reason: reason, link: ForumPaths.topic.path(topic.id))
        }
        return context.redirect(ForumPaths.topic.path(topic.id), flash: "flash.forum_moved")
    }

    /// `seconds` (one of the choices; 0 lifts slow mode) and `reason`.
    static func setSlowMode(_ context: Context) throws -> Response {
        let topic = try loadModerated(context)
        guard let seconds = context.form["seconds"].flatMap(Int.init), slowModeChoices.contains(seconds) else {
            throw HTTPError(.unprocessableContent, reason: "forum.slow_mode.choose")
        }
        let reason: String
        switch try self.reason(context, topic: topic, action: "slow") {
        case .failure(let missing): return missing.response
        case .success(let text): reason = text
        }
        let db = try context.db
        try db.transaction {
            let value: Int? = seconds == 0 ? nil : seconds
            try db.execute("UPDATE forum_topics SET slow_mode_seconds = \(value) WHERE id = \(topic.id)")
            var details = details(topic, reason: reason)
            details["seconds"] = String(seconds)
            if seconds == 0 {
                try context.audit("topic.slow_mode_off", "topic", topic.id, details)
            } else {
                try context.audit("topic.slow_mode", "topic", topic.id, details)
            }
            var values = ModerationActions.values(topic)
            values["wait"] = ModerationPages.shortDuration(seconds)
            try ForumNews.tellAuthor(
                context, authorID: topic.authorID, message: seconds == 0 ? "notice.forum.slow_mode_off" : "notice.forum.slow_mode",
                values: values, reason: reason, link: ForumPaths.topic.path(topic.id))
        }
        return context.redirect(ForumPaths.topic.path(topic.id), flash: seconds == 0 ? "flash.forum_slow_mode_off" : "flash.forum_slow_mode")
    }

    /// The teaching team's: `session_id` (empty: no longer a prompt), `reply_first`, `answer_by`.
    static func setPrompt(_ context: Context) throws -> Response {
        let topic = try loadModerated(context, orTeaching: true)
        guard PromptInput.mayMakePrompts(context.user, forum: topic.forum) else { throw HTTPError(.forbidden) }
        var form = FormState(t: context.t, form: context.form)
        var prompt = try PromptInput.read(context, forum: topic.forum, form: &form, keeping: topic.sessionID)
        if prompt.sessionID == nil { prompt = .none }
        guard form.isValid else { return try page(context, topic: topic, form: form, failed: "prompt", status: .unprocessableContent) }
        let db = try context.db
        try db.transaction {
            try db.execute("""
                UPDATE forum_topics SET session_id = \(prompt.sessionID), reply_first = \(prompt.replyFirst), answer_by = \(prompt.answerBy)
                WHERE id = \(topic.id)
                """)
            try context.audit("topic.prompt", "topic", topic.id, [
                "user": String(topic.authorID), "topic": topic.title, "forum": topic.forum.title,
                "session": prompt.sessionID.map(String.init) ?? "",
            ])
        }
        return context.redirect(ForumPaths.topic.path(topic.id), flash: "flash.forum_prompt_saved")
    }
}
