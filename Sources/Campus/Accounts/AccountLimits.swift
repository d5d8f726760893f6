/// How often the account forms may be used. Sign-in has its own (`LoginThrottle`); the
/// per-address ones are settings because whole offices share one address.
enum AccountLimits {
    static func registrationsPerAddress(_ settings: Settings) -> RateLimit {
        .perMinutes("register.address", limit: settings.registrationsPerAddress, minutes: 60)
    }

    static let registrationsPerEmail = RateLimit.perMinutes("register.email", limit: 3, minutes: 60)

    /// "Someone tried to register with your address": once a day is warning enough.
    static let accountExistsEmails = RateLimit.perMinutes("register.account_exists_email", limit: 1, minutes: 24 * 60)

    static func resetRequestsPerAddress(_ settings: Settings) -> RateLimit {
        .perMinutes("reset.address", limit: settings.resetRequestsPerAddress, minutes: 60)
    }

    /// Reset links to one address: enough for a typo, useless for flooding a mailbox.
    static let resetEmails = RateLimit.perMinutes("reset.email", limit: 3, minutes: 60)

    static let verificationResends = RateLimit.perMinutes("verify.resend", limit: 3, minutes: 60)

    /// Links that finish a sign-in to an account under attack (sent only for the right password).
    static let signInLinks = RateLimit.perMinutes("login.link_email", limit: 3, minutes: 60)

    /// Wrong current passwords on /me/password and /me/delete: as many as a sign-in allows.
    static func passwordChecks(_ settings: Settings) -> RateLimit {
        .perMinutes("account.password_check", limit: settings.loginFailuresPerAccountAndAddress, minutes: settings.loginWindowMinutes)
    }
}
