import Postgres
import Web

/// The outbox: what was written to the reader, and what waits to go out.
enum MailFeature: Feature {
    static func exportSections(_ db: Connection, user: CurrentUser, t: Localizer) throws -> [(name: String, json: SQL)] {
        [("emails_sent", """
            SELECT coalesce(json_agg(json_build_object('subject', subject, 'created_at', created_at, 'sent_at', sent_at)
                ORDER BY id), '[]') FROM outbox WHERE user_id = \(user.id)
            """)]
    }

    /// Nothing more goes to a deleted account; what went keeps its row without the address or words.
    static func deleteAccount(_ db: Connection, app: CampusApp, userID: Int64) throws {
        try db.execute("DELETE FROM outbox WHERE user_id = \(userID) AND sent_at IS NULL")
        try db.execute("UPDATE outbox SET recipient = 'deleted@invalid', body = '', params = '{}', texts = '{}' WHERE user_id = \(userID)")
    }

    static func gauges(_ db: Connection) throws -> [Gauge] {
        let row = try db.query("""
            SELECT count(*)::int8 AS pending, count(*) FILTER (WHERE attempts > 0)::int8 AS failing
            FROM outbox WHERE sent_at IS NULL
            """).first
        return [
            Gauge(name: "outbox_pending", help: "Emails waiting to be delivered.", value: try row?["pending"] ?? 0),
            Gauge(name: "outbox_failing", help: "Emails waiting after at least one failed attempt.", value: try row?["failing"] ?? 0),
        ]
    }
}
