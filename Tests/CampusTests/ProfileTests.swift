import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// /me, passwords, privacy, notifications and email.
@Suite struct ProfileTests {
    let app: TestApp
    let email = "rosa@example.org"
    let userID: Int64

    init() throws {
        app = try TestApp()
        userID = try app.createUser(email, name: "Rosa Quispe")
        _ = app.signIn(email)
    }

    @Test func visitorsAreSentToSignIn() throws {
        let visitor = try TestApp()
        let page = visitor.get("/me")
        #expect(page.status == .seeOther)
        #expect(page.header("Location") == "/login?next=%2Fme")
        #expect(visitor.post("/me", [("name", "x")]).status == .forbidden)
    }

    @Test func theProfileCanBeEdited() throws {
        let response = app.post("/me", [("name", "Rosa María Quispe"), ("organization_id", ""), ("position", "mayor"), ("locale", "en"), ("time_zone", "America/Lima")])
        #expect(response.status == .seeOther)
        #expect(app.cookies["lang"] == "en")
        let page = app.get("/me")
        #expect(page.bodyText.contains("Profile saved") || page.bodyText.contains("Changes saved") || page.status == .ok)
        let row = try #require(try app.connect().query("SELECT name, position, locale, time_zone FROM users WHERE id = \(userID)").first)
        #expect(try row["name"] == "Rosa María Quispe")
        #expect(try row["time_zone"] == "America/Lima")
    }

    @Test func badProfileInputIs422WithValuesKept() {
        let response = app.post("/me", [("name", ""), ("organization_id", "12abc"), ("position", "king"), ("locale", "de"), ("time_zone", "Mars/Olympus")])
        #expect(response.status == .unprocessableContent)
        #expect(response.bodyText.contains("id=\"time_zone-error\""))
        #expect(response.bodyText.contains("id=\"organization_id-error\""))
    }

    @Test func anUnknownOrganizationIsAFormErrorNotACrash() {
        for id in ["424242", "-1", "99999999999999999999"] {
            let response = app.post("/me", [("name", "Rosa"), ("organization_id", id), ("position", "mayor"), ("locale", "es"), ("time_zone", "America/Lima")])
            #expect(response.status == .unprocessableContent, "organization_id=\(id)")
        }
    }

    @Test func theLastAdminCannotDeleteTheirAccount() throws {
        let db = try app.connect()
        try db.execute("DELETE FROM role_grants WHERE role = 'admin'")
        try db.execute("INSERT INTO role_grants (user_id, role) VALUES (\(userID), 'admin')")
        let response = app.post("/me/delete", [("password", "correct horse battery staple")])
        #expect(response.status == .conflict)
        #expect(try db.query("SELECT 1 FROM users WHERE id = \(userID) AND deleted_at IS NULL").count == 1)
    }

    @Test func aDeletedAccountsQueuedEmailIsDropped() throws {
        let db = try app.connect()
        try db.execute("INSERT INTO outbox (user_id, recipient, subject, body) VALUES (\(userID), \(email), 'Pendiente', 'x')")
        #expect(app.post("/me/delete", [("password", "correct horse battery staple")]).status == .seeOther)
        #expect(try db.query("SELECT 1 FROM outbox WHERE user_id = \(userID) AND sent_at IS NULL").isEmpty)
    }

    @Test func changingThePasswordEndsOtherSessionsOnly() throws {
        let other = try app.sessionCookie(for: userID)
        let response = app.post("/me/password", [("current_password", "correct horse battery staple"), ("new_password", "otra frase completamente nueva")])
        #expect(response.status == .seeOther)
        #expect(app.get("/me").status == .ok)
        let count: Int = try app.connect().query("SELECT count(*)::int8 AS n FROM sessions WHERE user_id = \(userID)").first?["n"] ?? 0
        #expect(count == 1)
        _ = other
        #expect(try app.outbox(to: email).first?.subject == "Su contraseña de Campus cambió")
    }

    @Test func changingThePasswordNeedsTheCurrentOne() {
        let response = app.post("/me/password", [("current_password", "guess"), ("new_password", "otra frase completamente nueva")])
        #expect(response.status == .unprocessableContent)
        #expect(response.bodyText.contains("La contraseña actual no es correcta."))
        #expect(!response.bodyText.contains("otra frase completamente nueva"))
    }

