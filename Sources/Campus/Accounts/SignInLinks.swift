import Postgres
import Web

/// Finishing a sign-in by email. Once an account has failed too often from everywhere
/// together, the right password alone no longer signs in: it sends the account a link,
/// valid for a short while and once, that does. The owner is never shut out; a guesser
/// would need the mailbox too.
enum SignInLinks {
    static let validMinutes = 15

    /// Emails a link to the account (a few an hour at most: more would only flood it).
    static func send(_ context: Context, _ db: Connection, account: LoginAccount) throws {
        guard try RateLimiter.hit(db, AccountLimits.signInLinks, key: String(account.id)) == nil,
            try AccountQueries.fetchRecipient(db, id: account.id) != nil
        else { return }
        let base = context.settings.baseURL
        try db.transaction {
            let token = try AccountQueries.createEmailToken(db, userID: account.id, purpose: "sign_in", validForMinutes: validMinutes)
            try Outbox.enqueue(
                db, to: .user(account.id), template: "sign_in",
                values: [
                    "link": base + Paths.signInLink.path(token), "minutes": String(validMinutes),
                    "reset": base + Paths.forgotPassword.path(),
                ])
        }
    }

    /// The link opens a page with a button: mail scanners that follow links do not use it up.
    static func showConfirmation(_ context: Context) throws -> Response {
        let token = try context.parameters.string("token")
        guard try AccountQueries.peekEmailToken(try context.db, token: token, purpose: "sign_in") != nil else {
            throw HTTPError(.notFound, reason: "account.token_invalid")
        }
        return context.page(context.t("sign_in_link.title"), AccountPages.signInLink(token: token, chrome: context.chrome), section: .account)
    }

    static func signIn(_ context: Context) throws -> Response {
        let db = try context.db
        let token = try context.parameters.string("token")
        return try db.transaction {
            guard let userID = try AccountQueries.consumeEmailToken(db, token: token, purpose: "sign_in"),
                let account = try AccountQueries.fetchLoginAccount(db, id: userID), !account.isDisabled
            else { throw HTTPError(.notFound, reason: "account.token_invalid") }
            return try LoginRoutes.startSession(context, db, account: account, next: Paths.me.path())
        }
    }
}
