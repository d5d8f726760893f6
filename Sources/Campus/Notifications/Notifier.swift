import Postgres
import Web

/// Kinds of notification a reader can choose to also receive by email.
enum NotificationKind: String, CaseIterable, Sendable {
    /// Roles, affiliation, account changes.
    case account
    /// Enrollment, waitlist and completion news.
    case enrollment
    /// Changes to the sessions of an edition the reader takes part in.
    case schedule
    /// Capsules completed and quiz attempts granted.
    case capsule
    /// Certificates issued, corrected or revoked.
    case certificate
    /// Replies to the reader's posts in the forums, and posts that name them.
    case forumReply = "forum_reply"
    /// New reflection prompts in the editions the reader takes.
    case forumPrompt = "forum_prompt"
    /// New posts in the topics and forums the reader follows.
    case forumActivity = "forum_activity"
    /// Moderators' actions on the reader's posts and topics, and suspensions.
    case forumModeration = "forum_moderation"
    /// For moderators: posts flagged, waiting for approval, or asking to be reviewed again.
    case forumReview = "forum_review"
    /// Scholarship applications: submitted, under review, decisions, awards and offers.
    case scholarship

    var emailByDefault: Bool { true }
}

/// The one way features tell users something: an in-app notification and, unless a user
/// turned it off for this kind, an email — in the caller's transaction.
///
/// However many people are told, it takes two statements: one `INSERT … SELECT` for the
/// notifications and one for the emails, never a statement per person. The email is
/// queued as the message key and its values and written in each reader's language when
/// `campus mail` delivers it.
///
/// A `note` someone wrote for the person (the teaching team's, on a decision) reaches them
/// in both: the message then comes in its `<message>_note` form, whose text holds `{note}`,
/// and the email's subject keeps to the message alone.
enum Notifier {
    @discardableResult
    static func notify(
        _ db: Connection, app: CampusApp, userID: Int64, kind: NotificationKind, message: String,
        values: [String: String] = [:], note: String? = nil, link: String? = nil
    ) throws -> Int {
        try notifyAll(db, app: app, audience: "SELECT \(userID)::int8", kind: kind, message: message, values: values, note: note, link: link)
    }

    /// Tells everyone `audience` (a SELECT of user ids) names, deleted accounts aside; the
    /// email goes to those with a verified address who did not turn this kind off, and meet
    /// `emailWhen` (a condition on users `u`: those who chose a daily digest wait for it).
    /// Returns how many were notified.
    @discardableResult
    static func notifyAll(
        _ db: Connection, app: CampusApp, audience: SQL, kind: NotificationKind, message: String,
        values: [String: String] = [:], note: String? = nil, link: String? = nil, emailWhen: SQL = "true"
    ) throws -> Int {
        var values = values
        var stored = message
        if let note, !note.isEmpty {
            values["note"] = note
            stored = message + "_note"
        }
        let notified = try db.execute("""
            INSERT INTO notifications (user_id, kind, message, params, link)
            SELECT u.id, \(kind.rawValue), \(stored), \(JSON.object(values))::jsonb, \(link)
            FROM users u WHERE u.id IN (\(audience)) AND u.deleted_at IS NULL
            ORDER BY u.id
            """)
        guard notified > 0 else { return 0 }
        var mailValues = values
        mailValues["link"] = app.settings.baseURL + (link ?? Paths.notifications.path())
        try Outbox.enqueueAll(
            db,
            users: """
                SELECT u.id FROM users u LEFT JOIN email_preferences p ON p.user_id = u.id AND p.kind = \(kind.rawValue)
                WHERE u.id IN (\(audience)) AND u.verified_at IS NOT NULL AND coalesce(p.by_email, \(kind.emailByDefault))
                  AND \(emailWhen)
                """,
            template: "notification", values: mailValues, texts: ["headline": message, "text": stored])
        return notified
    }
}