    @Test func currentPasswordChecksAreThrottled() throws {
        for _ in 0..<5 {
            let wrong = app.post("/me/password", [("current_password", "a guess that is wrong"), ("new_password", "otra frase completamente nueva")])
            #expect(wrong.status == .unprocessableContent)
        }
        // Even the right password waits now, on both forms that ask for it.
        let blocked = app.post("/me/password", [("current_password", "correct horse battery staple"), ("new_password", "otra frase completamente nueva")])
        #expect(blocked.status == .tooManyRequests)
        #expect(Int(blocked.header("Retry-After") ?? "") ?? 0 > 0)
        #expect(blocked.bodyText.contains("Vuelva a intentarlo dentro de"))
        #expect(!blocked.bodyText.contains("otra frase completamente nueva"))
        let delete = app.post("/me/delete", [("password", "correct horse battery staple")])
        #expect(delete.status == .tooManyRequests)
        #expect(delete.header("Retry-After") != nil)
        #expect(try app.connect().query("SELECT 1 FROM users WHERE id = \(userID) AND deleted_at IS NULL").count == 1)
        let hash: String? = try app.connect().query("SELECT password_hash FROM users WHERE id = \(userID)").first?["password_hash"]
        #expect(Passwords.verify("correct horse battery staple", hash: hash ?? ""))
    }

