import Postgres

/// Limits on sign-in attempts, after OWASP's authentication guidance. Failures count per
/// account from one address, and per address: a stranger's guesses slow the stranger
/// down, never the owner signing in from elsewhere. Failures on one account from every
/// address together never lock it either: past their limit, signing in also needs a
/// link sent to the account's email.
enum LoginThrottle {
    enum Verdict: Equatable {
        case allowed(needsEmailLink: Bool)
        case tooMany(retryAfter: Int)
    }

    static func accountAndAddress(_ settings: Settings) -> RateLimit {
        .perMinutes("login.account_address", limit: settings.loginFailuresPerAccountAndAddress, minutes: settings.loginWindowMinutes)
    }

    static func address(_ settings: Settings) -> RateLimit {
        .perMinutes("login.address", limit: settings.loginFailuresPerAddress, minutes: settings.loginWindowMinutes)
    }

    static func account(_ settings: Settings) -> RateLimit {
        .perMinutes("login.account", limit: settings.loginFailuresBeforeEmailLink, minutes: settings.loginWindowMinutes)
    }

    /// Counts the attempt before the password is checked, so parallel guesses cannot all
    /// pass under a limit; a success takes its count back (`succeeded`). An address
    /// already refused for this account does not use up its allowance for the others.
    static func admit(_ db: Connection, email: String, address: String, settings: Settings) throws -> Verdict {
        let client = ClientAddress.limitKey(address)
        if let wait = try RateLimiter.hit(db, accountAndAddress(settings), key: RateLimiter.key([email, client])) {
            return .tooMany(retryAfter: wait)
        }
        if let wait = try RateLimiter.hit(db, LoginThrottle.address(settings), key: client) { return .tooMany(retryAfter: wait) }
        let overAccount = try RateLimiter.hit(db, account(settings), key: email) != nil
        return .allowed(needsEmailLink: overAccount)
    }

    /// The attempt signed in: it was no failure, and this client's failures on the
    /// account are forgiven.
    static func succeeded(_ db: Connection, email: String, address: String, settings: Settings) throws {
        let client = ClientAddress.limitKey(address)
        try RateLimiter.clear(db, accountAndAddress(settings), key: RateLimiter.key([email, client]))
        try RateLimiter.undo(db, LoginThrottle.address(settings), key: client)
        try RateLimiter.undo(db, account(settings), key: email)
    }

    /// A new password set through the emailed link: every count against the account starts over.
    static func forgive(_ db: Connection, email: String, settings: Settings) throws {
        let email = email.lowercased()
        try RateLimiter.clear(db, accountAndAddress(settings), keysStartingWith: [email])
        try RateLimiter.clear(db, account(settings), key: email)
    }
}
