import Postgres
import Web

/// Creating an account and verifying its email address.
enum RegistrationRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.register, showRegistration),
        Route("POST", Paths.register, register),
        Route("GET", Paths.registered, showRegistered),
        Route("GET", Paths.verify, showEmailConfirmation),
        Route("POST", Paths.verify, verifyEmail),
    ]

    static func showRegistration(_ context: Context) throws -> Response {
        if context.user != nil { return .redirect(to: Paths.me.path()) }
        var form = FormState(t: context.t)
        form.values["locale"] = context.language.rawValue
        let organizations = try AccountQueries.fetchOrganizationChoices(context.db)
        return context.page(context.t("register.title"), AccountPages.registration(form, organizations: organizations, chrome: context.chrome), section: .account)
    }

    static func register(_ context: Context) throws -> Response {
        let db = try context.db
        let input = context.form
        var form = FormState(t: context.t, form: input)
        let name = input.trimmed("name")
        let email = input.trimmed("email")
        let password = input["password"]
        let organizations = try AccountQueries.fetchOrganizationChoices(db)
        var organization: OrganizationChoice?
        if let problem = AccountRules.nameProblem(name) { form.fail("name", problem) }
        if let problem = AccountRules.emailProblem(email) { form.fail("email", problem) }
        if let problem = AccountRules.passwordProblem(password, email: email, name: name) { form.fail("password", problem) }
        if let chosen = input.trimmed("organization_id") {
            organization = Int64(chosen).flatMap { id in organizations.first { $0.id == id } }
            if organization == nil { form.fail("organization_id", "account.error.organization_invalid") }
        }
        // No default: a position recorded for someone who never chose it would be wrong.
        let position = Position(rawValue: input["position"] ?? "")
        if position == nil { form.fail("position", input.trimmed("position") == nil ? "register.error.position_required" : "account.error.choose") }
        let locale = Language(rawValue: input["locale"] ?? "") ?? context.language
        guard form.isValid, let name, let email, let password, let position else {
            return context.invalid(context.t("register.title"), AccountPages.registration(form, organizations: organizations, chrome: context.chrome), section: .account)
        }
        // Counted before the hashing, the one expensive step, so a flood costs it nothing.
        if let wait = try RateLimiter.hit(db, AccountLimits.registrationsPerAddress(context.settings), key: ClientAddress.limitKey(context.request.remoteAddress))
            ?? RateLimiter.hit(db, AccountLimits.registrationsPerEmail, key: email.lowercased())
        {
            form.refuseForNow(retryAfter: wait)
            let page = AccountPages.registration(form, organizations: organizations, chrome: context.chrome)
            return context.tooManyRequests(context.t("register.title"), page, retryAfter: wait, section: .account)
        }
        guard let hash = Passwords.hash(password) else { throw HTTPError(.serviceUnavailable) }

        try db.transaction {
            let created = try AccountQueries.createUser(
                db, email: email, name: name, passwordHash: hash, organizationID: organization?.id,
                position: position.rawValue, locale: locale.rawValue, timeZone: AccountRules.timeZone(forCountry: organization?.country))
            if let userID = created {
                let token = try AccountQueries.createEmailToken(db, userID: userID, purpose: "verify", validForMinutes: 7 * 24 * 60)
                try Outbox.enqueue(
                    db, to: .user(userID), template: "verify", values: ["link": context.settings.baseURL + Paths.verify.path(token)])
            } else if let existing = try AccountQueries.fetchRecipient(db, email: email),
                try RateLimiter.hit(db, AccountLimits.accountExistsEmails, key: email.lowercased()) == nil
            {
                // The address has an account: tell its owner (once a day at most), and tell the
                // visitor nothing more than a new registrant would see.
                try Outbox.enqueue(
                    db, to: .user(existing.id), template: "account_exists",
                    values: ["login": context.settings.baseURL + Paths.login.path(), "reset": context.settings.baseURL + Paths.forgotPassword.path()])
            }
        }
        return .redirect(to: Paths.registered.path())
    }

    static func showRegistered(_ context: Context) throws -> Response {
        let t = context.t
        let body: HTML = """
        <section class="narrow">
        <h1>\(t("registered.title"))</h1>
        <p class="lead">\(t("registered.lead"))</p>
        <p>\(t("registered.spam"))</p>
        <p class="actions"><a class="button" href="\(Paths.login.path())">\(t("registered.login"))</a></p>
        </section>
        """
        return context.page(t("registered.title"), body, section: .account)
    }

    /// The emailed link shows a button; only pressing it (a POST) uses the link up, so mail
    /// scanners and previews that open links (GET or HEAD) leave it working.
    static func showEmailConfirmation(_ context: Context) throws -> Response {
        let db = try context.db
        let token = try context.parameters.string("token")
        guard let userID = try AccountQueries.peekEmailToken(db, token: token, purpose: "verify"),
            let account = try AccountQueries.fetchRecipient(db, id: userID)
        else { return try alreadyVerifiedOrInvalid(context) }
        let page = AccountPages.confirmEmail(email: account.email, token: token, chrome: context.chrome)
        return context.page(context.t("verify.title"), page, section: .account)
    }

    /// Pressing the button proves the address. Signed-in readers go to their profile;
    /// others sign in first (the link alone never signs anyone in).
    static func verifyEmail(_ context: Context) throws -> Response {
        let db = try context.db
        let token = try context.parameters.string("token")
        let verified: Int64? = try db.transaction {
            guard let userID = try AccountQueries.consumeEmailToken(db, token: token, purpose: "verify") else { return nil }
            try AccountQueries.markVerified(db, userID: userID)
            return userID
        }
        guard let userID = verified else { return try alreadyVerifiedOrInvalid(context) }
        if context.user?.id == userID { return context.redirect(Paths.me.path(), flash: "flash.verified") }
        return context.redirect(Paths.login.path(), flash: "flash.verified_sign_in")
    }

    static func alreadyVerifiedOrInvalid(_ context: Context) throws -> Response {
        if let user = context.user, user.isVerified { return .redirect(to: Paths.me.path()) }
        throw HTTPError(.notFound, reason: "account.token_invalid")
    }
}