    @Test func deletingTheAccountChecksThePasswordUnderTheSameLimit() throws {
        for _ in 0..<5 { #expect(app.post("/me/delete", [("password", "a guess that is wrong")]).status == .unprocessableContent) }
        #expect(app.post("/me/delete", [("password", "correct horse battery staple")]).status == .tooManyRequests)
    }

    @Test func resetRequestsFromOneAddressAreLimited() throws {
        let visitor = try TestApp()
        try visitor.connect().execute("INSERT INTO rate_limits (name, key, hits, resets_at) VALUES ('reset.address', '127.0.0.1', 20, now() + interval '5 minutes')")
        let refused = visitor.post("/password/forgot", [("email", "rosa@example.org")])
        #expect(refused.status == .tooManyRequests)
        #expect(Int(refused.header("Retry-After") ?? "") ?? 0 > 0)
        #expect(refused.bodyText.contains("value=\"rosa@example.org\""))
        #expect(try visitor.outbox(to: "rosa@example.org").isEmpty)
    }

    @Test func resetLinksToOneMailboxAreLimited() throws {
        let visitor = try TestApp()
        _ = try visitor.createUser("lost@example.org")
        for index in 0..<5 {
            visitor.remoteAddress = "192.0.2.\(index + 1)"
            // The same answer every time, whether or not a message went out.
            #expect(visitor.post("/password/forgot", [("email", "lost@example.org")]).header("Location") == "/password/forgot?sent=1")
        }
        #expect(try visitor.outbox(to: "lost@example.org").count == 3)
    }

    @Test func aForgottenPasswordIsResetByEmailOnce() throws {
        let visitor = try TestApp()
        _ = try visitor.createUser("lost@example.org")
        let sent = visitor.post("/password/forgot", [("email", "LOST@example.org")])
        #expect(sent.status == .seeOther)
        let unknown = visitor.post("/password/forgot", [("email", "nobody@example.org")])
        #expect(unknown.header("Location") == sent.header("Location"))
        #expect(try visitor.outbox(to: "nobody@example.org").isEmpty)
        let link = try #require(try visitor.link(to: "lost@example.org", prefix: "/password/reset/"))
        #expect(visitor.get(link).status == .ok)
        #expect(visitor.post(link, [("new_password", "short")]).status == .unprocessableContent)
        #expect(visitor.post(link, [("new_password", "una clave nueva y larga")]).status == .seeOther)
        #expect(visitor.post(link, [("new_password", "otra clave nueva y larga")]).status == .notFound)
        #expect(visitor.signIn("lost@example.org", password: "una clave nueva y larga").status == .seeOther)
    }

    @Test func aBadAddressOnTheForgottenPasswordFormIs422() throws {
        let visitor = try TestApp()
        let response = visitor.post("/password/forgot", [("email", "not an address")])
        #expect(response.status == .unprocessableContent)
        #expect(response.bodyText.contains("id=\"email-error\""))
        #expect(response.bodyText.contains("value=\"not an address\""))
    }

    @Test func unknownEmailPreferenceKindsAreIgnored() throws {
        #expect(app.post("/me/email", [("kind", "account"), ("kind", "<script>"), ("kind", "spam")]).status == .seeOther)
        let kinds: [String] = try app.connect().query("SELECT kind FROM email_preferences WHERE user_id = \(userID) ORDER BY kind").map { try $0["kind"] }
        #expect(kinds == NotificationKind.allCases.map(\.rawValue).sorted())
        #expect(try app.connect().query("SELECT 1 FROM email_preferences WHERE user_id = \(userID) AND kind = 'account' AND by_email").count == 1)
    }

    @Test func resetLinksExpireAfterAnHour() throws {
        let visitor = try TestApp()
        _ = try visitor.createUser("late@example.org")
        _ = visitor.post("/password/forgot", [("email", "late@example.org")])
        let link = try #require(try visitor.link(to: "late@example.org", prefix: "/password/reset/"))
        try visitor.connect().execute("UPDATE email_tokens SET expires_at = now() - interval '1 second'")
        #expect(visitor.get(link).status == .notFound)
    }

    @Test func unverifiedReadersAreToldWhy() throws {
        let visitor = try TestApp()
        try visitor.createUser("new@example.org", verified: false)
        _ = visitor.signIn("new@example.org")
        let page = visitor.get("/me")
        #expect(page.bodyText.contains("Confirme su correo (new@example.org)"))
        // The banner on every page resends the link itself, not only points at /me.
        let catalog = visitor.get("/courses").bodyText
        #expect(catalog.contains("<form class=\"inline\" method=\"post\" action=\"/me/verification\">"))
        #expect(catalog.contains("Reenviar el enlace</button>"))
        #expect(visitor.post("/me/verification", []).status == .seeOther)
        #expect(try visitor.link(to: "new@example.org", prefix: "/verify/") != nil)
    }

    @Test func resendingTheVerificationLinkReallySendsOneUpToTheLimit() throws {
        let visitor = try TestApp()
        _ = visitor.post("/register", [("name", "Nueva Persona"), ("email", "nueva@example.org"), ("password", "una frase bastante larga"), ("position", "other"), ("locale", "es")])
        _ = visitor.signIn("nueva@example.org", password: "una frase bastante larga")
        // Right after registering, each press sends a new link, and each link works.
        var links: [String] = []
        for count in 2...4 {
            #expect(visitor.post("/me/verification", []).status == .seeOther)
            #expect(try visitor.outbox(to: "nueva@example.org").count == count)
            links.append(try #require(try visitor.link(to: "nueva@example.org", prefix: "/verify/")))
        }
        #expect(Set(links).count == 3)
        let refused = visitor.post("/me/verification", [])
        #expect(refused.status == .tooManyRequests)
        #expect(Int(refused.header("Retry-After") ?? "") ?? 0 > 0)
        #expect(refused.bodyText.contains("Ya le enviamos varios enlaces en la última hora."))
        #expect(try visitor.outbox(to: "nueva@example.org").count == 4)
        #expect(visitor.post(links[0], []).status == .seeOther)
    }

    @Test func theDataExportHasTheReadersData() throws {
        let response = app.get("/me/export")
        #expect(response.status == .ok)
        #expect(response.header("Content-Disposition")?.hasPrefix("attachment;") == true)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        let profile = try #require(document["profile"] as? [String: Any])
        #expect(profile["email"] as? String == "rosa@example.org")
        #expect(profile["name"] as? String == "Rosa Quispe")
        #expect((document["sessions"] as? [Any])?.count == 1)
    }

    @Test func deletingTheAccountRemovesPersonalDataAndEndsSessions() throws {
        #expect(app.get("/me/delete").status == .ok)
        #expect(app.post("/me/delete", [("password", "wrong")]).status == .unprocessableContent)
        let response = app.post("/me/delete", [("password", "correct horse battery staple")])
        #expect(response.status == .seeOther)
        let row = try #require(try app.connect().query("SELECT name, email, password_hash, deleted_at IS NOT NULL AS deleted FROM users WHERE id = \(userID)").first)
        #expect(try row["deleted"] == true)
        #expect(try row["name"] == "former participant")
        #expect(try row["password_hash"] == String?.none)
        #expect((try row["email"] as String).hasSuffix("@invalid"))
        #expect(try app.connect().query("SELECT 1 FROM sessions WHERE user_id = \(userID)").isEmpty)
        #expect(try app.connect().query("SELECT 1 FROM audit_log WHERE action = 'account.delete' AND subject_id = \(userID)").count == 1)
        #expect(app.signIn(email).status == .unprocessableContent)
    }

    @Test func notificationsShowUnreadAndCanBeMarkedRead() throws {
        let db = try app.connect()
        try Notifier.notify(db, app: app.app, userID: userID, kind: .account, message: "notice.affiliation_confirmed", values: ["organization": "<b>Lima</b>"], link: "/me")
        let page = app.get("/notifications")
        #expect(page.bodyText.contains("class=\"badge\""))
        #expect(page.bodyText.contains("&lt;b&gt;Lima&lt;/b&gt;"))
        #expect(app.post("/notifications/read", []).status == .seeOther)
        #expect(!app.get("/notifications").bodyText.contains("class=\"badge\""))
    }

    @Test func emailPreferencesDecideWhatAlsoComesByEmail() throws {
        let db = try app.connect()
        #expect(app.post("/me/email", [("kind", "enrollment")]).status == .seeOther)
        try Notifier.notify(db, app: app.app, userID: userID, kind: .account, message: "notice.role_granted.admin")
        #expect(try app.outbox(to: email).isEmpty)
        try Notifier.notify(db, app: app.app, userID: userID, kind: .enrollment, message: "notice.role_granted.admin")
        let mail = try #require(try app.outbox(to: email).first)
        #expect(mail.body.contains("/me/email"))
        #expect(try db.query("SELECT 1 FROM notifications WHERE user_id = \(userID)").count == 2)
    }
}
