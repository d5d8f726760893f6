import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Signing in and out: sessions, enumeration, brute force, expiry.
@Suite struct SignInTests {
    let app: TestApp
    let email = "ines@example.org"

    init() throws {
        app = try TestApp()
        try app.createUser(email, name: "Inés Prieto")
    }

    @Test func signingInStartsASessionAndShowsTheName() throws {
        let response = app.signIn(email)
        #expect(response.status == .seeOther)
        #expect(response.header("Location") == "/me")
        let cookie = try #require(response.headers(named: "Set-Cookie").first { $0.hasPrefix("campus_session=") })
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Lax"))
        let page = app.get("/me")
        #expect(page.status == .ok)
        #expect(page.bodyText.contains("Inés Prieto"))
        // Only a hash of the cookie is in the database.
        let token = try #require(app.cookies["campus_session"])
        let hash = ByteArray(Crypto.sha256(try #require(Crypto.fromBase64URL(token))))
        #expect(try app.connect().query("SELECT 1 FROM sessions WHERE token_hash = \(hash)").count == 1)
    }

    @Test func everySignInGetsANewSession() throws {
        _ = app.signIn(email)
        let first = try #require(app.cookies["campus_session"])
        _ = app.signIn(email)
        #expect(app.cookies["campus_session"] != first)
    }

    @Test func aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        let wrong = app.signIn(email, password: "not the password at all")
        let unknown = app.signIn("nobody@example.org", password: "not the password at all")
        #expect(wrong.status == .unprocessableContent)
        #expect(unknown.status == wrong.status)
        // Said once, above the form, not again beside a field.
        #expect(wrong.bodyText.components(separatedBy: "El correo o la contraseña no son correctos.").count == 2)
        #expect(!wrong.bodyText.contains("Revise los campos marcados"))
        #expect(!wrong.bodyText.contains("aria-invalid"))
        func form(_ page: String) -> String {
            guard let start = page.range(of: "<form class=\"form\""), let end = page.range(of: "</form>", range: start.upperBound..<page.endIndex) else { return "" }
            return String(page[start.lowerBound..<end.upperBound])
                .replacingOccurrences(of: "value=\"[^\"]*\"", with: "", options: .regularExpression)
        }
        #expect(form(wrong.bodyText) == form(unknown.bodyText))
    }

    @Test func repeatedFailuresFromOneAddressAre429WithRetryAfterAndTheFormKept() throws {
        for _ in 0..<5 { #expect(app.signIn(email, password: "wrong password here").status == .unprocessableContent) }
        let blocked = app.signIn(email)
        #expect(blocked.status == .tooManyRequests)
        let wait = try #require(Int(blocked.header("Retry-After") ?? ""))
        #expect(wait > 0 && wait <= 15 * 60)
        #expect(blocked.bodyText.contains("Demasiados intentos fallidos desde esta conexión"))
        #expect(blocked.bodyText.contains("espere 15 minutos"))
        #expect(blocked.bodyText.contains("value=\"\(email)\""))
        #expect(!blocked.bodyText.contains("correct horse battery staple"))
        // Another account from the same address is not affected.
        try app.createUser("other@example.org")
        #expect(app.signIn("other@example.org").status == .seeOther)
    }

    @Test func failuresOutsideTheWindowDoNotCount() throws {
        for _ in 0..<5 { _ = app.signIn(email, password: "wrong password here") }
        #expect(app.signIn(email).status == .tooManyRequests)
        try app.connect().execute("UPDATE rate_limits SET resets_at = now() - interval '1 second'")
        #expect(app.signIn(email).status == .seeOther)
    }

    @Test func aSuccessClearsTheAccountsFailures() throws {
        for _ in 0..<4 { _ = app.signIn(email, password: "wrong password here") }
        #expect(app.signIn(email).status == .seeOther)
        for _ in 0..<4 { _ = app.signIn(email, password: "wrong password here") }
        #expect(app.signIn(email).status == .seeOther)
    }

    @Test func signingOutEndsTheSessionOnTheServer() throws {
        _ = app.signIn(email)
        let token = try #require(app.cookies["campus_session"])
        let out = app.post("/logout", [])
        #expect(out.status == .seeOther)
        #expect(out.headers(named: "Set-Cookie").contains { $0.hasPrefix("campus_session=;") && $0.contains("Max-Age=0") })
        #expect(try app.connect().query("SELECT 1 FROM sessions").isEmpty)
        // The old cookie, replayed, is nobody's.
        app.cookies["campus_session"] = token
        #expect(app.get("/me").status == .seeOther)
    }

    @Test func idleAndOldSessionsExpire() throws {
        _ = app.signIn(email)
        #expect(app.get("/me").status == .ok)
        try app.connect().execute("UPDATE sessions SET last_seen_at = now() - interval '9 hours'")
        let idle = app.get("/me")
        #expect(idle.status == .seeOther)
        #expect(idle.header("Location") == "/login?next=%2Fme")
        _ = app.signIn(email)
        try app.connect().execute("UPDATE sessions SET expires_at = now() - interval '1 second'")
        #expect(app.get("/me").status == .seeOther)
    }

    @Test func deadSessionsAreSweptAtTheNextSignIn() throws {
        _ = app.signIn(email)
        _ = app.signIn(email)
        let db = try app.connect()
        try db.execute("UPDATE sessions SET expires_at = now() - interval '1 minute'")
        _ = app.signIn(email)
        let left: Int = try db.query("SELECT count(*)::int8 AS n FROM sessions").first?["n"] ?? -1
        #expect(left == 1)
    }

    @Test func oddInputIsAnswerNotACrash() throws {
        let long = "a" + String(repeating: "\u{301}", count: 400) + "@example.org"
        #expect(app.signIn(long, password: "whatever it is").status == .unprocessableContent)
        let agent = String(repeating: "e\u{301}", count: 200)
        let response = app.post("/login", [("email", email), ("password", "correct horse battery staple")], headers: ["user-agent": agent])
        #expect(response.status == .seeOther)
    }

    @Test func signingInAgainEndsTheSessionTheBrowserHad() throws {
        _ = app.signIn(email)
        let first = try #require(app.cookies["campus_session"])
        _ = app.signIn(email)
        let hash = ByteArray(Crypto.sha256(try #require(Crypto.fromBase64URL(first))))
        #expect(try app.connect().query("SELECT 1 FROM sessions WHERE token_hash = \(hash)").isEmpty)
    }

    @Test func signInReturnsToTheRequestedPageButNeverAnotherSite() {
        #expect(app.signIn(email, next: "/notifications").header("Location") == "/notifications")
        #expect(app.signIn(email, next: "https://evil.example/").header("Location") == "/me")
        #expect(app.signIn(email, next: "//evil.example").header("Location") == "/me")
    }

    @Test func tokensAreBoundToTheSessionOnceSignedIn() throws {
        let anonymous = try #require(app.token())
        _ = app.signIn(email)
        #expect(app.post("/logout", [], csrf: anonymous).status == .forbidden)
        #expect(app.post("/logout", []).status == .seeOther)
    }

    @Test func aDisabledAccountAnswersTheSameWhateverThePassword() throws {
        try app.connect().execute("UPDATE users SET disabled_at = now() WHERE email = \(email)")
        let right = app.signIn(email)
        let wrong = app.signIn(email, password: "wrong password here")
        #expect(right.status == .forbidden)
        #expect(right.bodyText.contains("desactivada"))
        #expect(wrong.status == right.status)
        func page(_ response: Response) -> String {
            response.bodyText.replacingOccurrences(of: "value=\"[^\"]*\"", with: "", options: .regularExpression)
        }
        #expect(page(wrong) == page(right))
        #expect(app.cookies["campus_session"] == nil)
    }

    @Test func theInterfaceFollowsTheAccountsLanguage() throws {
        try app.connect().execute("UPDATE users SET locale = 'fr' WHERE email = \(email)")
        _ = app.signIn(email)
        #expect(app.cookies["lang"] == "fr")
        #expect(app.get("/me").bodyText.contains("<html lang=\"fr\">"))
    }

    @Test func aLanguageChosenBeforeSigningInIsKeptAndBecomesTheAccounts() throws {
        try app.connect().execute("UPDATE users SET locale = 'fr' WHERE email = \(email)")
        #expect(app.post("/locale", [("lang", "pt"), ("next", "/login")]).status == .seeOther)
        #expect(app.signIn(email).status == .seeOther)
        #expect(app.cookies["lang"] == "pt")
        #expect(app.get("/me").bodyText.contains("<html lang=\"pt\">"))
        let locale: String = try app.connect().query("SELECT locale FROM users WHERE email = \(email)").first?["locale"] ?? ""
        #expect(locale == "pt")
        // The choice was used up: the next sign-in on this browser follows the account again.
        try app.connect().execute("UPDATE users SET locale = 'en' WHERE email = \(email)")
        _ = app.signIn(email)
        #expect(app.cookies["lang"] == "en")
    }

    @Test func choosingALanguageSignedInMakesItTheAccounts() throws {
        _ = app.signIn(email)
        #expect(app.post("/locale", [("lang", "en"), ("next", "/me")]).status == .seeOther)
        let locale: String = try app.connect().query("SELECT locale FROM users WHERE email = \(email)").first?["locale"] ?? ""
        #expect(locale == "en")
    }

    @Test func aFormPostedToATrailingSlashIsNotFound() throws {
        // nginx guards POST /login; /login/ must not be a way around it.
        let response = app.post("/login/", [("email", email), ("password", "correct horse battery staple")])
        #expect(response.status == .notFound)
        #expect(app.cookies["campus_session"] == nil)
        let page = app.get("/login/")
        #expect(page.status == .permanentRedirect)
        #expect(page.header("Location") == "/login")
    }
}
