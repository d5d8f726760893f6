import Foundation
import Postgres
import Web

/// The reader's own page: profile, password, email verification and preferences.
enum ProfileRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.me, showProfile),
        Route("POST", Paths.me, updateProfile),
        Route("POST", Paths.mePassword, changePassword),
        Route("POST", Paths.meVerification, resendVerification),
        Route("GET", Paths.meEmail, showEmailPreferences),
        Route("POST", Paths.meEmail, saveEmailPreferences),
    ]

    static func loadProfile(_ context: Context) throws -> Profile {
        let user = try context.requireUser()
        guard let profile = try AccountQueries.fetchProfile(try context.db, userID: user.id) else { throw HTTPError(.notFound) }
        return profile
    }

    static func profileForm(_ profile: Profile, t: Localizer) -> FormState {
        FormState(t: t, values: [
            "name": profile.name, "organization_id": profile.organizationID.map(String.init) ?? "",
            "position": profile.position, "locale": profile.locale, "time_zone": profile.timeZone,
        ])
    }

    static func render(_ context: Context, profile: Profile, form: FormState? = nil, password: FormState? = nil, status: Status = .ok) throws -> Response {
        let db = try context.db
        let organizations = try AccountQueries.fetchOrganizationChoices(db)
        let enrollments = try EnrollmentQueries.fetchMyEnrollments(db, userID: profile.id)
        // Other features' parts of the profile: what the reader is enrolled in, and later more.
        let activity = MyEnrollmentPages.section(enrollments, context: context)
        let body = AccountPages.profile(
            profile, form: form ?? profileForm(profile, t: context.t), password: password ?? FormState(t: context.t),
            organizations: organizations, activity: activity, chrome: context.chrome)
        return context.page(context.t("me.title"), body, status: status, section: .account)
    }

    static func showProfile(_ context: Context) throws -> Response {
        try render(context, profile: try loadProfile(context))
    }

    static func updateProfile(_ context: Context) throws -> Response {
        let profile = try loadProfile(context)
        let db = try context.db
        let input = context.form
        var form = FormState(t: context.t, form: input)
        let name = input.trimmed("name")
        if let problem = AccountRules.nameProblem(name) { form.fail("name", problem) }
        var organizationID: Int64?
        if let chosen = input.trimmed("organization_id") {
            organizationID = Int64(chosen)
            if try organizationID.flatMap({ try AccountQueries.fetchOrganizationCountry(db, id: $0) }) == nil {
                form.fail("organization_id", "account.error.organization_invalid")
            }
        }
        let position = Position(rawValue: input["position"] ?? "")
        if position == nil { form.fail("position", "account.error.choose") }
        let locale = Language(rawValue: input["locale"] ?? "")
        if locale == nil { form.fail("locale", "account.error.choose") }
        let zone = input["time_zone"] ?? ""
        if !AccountRules.timeZones.contains(zone) { form.fail("time_zone", "account.error.choose") }
        guard form.isValid, let name, let position, let locale else {
            return try render(context, profile: profile, form: form, status: .unprocessableContent)
        }
        try AccountQueries.updateProfile(db, userID: profile.id, name: name, organizationID: organizationID, position: position.rawValue, locale: locale.rawValue, timeZone: zone)
        var language = SetCookie(name: "lang", value: locale.rawValue, maxAge: 365 * 24 * 3600, secure: context.request.isHTTPS)
        language.httpOnly = false
        context.cookies.append(language)
        return context.redirect(Paths.me.path(), flash: "flash.profile_saved")
    }

    /// Needs the current password; ends every other session.
    static func changePassword(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let profile = try loadProfile(context)
        let db = try context.db
        var form = FormState(t: context.t)
        let current = context.form["current_password"] ?? ""
        let fresh = context.form["new_password"]
        let stored = try AccountQueries.fetchLoginAccount(db, email: profile.email)?.passwordHash
        if current.isEmpty || !Passwords.verify(current, hash: stored ?? context.app.standInPasswordHash) {
            form.fail("current_password", "me.password.wrong_current")
        }
        if let problem = AccountRules.passwordProblem(fresh, email: profile.email, name: profile.name) { form.fail("new_password", problem) }
        guard form.isValid, let fresh else {
            return try render(context, profile: profile, password: form, status: .unprocessableContent)
        }
        guard let hash = Passwords.hash(fresh) else { throw HTTPError(.serviceUnavailable) }
        try db.transaction {
            try AccountQueries.setPassword(db, userID: user.id, hash: hash)
            try Sessions.endAll(db, userID: user.id, keeping: user.sessionID)
            try Outbox.enqueue(
                db, app: context.app, userID: user.id, recipient: profile.email, language: Language(rawValue: profile.locale) ?? .es,
                template: "password_changed", values: ["name": profile.name, "reset": context.settings.baseURL + Paths.forgotPassword.path()])
        }
        return context.redirect(Paths.me.path(), flash: "flash.password_changed")
    }

    /// Sends the verification link again (at most one every two minutes).
    static func resendVerification(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let profile = try loadProfile(context)
        guard !profile.isVerified else { return .redirect(to: Paths.me.path()) }
        let db = try context.db
        try db.transaction {
            guard try !AccountQueries.recentTokenExists(db, userID: user.id, purpose: "verify", minutes: 2) else { return }
            let token = try AccountQueries.createEmailToken(db, userID: user.id, purpose: "verify", validFor: 7 * 24)
            try Outbox.enqueue(
                db, app: context.app, userID: user.id, recipient: profile.email, language: Language(rawValue: profile.locale) ?? .es,
                template: "verify", values: ["name": profile.name, "link": context.settings.baseURL + Paths.verify.path(token)])
        }
        return context.redirect(Paths.me.path(), flash: "flash.verification_sent")
    }

    static func showEmailPreferences(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let choices = try fetchEmailPreferences(try context.db, userID: user.id)
        return context.page(context.t("email_prefs.title"), AccountPages.emailPreferences(choices, chrome: context.chrome), section: .account)
    }

    static func saveEmailPreferences(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let db = try context.db
        let chosen = Set(context.form.all("kind"))
        try db.transaction {
            for kind in NotificationKind.allCases {
                try db.execute("""
                    INSERT INTO email_preferences (user_id, kind, by_email) VALUES (\(user.id), \(kind.rawValue), \(chosen.contains(kind.rawValue)))
                    ON CONFLICT (user_id, kind) DO UPDATE SET by_email = EXCLUDED.by_email
                    """)
            }
        }
        return context.redirect(Paths.meEmail.path(), flash: "flash.preferences_saved")
    }

    static func fetchEmailPreferences(_ db: Connection, userID: Int64) throws -> [(NotificationKind, Bool)] {
        let stored: [String: Bool] = try Dictionary(uniqueKeysWithValues: db.query(
            "SELECT kind, by_email FROM email_preferences WHERE user_id = \(userID)"
        ).map { (try $0["kind"] as String, try $0["by_email"] as Bool) })
        return NotificationKind.allCases.map { ($0, stored[$0.rawValue] ?? $0.emailByDefault) }
    }
}
