import Postgres
import Web

/// Forgotten passwords: a single-use link by email, valid for an hour. The answer is
/// the same whether or not the address has an account.
enum PasswordRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.forgotPassword, showForgotPassword),
        Route("POST", Paths.forgotPassword, sendResetLink),
        Route("GET", Paths.resetPassword, showResetPassword),
        Route("POST", Paths.resetPassword, resetPassword),
    ]

    static func showForgotPassword(_ context: Context) throws -> Response {
        let sent = try context.query()["sent"] != nil
        return context.page(context.t("forgot.title"), AccountPages.forgotPassword(FormState(t: context.t), sent: sent, chrome: context.chrome), section: .account)
    }

    static func sendResetLink(_ context: Context) throws -> Response {
        let db = try context.db
        var form = FormState(t: context.t, form: context.form)
        let email = context.form.trimmed("email")
        if let problem = AccountRules.emailProblem(email) { form.fail("email", problem) }
        guard form.isValid, let email else {
            return context.invalid(context.t("forgot.title"), AccountPages.forgotPassword(form, sent: false, chrome: context.chrome), section: .account)
        }
        let address = ClientAddress.limitKey(context.request.remoteAddress)
        if let wait = try RateLimiter.hit(db, AccountLimits.resetRequestsPerAddress(context.settings), key: address) {
            form.refuseForNow(retryAfter: wait)
            let page = AccountPages.forgotPassword(form, sent: false, chrome: context.chrome)
            return context.tooManyRequests(context.t("forgot.title"), page, retryAfter: wait, section: .account)
        }
        // Past the limit per mailbox the answer stays the same and no more mail goes out:
        // a 429 here would only let a stranger keep the owner from asking.
        guard try RateLimiter.hit(db, AccountLimits.resetEmails, key: email.lowercased()) == nil else {
            return .redirect(to: Paths.forgotPassword.path() + "?sent=1")
        }
        try db.transaction {
            guard let account = try AccountQueries.fetchRecipient(db, email: email) else { return }
            let token = try AccountQueries.createEmailToken(db, userID: account.id, purpose: "reset", validForMinutes: 60)
            try Outbox.enqueue(
                db, to: .user(account.id), template: "reset", values: ["link": context.settings.baseURL + Paths.resetPassword.path(token)])
        }
        return .redirect(to: Paths.forgotPassword.path() + "?sent=1")
    }

    static func showResetPassword(_ context: Context) throws -> Response {
        let token = try context.parameters.string("token")
        guard try AccountQueries.peekEmailToken(try context.db, token: token, purpose: "reset") != nil else {
            throw HTTPError(.notFound, reason: "account.token_invalid")
        }
        return context.page(context.t("reset.title"), AccountPages.resetPassword(FormState(t: context.t), token: token, chrome: context.chrome), section: .account)
    }

    /// Sets the new password, proves the email address, and signs out everywhere.
    static func resetPassword(_ context: Context) throws -> Response {
        let db = try context.db
        let token = try context.parameters.string("token")
        guard let userID = try AccountQueries.peekEmailToken(db, token: token, purpose: "reset"),
            let account = try AccountQueries.fetchRecipient(db, id: userID)
        else { throw HTTPError(.notFound, reason: "account.token_invalid") }
        var form = FormState(t: context.t)
        let password = context.form["new_password"]
        if let problem = AccountRules.passwordProblem(password, email: account.email, name: account.name) { form.fail("new_password", problem) }
        guard form.isValid, let password else {
            return context.invalid(context.t("reset.title"), AccountPages.resetPassword(form, token: token, chrome: context.chrome), section: .account)
        }
        guard let hash = Passwords.hash(password) else { throw HTTPError(.serviceUnavailable) }
        let done: Bool = try db.transaction {
            guard try AccountQueries.consumeEmailToken(db, token: token, purpose: "reset") == userID else { return false }
            try AccountQueries.setPassword(db, userID: userID, hash: hash)
            try AccountQueries.markVerified(db, userID: userID)
            try Sessions.endAll(db, userID: userID)
            try LoginThrottle.forgive(db, email: account.email, settings: context.settings)
            try Outbox.enqueue(
                db, to: .user(userID), template: "password_changed", values: ["reset": context.settings.baseURL + Paths.forgotPassword.path()])
            return true
        }
        guard done else { throw HTTPError(.notFound, reason: "account.token_invalid") }
        if context.user?.id == userID {
            context.cookies.append(.expired(Sessions.cookieName(https: context.request.isHTTPS), secure: context.request.isHTTPS))
        }
        return context.redirect(Paths.login.path(), flash: "flash.password_reset")
    }
}
