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

    /// The account's own part of the export; every feature adds its own (see `Feature`).
    static func exportSections(_ userID: Int64, t: Localizer) -> [(name: String, json: SQL)] {
        [
            ("profile", """
                SELECT json_build_object('name', u.name, 'email', u.email, 'organization', o.name,
                    'position', \(ExportWords.positions(t))::jsonb ->> u.position, 'language', \(ExportWords.languages(t))::jsonb ->> u.locale,
                    'time_zone', u.time_zone, 'verified_at', u.verified_at, 'created_at', u.created_at)
                FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.id = \(userID)
                """),
            ("roles", """
                SELECT coalesce(json_agg(json_build_object('role', \(ExportWords.roles(t))::jsonb ->> role, 'scope', \(ExportWords.scopes(t))::jsonb ->> scope_kind,
                    'scope_id', scope_id, 'granted_at', granted_at)
                    ORDER BY granted_at), '[]') FROM role_grants WHERE user_id = \(userID)
                """),
            ("sessions", """
                SELECT coalesce(json_agg(json_build_object('started', created_at, 'last_seen', last_seen_at, 'address', address,
                    'browser', user_agent) ORDER BY created_at), '[]') FROM sessions WHERE user_id = \(userID)
                """),
        ]
    }

    static func exportData(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let db = try context.db
        let t = context.app.localizer(user.locale)
        var sections = exportSections(user.id, t: t)
        for feature in CampusApp.features { sections += try feature.exportSections(db, user: user, t: t) }
        var parts: [String] = []
        for (name, sql) in sections {
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
            for feature in CampusApp.features { try feature.deleteAccount(db, app: context.app, userID: user.id) }
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
        for table in ["sessions", "email_tokens", "role_grants"] {
            try db.execute("DELETE FROM \(unsafeRaw: table) WHERE user_id = \(userID)")
        }
    }
}
