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

    static func render(
        _ context: Context, profile: Profile, form: FormState? = nil, password: FormState? = nil, verification: FormState? = nil,
        status: Status = .ok
    ) throws -> Response {
        let db = try context.db
        let organizations = try AccountQueries.fetchOrganizationChoices(db)
        // Every feature's part of the reader's page: what they take, teach, hold…
        var activity = HTML()
        let user = try context.requireUser()
        for feature in CampusApp.features {
            if let section = try feature.meSection(context, user: user) { activity += section }
        }
        let body = AccountPages.profile(
            profile, form: form ?? profileForm(profile, t: context.t), password: password ?? FormState(t: context.t),
            verification: verification ?? FormState(t: context.t), organizations: organizations, activity: activity, chrome: context.chrome)
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
        context.cookies.append(OperationsRoutes.languageCookie(locale, https: context.request.isHTTPS))
        return context.redirect(Paths.me.path(), flash: "flash.profile_saved")
    }

    /// Needs the current password; ends every other session.
    static func changePassword(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let profile = try loadProfile(context)
        let db = try context.db
        var form = FormState(t: context.t)
        let fresh = context.form["new_password"]
        switch try checkCurrentPassword(context, context.form["current_password"], email: profile.email) {
        case .tooMany(let wait):
            form.refuseForNow(retryAfter: wait)
            return try render(context, profile: profile, password: form, status: .tooManyRequests).retrying(after: wait)
        case .wrong: form.fail("current_password", "me.password.wrong_current")
        case .right: break
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
                db, to: .user(user.id), template: "password_changed", values: ["reset": context.settings.baseURL + Paths.forgotPassword.path()])
        }
        return context.redirect(Paths.me.path(), flash: "flash.password_changed")
    }

    enum PasswordCheck { case right, wrong, tooMany(retryAfter: Int) }

    /// The signed-in reader's current password, as /me/password and /me/delete ask for it:
    /// wrong ones count against a limit, as sign-in failures do.
    static func checkCurrentPassword(_ context: Context, _ password: String?, email: String) throws -> PasswordCheck {
        let user = try context.requireUser()
        let db = try context.db
        let limit = AccountLimits.passwordChecks(context.settings)
        if let wait = try RateLimiter.hit(db, limit, key: String(user.id)) { return .tooMany(retryAfter: wait) }
        let password = password ?? ""
        guard !password.isEmpty, password.utf8.count <= AccountRules.signInPasswordMaximumBytes else { return .wrong }
        let stored = try AccountQueries.fetchLoginAccount(db, email: email)?.passwordHash
        guard Passwords.verify(password, hash: stored ?? context.app.standInPasswordHash) else { return .wrong }
        try RateLimiter.undo(db, limit, key: String(user.id))
        return .right
    }

    /// Sends the verification link again: a new link each time, a few an hour.
    static func resendVerification(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let profile = try loadProfile(context)
        guard !profile.isVerified else { return .redirect(to: Paths.me.path()) }
        let db = try context.db
        if let wait = try RateLimiter.hit(db, AccountLimits.verificationResends, key: String(user.id)) {
            var form = FormState(t: context.t)
            form.refuse("me.verification.too_many", count: RateLimiter.minutes(wait))
            return try render(context, profile: profile, verification: form, status: .tooManyRequests).retrying(after: wait)
        }
        try db.transaction {
            let token = try AccountQueries.createEmailToken(db, userID: user.id, purpose: "verify", validForMinutes: 7 * 24 * 60)
            try Outbox.enqueue(
                db, to: .user(user.id), template: "verify", values: ["link": context.settings.baseURL + Paths.verify.path(token)])
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
