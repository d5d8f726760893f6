import Postgres
import Web

/// Kinds of notification a reader can choose to also receive by email.
enum NotificationKind: String, CaseIterable, Sendable {
    /// Roles, affiliation, account changes.
    case account
    /// Enrollment, waitlist and completion news.
    case enrollment

    var emailByDefault: Bool { true }
}

/// The one way features tell a user something: an in-app notification and, unless the
/// user turned it off for this kind, an email in their language — in the caller's transaction.
///
/// A `note` someone wrote for the person (the teaching team's, on a decision) reaches them
/// in both: the message then comes in its `<message>_note` form, whose text holds `{note}`,
/// and the email's subject keeps to the message alone.
enum Notifier {
    static func notify(
        _ db: Connection, app: CampusApp, userID: Int64, kind: NotificationKind, message: String,
        values: [String: String] = [:], note: String? = nil, link: String? = nil
    ) throws {
        guard let row = try db.query("""
            SELECT u.email, u.name, u.locale, u.verified_at IS NOT NULL AS verified,
                   coalesce(p.by_email, \(kind.emailByDefault)) AS by_email
            FROM users u LEFT JOIN email_preferences p ON p.user_id = u.id AND p.kind = \(kind.rawValue)
            WHERE u.id = \(userID) AND u.deleted_at IS NULL
            """).first else { return }
        var values = values
        var stored = message
        if let note, !note.isEmpty {
            values["note"] = note
            stored = message + "_note"
        }
        try db.execute("""
            INSERT INTO notifications (user_id, kind, message, params, link)
            VALUES (\(userID), \(kind.rawValue), \(stored), \(JSON.object(values))::jsonb, \(link))
            """)
        guard try row["by_email"] as Bool, try row["verified"] as Bool else { return }
        let language = Language(rawValue: try row["locale"]) ?? .es
        let t = app.localizer(language)
        var mailValues = values
        mailValues["name"] = try row["name"]
        mailValues["headline"] = t(message, values)
        mailValues["text"] = t(stored, values)
        mailValues["link"] = app.settings.baseURL + (link ?? Paths.notifications.path())
        try Outbox.enqueue(
            db, app: app, userID: userID, recipient: try row["email"], language: language,
            template: "notification", values: mailValues)
    }
}
