import Postgres
import Web

/// The forums' part of the reader's page, the personal export, account deletion and metrics.
extension ForumsFeature {
    /// `/me`: the forums of the reader's editions, and how forum news reaches them.
    static func meSection(_ context: Context, user: CurrentUser) throws -> HTML? {
        let t = context.t
        let db = try context.db
        let forums = try ForumQueries.fetchForums(db, reader: user).filter { $0.editionID != nil }.prefix(5)
        let items = forums.map { forum -> HTML in
            "<li><a href=\"\(ForumPaths.forum.path(forum.id))\">\(forum.title)</a> <span class=\"muted\">· \(ForumPages.counts(forum, context: context))</span></li>"
        }
        let list: HTML = forums.isEmpty ? "<p class=\"empty\">\(t("forum.index.no_editions"))</p>" : "<ul class=\"plain-list\">\(items)</ul>"
        let digest = try PreferenceRoutes.fetchDigest(db, userID: user.id)
        return """
        <section id="forums" aria-labelledby="forums-title">
        <h2 id="forums-title">\(t("me.forums.title"))</h2>
        \(list)
        <p>\(t(digest ? "me.forums.digest" : "me.forums.instant")) <a href="\(ForumPaths.preferences.path())">\(t("me.forums.change"))</a></p>
        <p><a class="button secondary" href="\(ForumPaths.forums.path())">\(t("me.forums.all"))</a></p>
        </section>
        """
    }

    /// Everything the reader wrote and did in the forums, in words.
    static func exportSections(_ db: Connection, user: CurrentUser, t: Localizer) throws -> [(name: String, json: SQL)] {
        let statuses = ExportWords.object(t, ["visible", "pending", "hidden", "deleted", "rejected"]) { "forum.export.status.\($0)" }
        let reasons = ExportWords.object(t, FlagRoutes.reasons) { "forum.flag.reason.\($0)" }
        return [
            ("forum_posts", """
                SELECT coalesce(json_agg(json_build_object('topic', t.title, 'text', p.body, 'status', \(statuses)::jsonb ->> p.status,
                    'written_at', p.created_at, 'edited_at', p.edited_at) ORDER BY p.created_at, p.id), '[]')
                FROM posts p JOIN forum_topics t ON t.id = p.topic_id WHERE p.author_id = \(user.id)
                """),
            ("forum_flags", """
                SELECT coalesce(json_agg(json_build_object('reason', \(reasons)::jsonb ->> f.reason, 'note', f.note, 'flagged_at', f.created_at)
                    ORDER BY f.id), '[]') FROM flags f WHERE f.user_id = \(user.id)
                """),
            ("forum_follows", """
                SELECT json_build_object(
                    'topics', (SELECT coalesce(json_agg(t.title ORDER BY t.id), '[]') FROM topic_follows tf JOIN forum_topics t ON t.id = tf.topic_id
                               WHERE tf.user_id = \(user.id) AND tf.following),
                    'forums', (SELECT coalesce(json_agg(coalesce(f.title, \(Participation.editionTitleSQL(edition: "f.edition_id"))) ORDER BY f.id), '[]')
                               FROM forum_follows ff JOIN forums f ON f.id = ff.forum_id WHERE ff.user_id = \(user.id)),
                    'daily_digest', coalesce((SELECT digest FROM forum_preferences WHERE user_id = \(user.id)), false))
                """),
            ("forum_suspensions", """
                SELECT coalesce(json_agg(json_build_object('until', s.ends_at, 'reason', s.reason, 'lifted_at', s.lifted_at) ORDER BY s.id), '[]')
                FROM forum_suspensions s WHERE s.user_id = \(user.id)
                """),
        ]
    }

    /// Posts stay, as a former participant's (names come from the account, which is
    /// anonymised next); the name leaves every post and revision that @mentions it; what
    /// the person follows and chose goes.
    static func deleteAccount(_ db: Connection, app: CampusApp, userID: Int64) throws {
        if let person = try AccountQueries.fetchRecipient(db, id: userID) {
            var words: [String: String] = [:]
            for language in Language.allCases { words[language.rawValue] = app.localizer(language)("forum.former_participant") }
            try Mentions.forget(db, userID: userID, name: person.name, words: words)
        }
        for table in ["topic_follows", "forum_follows", "forum_preferences"] {
            try db.execute("DELETE FROM \(unsafeRaw: table) WHERE user_id = \(userID)")
        }
    }

    static func gauges(_ db: Connection) throws -> [Gauge] {
        let row = try db.query("""
            SELECT (SELECT coalesce(sum(post_count), 0) FROM forums)::int8 AS posts,
                   (SELECT count(*) FROM posts WHERE queued_at IS NOT NULL)::int8 AS queued,
                   (SELECT count(DISTINCT user_id) FROM forum_suspensions WHERE lifted_at IS NULL AND ends_at > now())::int8 AS suspended
            """).first
        return [
            Gauge(name: "forum_posts", help: "Posts in forum threads (removed ones keep their place).", value: try row?["posts"] ?? 0),
            Gauge(name: "forum_moderation_queue", help: "Posts waiting in the moderation queue.", value: try row?["queued"] ?? 0),
            Gauge(name: "forum_suspended_users", help: "People suspended from posting now.", value: try row?["suspended"] ?? 0),
        ]
    }
}
