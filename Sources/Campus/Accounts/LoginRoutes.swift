import Postgres
import Web

/// Signing in and out. An unknown email and a wrong password get the same answer in
/// about the same time; repeated failures per account or per address get 429.
enum LoginRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.login, showLogin),
        Route("POST", Paths.login, login),
        Route("POST", Paths.logout, logout),
    ]

    static func showLogin(_ context: Context) throws -> Response {
        let next = Paths.localPath(try context.query()["next"], fallback: "")
        if context.user != nil { return .redirect(to: next.isEmpty ? Paths.me.path() : next) }
        var form = FormState(t: context.t)
        form.values["next"] = next
        return context.page(context.t("login.title"), AccountPages.login(form, chrome: context.chrome), section: .account)
    }

    static func login(_ context: Context) throws -> Response {
        let db = try context.db
        var form = FormState(t: context.t, form: context.form)
        let email = (context.form.trimmed("email") ?? "").lowercased()
        let password = context.form["password"] ?? ""
        if email.isEmpty { form.fail("email", "account.error.email_required") }
        if email.codePoints > 254 { form.fail("email", "account.error.email_invalid") }
        if password.isEmpty { form.fail("password", "account.error.password_required") }
        guard form.isValid else {
            return context.invalid(context.t("login.title"), AccountPages.login(form, chrome: context.chrome), section: .account)
        }
        let address = context.request.remoteAddress
        // One attempt per account at a time, so parallel guesses cannot all pass the count.
        let outcome: (account: LoginAccount, token: String)? = try db.transaction {
            try LoginThrottle.serialize(db, email: email)
            if let wait = try LoginThrottle.retryAfter(db, email: email, address: address, settings: context.settings) {
                let minutes = max(1, (wait + 59) / 60)
                throw HTTPError(.tooManyRequests, reason: "login.too_many", arguments: ["minutes": String(minutes)], headers: [("Retry-After", String(wait))])
            }
            let account = try AccountQueries.fetchLoginAccount(db, email: email)
            // Without an account, check against a stand-in hash: the same work, the same time.
            let matches = Passwords.verify(password, hash: account?.passwordHash ?? context.app.standInPasswordHash)
            guard let account, account.passwordHash != nil, matches else {
                try LoginThrottle.recordFailure(db, email: email, address: address)
                return nil
            }
            guard !account.isDisabled else { throw HTTPError(.forbidden, reason: "login.disabled") }
            try LoginThrottle.clearFailures(db, email: email)
            if let hash = account.passwordHash, Passwords.needsRehash(hash), let fresh = Passwords.hash(password) {
                try AccountQueries.setPassword(db, userID: account.id, hash: fresh)
            }
            // Signing in again, or as someone else, ends the session this browser had.
            if let previous = context.user { try Sessions.end(db, sessionID: previous.sessionID) }
            return (account, try Sessions.create(db, userID: account.id, request: context.request, settings: context.settings))
        }
        guard let (account, token) = outcome else {
            form.fail("password", "login.failed")
            return context.invalid(context.t("login.title"), AccountPages.login(form, chrome: context.chrome), section: .account)
        }
        // A new session id on every sign-in; the interface follows the account's language.
        context.cookies.append(SetCookie(name: Sessions.cookieName(https: context.request.isHTTPS), value: token, secure: context.request.isHTTPS))
        var language = SetCookie(name: "lang", value: account.locale, maxAge: 365 * 24 * 3600, secure: context.request.isHTTPS)
        language.httpOnly = false
        context.cookies.append(language)
        let next = Paths.localPath(context.form["next"], fallback: Paths.me.path())
        return .redirect(to: next == "/" ? Paths.me.path() : next)
    }

    static func logout(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        try Sessions.end(try context.db, sessionID: user.sessionID)
        context.cookies.append(.expired(Sessions.cookieName(https: context.request.isHTTPS), secure: context.request.isHTTPS))
        return context.redirect(Paths.home.path(), flash: "flash.signed_out")
    }
}
