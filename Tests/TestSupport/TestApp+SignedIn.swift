import Campus
import Foundation
import Postgres

extension TestApp {
    /// Another browser on this app and database, signed in as `userID` through a session
    /// made directly in the database (no password hashing: cheap for many readers).
    public func browser(signedInAs userID: Int64) throws -> TestApp {
        let browser = try TestApp(sharing: self)
        browser.cookies["campus_session"] = try sessionCookie(for: userID)
        return browser
    }

    /// The same for the account with `email`, which must exist.
    public func browser(signedInAs email: String) throws -> TestApp {
        guard let id: Int64 = try connect().query("SELECT id FROM users WHERE lower(email) = lower(\(email))").first?["id"] else {
            throw TestSetupError("no account \(email)")
        }
        return try browser(signedInAs: id)
    }
}
