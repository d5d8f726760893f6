import Postgres
import Web

/// Signing in and out. An unknown email and a wrong password get the same answer in
/// about the same time; repeated failures get 429 from the address that fails (see
/// `LoginThrottle`), and an account failed from everywhere asks for an emailed link.
enum LoginRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.login, showLogin),
        Route("POST", Paths.login, login),
        Route("POST", Paths.logout, logout),
        Route("GET", Paths.signInLink, SignInLinks.showConfirmation),
        Route("POST", Paths.signInLink, SignInLinks.signIn),
    ]

    static func showLogin(_ context: Context) throws -> Response {
        let next = Paths.localPath(try context.query()["next"], fallback: "")
        if context.user != nil { return .redirect(to: next.isEmpty ? Paths.me.path() : next) }
        var form = FormState(t: context.t)
        form.values["next"] = next
        return page(context, form)
    }

    static func page(_ context: Context, _ form: FormState, status: Status = .ok, emailLinkSent: Bool = false) -> Response {
        context.page(context.t("login.title"), AccountPages.login(form, emailLinkSent: emailLinkSent, chrome: context.chrome), status: status, section: .account)
    }

    static func login(_ context: Context) throws -> Response {
        var form = FormState(t: context.t, form: context.form)
        let email = (context.form.trimmed("email") ?? "").lowercased()
        let password = context.form["password"] ?? ""
        if email.isEmpty { form.fail("email", "account.error.email_required") }
        if email.codePoints > 254 { form.fail("email", "account.error.email_invalid") }
        if password.isEmpty { form.fail("password", "account.error.password_required") }
        guard form.isValid else { return page(context, form, status: .unprocessableContent) }
        // Said once, above the form: which of the two was wrong is not for a guesser to know.
        var refused = form
        refused.refuse("login.failed")
        // No account has such an address or so long a password: refused before counting or hashing.
        guard AccountRules.emailProblem(email) == nil, password.utf8.count <= AccountRules.signInPasswordMaximumBytes else {
            return page(context, refused, status: .unprocessableContent)
        }
        let db = try context.db
        let verdict = try LoginThrottle.admit(db, email: email, address: context.request.remoteAddress, settings: context.settings)
        if case .tooMany(let wait) = verdict {
            form.refuse("login.too_many", count: RateLimiter.minutes(wait))
            return context.tooManyRequests(context.t("login.title"), AccountPages.login(form, chrome: context.chrome), retryAfter: wait, section: .account)
        }
        let account = try AccountQueries.fetchLoginAccount(db, email: email)
        // Whatever the password: a different answer to the right one would confirm a guess.
        if account?.isDisabled == true { throw HTTPError(.forbidden, reason: "login.disabled") }
        // Without an account, check against a stand-in hash: the same work, the same time.
        let matches = Passwords.verify(password, hash: account?.passwordHash ?? context.app.standInPasswordHash)
        let proven = matches && account?.passwordHash != nil ? account : nil
        if verdict == .allowed(needsEmailLink: true) {
            // The same page for a right and a wrong password; only the right one sends a link.
            if let proven { try SignInLinks.send(context, db, account: proven) }
            return page(context, form, emailLinkSent: true)
        }
        guard let account = proven else { return page(context, refused, status: .unprocessableContent) }
        let next = Paths.localPath(context.form["next"], fallback: Paths.me.path())
        return try startSession(context, db, account: account, next: next == "/" ? Paths.me.path() : next) {
            try LoginThrottle.succeeded(db, email: email, address: context.request.remoteAddress, settings: context.settings)
            if let hash = account.passwordHash, Passwords.needsRehash(hash), let fresh = Passwords.hash(password) {
                try AccountQueries.setPassword(db, userID: account.id, hash: fresh)
            }
        }
    }

    /// A new session (a new id on every sign-in) for `account`, after `first` in the same
    /// transaction; the browser's previous session ends.
    static func startSession(_ context: Context, _ db: Connection, account: LoginAccount, next: String, first: () throws -> Void = {}) throws -> Response {
        let (token, language) = try db.transaction {
            try first()
            if let previous = context.user { try Sessions.end(db, sessionID: previous.sessionID) }
            return (try Sessions.create(db, userID: account.id, request: context.request, settings: context.settings),
                    try keepChosenLanguage(context, db, account: account))
        }
        let https = context.request.isHTTPS
        context.cookies.append(SetCookie(name: Sessions.cookieName(https: https), value: token, secure: https))
        context.cookies.append(OperationsRoutes.languageCookie(language, https: https))
        context.cookies.append(.expired(OperationsRoutes.languageChosenCookie, secure: https))
        return .redirect(to: next)
    }

    /// The interface language after sign-in: one chosen on this browser just before,
    /// which becomes the account's, else the account's own.
    static func keepChosenLanguage(_ context: Context, _ db: Connection, account: LoginAccount) throws -> Language {
        let cookies = context.request.cookies
        guard cookies[OperationsRoutes.languageChosenCookie] != nil, let chosen = Language(rawValue: cookies["lang"] ?? "") else {
            return Language(rawValue: account.locale) ?? .es
        }
        if chosen.rawValue != account.locale { try AccountQueries.setLocale(db, userID: account.id, locale: chosen.rawValue) }
        return chosen
    }

    static func logout(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        try Sessions.end(try context.db, sessionID: user.sessionID)
        context.cookies.append(.expired(Sessions.cookieName(https: context.request.isHTTPS), secure: context.request.isHTTPS))
        return context.redirect(Paths.home.path(), flash: "flash.signed_out")
    }
}
