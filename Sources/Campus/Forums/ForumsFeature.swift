import Postgres
import Web

/// Debate forums: one per edition and open network forums, with moderation, limits,
/// following, digests and search — what they add to the rest of Campus.
enum ForumsFeature: Feature {
    static let routes: [Route<Handler>] = ForumRoutes.routes + TopicRoutes.routes + PostRoutes.routes + FlagRoutes.routes
        + ModerationRoutes.routes + TopicModerationRoutes.routes + SuspensionRoutes.routes + ForumAdminRoutes.routes
        + PreferenceRoutes.routes + ReportRoutes.routes + SearchRoutes.routes

    /// The moderation queue, for those who moderate some forum.
    static let moderationEntry = NavigationEntry(.forums, ForumPaths.moderation.path(), "nav.moderation") { $0?.holds(.moderator) == true }

    static let navigation: [NavigationEntry] = [
        NavigationEntry(.forums, ForumPaths.forums.path(), "nav.forums") { $0 != nil },
        moderationEntry,
    ]

    /// The staff area's card for forums.
    static func adminCard(_ context: Context) throws -> HTML? {
        let t = context.t
        return """
        <li class="card"><h2><a href="\(ForumPaths.admin.path())">\(t("admin.forums.title"))</a></h2>
        <p>\(t("admin.dashboard.forums"))</p></li>
        """
    }
}

extension ForumsFeature {
    /// What an edition's page links to for this reader: its forum, and each session's
    /// reflection prompt — only for those who may read the forum.
    static func editionLinks(_ context: Context, editionID: Int64) throws -> (path: String, prompts: [Int64: String])? {
        guard let user = context.user, let forum = try ForumQueries.fetchEditionForum(try context.db, editionID: editionID, reader: user),
            ForumPolicy.canRead(user, forum.access)
        else { return nil }
        let rows = try context.db.query("""
            SELECT t.id, t.session_id FROM forum_topics t
            WHERE t.forum_id = \(forum.id) AND t.session_id IS NOT NULL
              AND (t.post_count > 0 OR \(ForumPolicy.canModerate(user, forumID: forum.id)))
            """)
        var prompts: [Int64: String] = [:]
        for row in rows { prompts[try row["session_id"]] = ForumPaths.topic.path(try row["id"] as Int64) }
        return (ForumPaths.forum.path(forum.id), prompts)
    }
}
