import Campus
import Foundation
import Postgres
import Web

extension TestApp {
    /// A user made the way `campus user add` makes one (verified), then adjusted.
    @discardableResult
    public func createUser(
        _ email: String, name: String = "Test Person", password: String = "correct horse battery staple",
        verified: Bool = true, roles: [String] = []
    ) throws -> Int64 {
        let db = try connect()
        let id = try AccountCommands.addUser(db, email: email, name: name, password: password, roles: roles)
        if !verified { try db.execute("UPDATE users SET verified_at = NULL WHERE id = \(id)") }
        return id
    }

    /// Signs in through the real form; returns the response (303 on success).
    @discardableResult
    public func signIn(_ email: String, password: String = "correct horse battery staple", next: String? = nil) -> Response {
        var fields = [("email", email), ("password", password)]
        if let next { fields.append(("next", next)) }
        return post("/login", fields)
    }

    /// A session made directly in the database, for tests that need many readers cheaply.
    public func sessionCookie(for userID: Int64) throws -> String {
        let token = Crypto.randomToken()
        let hash = ByteArray(Crypto.sha256(Crypto.fromBase64URL(token) ?? []))
        try connect().execute("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (\(hash), \(userID), now() + interval '1 day')")
        return token
    }

    /// Messages queued for `recipient`, newest first, as `campus mail` would write them now.
    public func outbox(to recipient: String) throws -> [(subject: String, body: String)] {
        try MailDelivery(app: app).messages(try connect(), to: recipient)
    }

    /// The first link in the newest message to `recipient` whose path starts with `prefix`.
    public func link(to recipient: String, prefix: String) throws -> String? {
        guard let body = try outbox(to: recipient).first?.body, let range = body.range(of: "http[^\\s]*" + prefix + "[^\\s]*", options: .regularExpression) else { return nil }
        let url = String(body[range])
        guard let path = url.range(of: prefix) else { return nil }
        return String(url[path.lowerBound...])
    }
}

extension TestDatabase {
    /// Messages queued for `recipient`, newest first, as `campus mail` would write them now.
    public func mail(to recipient: String) throws -> [(subject: String, body: String)] {
        let settings = try Settings.fromEnvironment(["CAMPUS_HOME": TestEnvironment.home])
        return try MailDelivery(settings: settings).messages(try connect(), to: recipient)
    }
}
