import Foundation
import Postgres
import Web

/// GDPR and LGPD: a copy of one's data, and deleting one's account. Posts stay, shown as
/// a former participant's; what the law asks to keep (applications, the audit log)
/// keeps its rows without the personal data.
enum PrivacyRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.meExport, exportData),
        Route("GET", Paths.meDelete, showDeleteAccount),
        Route("POST", Paths.meDelete, deleteAccount),
    ]

    /// Each part of the export: a name and a statement returning one JSON value for user $1,
    /// in words rather than codes (`words`). Features add their part here (enrollments,
    /// applications, posts…).
    static func exportSections(_ userID: Int64, words: ExportWords) -> [(String, SQL)] {
        [
            ("profile", """
                SELECT json_build_object('name', u.name, 'email', u.email, 'organization', o.name,
                    'position', \(words.positions)::jsonb ->> u.position, 'language', \(words.languages)::jsonb ->> u.locale,
                    'time_zone', u.time_zone, 'verified_at', u.verified_at, 'created_at', u.created_at)
                FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.id = \(userID)
                """),
            ("roles", """
                SELECT coalesce(json_agg(json_build_object('role', \(words.roles)::jsonb ->> role, 'scope', \(words.scopes)::jsonb ->> scope_kind,
                    'scope_id', scope_id, 'granted_at', granted_at)
                    ORDER BY granted_at), '[]') FROM role_grants WHERE user_id = \(userID)
                """),
            ("sessions", """
                SELECT coalesce(json_agg(json_build_object('started', created_at, 'last_seen', last_seen_at, 'address', address,
                    'browser', user_agent) ORDER BY created_at), '[]') FROM sessions WHERE user_id = \(userID)
                """),
            ("notifications", """
                SELECT coalesce(json_agg(json_build_object('kind', \(words.notificationKinds)::jsonb ->> n.kind, 'text', w.text,
                    'created_at', n.created_at, 'read_at', n.read_at) ORDER BY n.id), '[]')
                FROM notifications n JOIN unnest(\(words.notificationIDs)::int8[], \(words.notificationTexts)::text[]) AS w(id, text) ON w.id = n.id
                WHERE n.user_id = \(userID)
                """),
            ("enrollments", """
                SELECT coalesce(json_agg(json_build_object('course', c.title, 'edition', e.name,
                    'status', replace(\(words.statuses)::jsonb ->> CASE WHEN x.status = 'enrolled' AND x.assessed_at IS NOT NULL THEN 'not_completed'
                        ELSE x.status END, '{position}', coalesce((\(EnrollmentQueries.position))::text, '')),
                    'requested_at', x.requested_at, 'decision_note', x.decision_note, 'completion_note', x.completion_note) ORDER BY x.id), '[]')
                FROM enrollments x JOIN editions e ON e.id = x.edition_id JOIN courses c ON c.id = e.course_id WHERE x.user_id = \(userID)
                """),
            ("email_preferences", """
                SELECT coalesce(json_object_agg(coalesce(\(words.notificationKinds)::jsonb ->> kind, kind), by_email), '{}')
                FROM email_preferences WHERE user_id = \(userID)
                """),
            ("emails_sent", """
                SELECT coalesce(json_agg(json_build_object('subject', subject, 'created_at', created_at, 'sent_at', sent_at)
                    ORDER BY id), '[]') FROM outbox WHERE user_id = \(userID)
                """),
        ]
    }

    static func exportData(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let db = try context.db
        var parts: [String] = []
        let words = try ExportWords(db, userID: user.id, t: context.app.localizer(user.locale))
        for (name, sql) in exportSections(user.id, words: words) {
            let value: String = try db.query("SELECT (\(sql))::text AS value").first?["value"] ?? "null"
            parts.append("  \(JSON.quote(name)): \(value)")
        }
        let document = "{\n  \"exported_at\": \(JSON.quote(Date().postgresText)),\n" + parts.joined(separator: ",\n") + "\n}\n"
        var response = Response(status: .ok, headers: [("Content-Type", "application/json; charset=utf-8")], body: Array(document.utf8))
        response.setHeader("Content-Disposition", "attachment; filename=\"campus-data-\(user.id).json\"")
        response.setHeader("Cache-Control", "no-store")
        return response
    }

    static func showDeleteAccount(_ context: Context) throws -> Response {
        try context.requireUser()
        return context.page(context.t("delete.title"), AccountPages.deleteAccount(FormState(t: context.t), chrome: context.chrome), section: .account)
    }

    static func deleteAccount(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let db = try context.db
        var form = FormState(t: context.t)
        switch try ProfileRoutes.checkCurrentPassword(context, context.form["password"], email: user.email) {
        case .tooMany(let wait):
            form.refuseForNow(retryAfter: wait)
            return context.tooManyRequests(context.t("delete.title"), AccountPages.deleteAccount(form, chrome: context.chrome), retryAfter: wait, section: .account)
        case .wrong: form.fail("password", "me.password.wrong_current")
        case .right: break
        }
        guard form.isValid else {
            return context.invalid(context.t("delete.title"), AccountPages.deleteAccount(form, chrome: context.chrome), section: .account)
        }
        try db.transaction {
            try UserAdminQueries.keepAnAdmin(db, losing: user.id)
            // Seats held go to the people waiting for them.
            try Enrollments.withdrawAll(db, app: context.app, userID: user.id)
            try anonymize(db, userID: user.id)
            try Audit.record(db, actorID: user.id, action: "account.delete", subjectKind: "user", subjectID: user.id, address: context.request.remoteAddress)
        }
        context.cookies.append(.expired(Sessions.cookieName(https: context.request.isHTTPS), secure: context.request.isHTTPS))
        return context.redirect(Paths.home.path(), flash: "flash.account_deleted")
    }

    /// Removes the personal data and keeps the row, so what points at it still resolves.
    static func anonymize(_ db: Connection, userID: Int64) throws {
        try db.execute("""
            UPDATE users SET email = 'deleted-' || id || '@invalid', name = 'former participant', password_hash = NULL,
                   organization_id = NULL, affiliation_confirmed_at = NULL, affiliation_confirmed_by = NULL,
                   affiliation_rejected_at = NULL, position = 'other', time_zone = 'UTC', deleted_at = now(), updated_at = now()
            WHERE id = \(userID)
            """)
        for table in ["sessions", "email_tokens", "notifications", "email_preferences", "role_grants"] {
            try db.execute("DELETE FROM \(unsafeRaw: table) WHERE user_id = \(userID)")
        }
        try db.execute("DELETE FROM outbox WHERE user_id = \(userID) AND sent_at IS NULL")
        try db.execute("UPDATE outbox SET recipient = 'deleted@invalid', body = '' WHERE user_id = \(userID)")
    }
}
