import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The personal export speaks the account's language: words, never codes or message keys.
@Suite struct ExportTests {
    let app: TestApp
    let userID: Int64
    let portuguese: Localizer

    init() throws {
        app = try TestApp()
        userID = try app.createUser("exporta@example.org", name: "Eva Exporta")
        portuguese = try MessageCatalog.load(directory: TestEnvironment.home + "/locales").localizer(.pt)
        let db = try app.connect()
        try db.execute("UPDATE users SET locale = 'pt', position = 'mayor' WHERE id = \(userID)")
        _ = app.signIn("exporta@example.org")
    }

    func export() throws -> [String: Any] {
        // The page's language (a cookie) does not matter: the account's language does.
        app.cookies["lang"] = "es"
        let response = app.get("/me/export")
        #expect(response.status == .ok)
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test func statusesPositionsAndNotificationsAreWordsInTheAccountsLanguage() throws {
        let db = try app.connect()
        let edition = try EditionMaker(db: db).make(capacity: 0)
        #expect(app.post("/editions/\(edition)/enroll", []).status == .seeOther)
        try Notifier.notify(db, app: app.app, userID: userID, kind: .account, message: "notice.affiliation_confirmed", values: ["organization": "Lima"], link: "/me")
        #expect(app.post("/me/email", [("kind", "account")]).status == .seeOther)

        let document = try export()
        let profile = try #require(document["profile"] as? [String: Any])
        #expect(profile["position"] as? String == portuguese("position.mayor"))
        #expect(profile["language"] as? String == portuguese("language_name.pt"))
        let enrollment = try #require((document["enrollments"] as? [[String: Any]])?.first)
        // Waiting, first in line: "Na lista de espera: posição 1", without the page's full stop.
        var waiting = portuguese("enrollment.status.waitlisted", ["position": "1"])
        waiting.removeLast()
        #expect(enrollment["status"] as? String == waiting)
        let notifications = try #require(document["notifications"] as? [[String: Any]])
        let texts = notifications.compactMap { $0["text"] as? String }
        #expect(texts.contains(portuguese("notice.affiliation_confirmed", ["organization": "Lima"])))
        #expect(notifications.allSatisfy { $0["message"] == nil && $0["values"] == nil })
        let preferences = try #require(document["email_preferences"] as? [String: Bool])
        #expect(preferences[portuguese("email_prefs.kind.account")] == true)

        // No value anywhere is a message key or a bare code.
        var strings: [String] = []
        func collect(_ value: Any) {
            if let text = value as? String { strings.append(text) }
            if let list = value as? [Any] { list.forEach(collect) }
            if let object = value as? [String: Any] { object.forEach { strings.append($0.key); collect($0.value) } }
        }
        collect(document)
        let keys = strings.filter { $0.wholeMatch(of: /[a-z_]+(\.[a-z0-9_]+)+/) != nil }
        #expect(keys.isEmpty, "message keys in the export: \(keys)")
        for code in ["waitlisted", "mayor", "account", "enrollment"] { #expect(!strings.contains(code), "\(code) in the export") }
    }

    @Test func rolesAreWordsToo() throws {
        let db = try app.connect()
        try db.execute("INSERT INTO role_grants (user_id, role) VALUES (\(userID), 'moderator')")
        let roles = try #require(try export()["roles"] as? [[String: Any]])
        #expect(roles.first?["role"] as? String == portuguese("role.moderator"))
        #expect(roles.first?["scope"] as? String == portuguese("scope.global"))
    }
}
