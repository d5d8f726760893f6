import Postgres
import Web

/// In-app notifications and the reader's choice of which also come by email.
enum NotificationsFeature: Feature {
    static let routes: [Route<Handler>] = NotificationRoutes.routes

    /// The reader's notifications rendered in their language (the export says what each
    /// one said, not its message key), and their email choices.
    static func exportSections(_ db: Connection, user: CurrentUser, t: Localizer) throws -> [(name: String, json: SQL)] {
        let rows = try db.query("""
            SELECT id, message, ARRAY(SELECT key FROM jsonb_each_text(params) ORDER BY key) AS keys,
                   ARRAY(SELECT value FROM jsonb_each_text(params) ORDER BY key) AS vals
            FROM notifications WHERE user_id = \(user.id) ORDER BY id
            """)
        let ids: [Int64] = try rows.map { try $0["id"] }
        let texts: [String] = try rows.map { row in
            let keys: [String] = try row["keys"]
            let values: [String] = try row["vals"]
            return t(try row["message"], Dictionary(zip(keys, values)) { first, _ in first })
        }
        let kinds = ExportWords.object(t, NotificationKind.allCases.map(\.rawValue)) { "email_prefs.kind.\($0)" }
        return [
            ("notifications", """
                SELECT coalesce(json_agg(json_build_object('kind', \(kinds)::jsonb ->> n.kind, 'text', w.text,
                    'created_at', n.created_at, 'read_at', n.read_at) ORDER BY n.id), '[]')
                FROM notifications n JOIN unnest(\(ids)::int8[], \(texts)::text[]) AS w(id, text) ON w.id = n.id
                WHERE n.user_id = \(user.id)
                """),
            ("email_preferences", """
                SELECT coalesce(json_object_agg(coalesce(\(kinds)::jsonb ->> kind, kind), by_email), '{}')
                FROM email_preferences WHERE user_id = \(user.id)
                """),
        ]
    }

    static func deleteAccount(_ db: Connection, app: CampusApp, userID: Int64) throws {
        try db.execute("DELETE FROM notifications WHERE user_id = \(userID)")
        try db.execute("DELETE FROM email_preferences WHERE user_id = \(userID)")
    }

    /// The reader's unread count as a column of the session look-up (one statement per
    /// request): `users` is aliased `u` there. Served by the partial index notifications_unread.
    static let unreadCountSQL: SQL = "(SELECT count(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL)"
}
