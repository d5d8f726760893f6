import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Registering, verifying the email, and what the forms answer to bad input.
@Suite struct RegistrationTests {
    let app: TestApp

    init() throws { app = try TestApp() }

    func register(_ fields: [(String, String)]) -> Response { app.post("/register", fields) }

    let valid = [("name", "Paula Méndez"), ("email", "Paula.Mendez@Example.org"), ("password", "tres tristes tigres comen"),
                 ("organization_id", ""), ("position", "councilor"), ("locale", "pt")]

    @Test func aNewAccountIsCreatedUnverifiedAndGetsAVerificationEmail() throws {
        let response = register(valid)
        #expect(response.status == .seeOther)
        #expect(response.header("Location") == "/register/sent")
        let db = try app.connect()
        let row = try #require(try db.query("SELECT email, name, position, locale, verified_at, password_hash FROM users WHERE lower(email) = 'paula.mendez@example.org'").first)
        #expect(try row["name"] == "Paula Méndez")
        #expect(try row["position"] == "councilor")
        #expect(try row["verified_at"] == Date?.none)
        let hash: String = try row["password_hash"]
        #expect(hash.hasPrefix("$argon2id$"))
        #expect(!hash.contains("tigres"))
        // The message is in the language chosen on the form.
        let mail = try #require(try app.outbox(to: "paula.mendez@example.org").first)
        #expect(mail.subject != "Confirme su correo en Campus")
        #expect(mail.body.contains("Paula Méndez"))
        let link = try #require(try app.link(to: "paula.mendez@example.org", prefix: "/verify/"))
        // Only the token's hash is stored.
        let token = String(link.dropFirst("/verify/".count))
        #expect(try db.query("SELECT 1 FROM email_tokens WHERE token_hash = \(ByteArray(Crypto.sha256(Array(token.utf8))))").count == 1)
    }

    func isVerified() throws -> Bool {
        try app.connect().query("SELECT verified_at IS NOT NULL AS v FROM users WHERE lower(email) = 'paula.mendez@example.org'").first?["v"] ?? false
    }

    @Test func theVerificationLinkWorksOnce() throws {
        _ = register(valid)
        let link = try #require(try app.link(to: "paula.mendez@example.org", prefix: "/verify/"))
        let page = app.get(link)
        #expect(page.status == .ok)
        #expect(page.bodyText.contains("Paula.Mendez@Example.org"))
        let first = app.post(link, [])
        #expect(first.status == .seeOther)
        #expect(first.header("Location") == "/login")
        #expect(try isVerified())
        let again = app.post(link, [])
        #expect(again.status == .notFound)
        #expect(again.bodyText.contains("ya se usó o caducó"))
        #expect(app.get(link).status == .notFound)
        #expect(app.get("/verify/forged-token").status == .notFound)
        #expect(app.post("/verify/forged-token", []).status == .notFound)
    }

    @Test func openingTheLinkWithoutPressingTheButtonLeavesItUsable() throws {
        // What mail scanners and link previews do: HEAD and GET.
        _ = register(valid)
        let link = try #require(try app.link(to: "paula.mendez@example.org", prefix: "/verify/"))
        #expect(app.send("HEAD", link).status == .ok)
        #expect(app.get(link).status == .ok)
        #expect(try !isVerified())
        #expect(app.post(link, []).status == .seeOther)
        #expect(try isVerified())
    }

    @Test func anExpiredVerificationLinkIsRefused() throws {
        _ = register(valid)
        let link = try #require(try app.link(to: "paula.mendez@example.org", prefix: "/verify/"))
        try app.connect().execute("UPDATE email_tokens SET expires_at = now() - interval '1 minute'")
        #expect(app.get(link).status == .notFound)
        #expect(app.post(link, []).status == .notFound)
    }

    @Test func registeringAnExistingEmailRevealsNothingAndWarnsTheOwner() throws {
        try app.createUser("owner@example.org", name: "Owner")
        let response = register([("name", "Someone Else"), ("email", "OWNER@example.org"), ("password", "una frase bastante larga"), ("position", "other"), ("locale", "es")])
        #expect(response.status == .seeOther)
        #expect(response.header("Location") == "/register/sent")
        let count: Int = try app.connect().query("SELECT count(*)::int8 AS n FROM users WHERE lower(email) = 'owner@example.org'").first?["n"] ?? 0
        #expect(count == 1)
        #expect(try app.outbox(to: "owner@example.org").first?.subject == "Alguien intentó crear una cuenta con su correo")
    }

    @Test func theOwnerIsWarnedAtMostOnceADay() throws {
        try app.createUser("owner@example.org", name: "Owner")
        for address in ["192.0.2.1", "192.0.2.2", "192.0.2.3"] {
            app.remoteAddress = address
            let response = register([("name", "Someone Else"), ("email", "owner@example.org"), ("password", "una frase bastante larga"), ("position", "other"), ("locale", "es")])
            #expect(response.status == .seeOther)
        }
        #expect(try app.outbox(to: "owner@example.org").count == 1)
    }

    @Test func registrationsPerAddressAreLimitedBeforeAnyHashing() throws {
        let db = try app.connect()
        try db.execute("INSERT INTO rate_limits (name, key, hits, resets_at) VALUES ('register.address', '127.0.0.1', 20, now() + interval '30 minutes')")
        let response = register(valid)
        #expect(response.status == .tooManyRequests)
        let wait = try #require(Int(response.header("Retry-After") ?? ""))
        #expect(wait > 0 && wait <= 30 * 60)
        // The form again, as typed, without the password.
        #expect(response.bodyText.contains("value=\"Paula Méndez\""))
        #expect(response.bodyText.contains("value=\"Paula.Mendez@Example.org\""))
        #expect(!response.bodyText.contains("tres tristes tigres"))
        #expect(response.bodyText.contains("Vuelva a intentarlo dentro de 30 minutos."))
        #expect(try db.query("SELECT 1 FROM users WHERE lower(email) = 'paula.mendez@example.org'").isEmpty)
        #expect(try app.outbox(to: "paula.mendez@example.org").isEmpty)
        // Another address is not held up.
        app.remoteAddress = "192.0.2.9"
        #expect(register(valid).status == .seeOther)
    }

    @Test func registrationsOfOneEmailAreLimited() throws {
        try app.createUser("owner@example.org", name: "Owner")
        let fields = [("name", "Someone Else"), ("email", "Owner@Example.org"), ("password", "una frase bastante larga"), ("position", "other"), ("locale", "es")]
        for index in 0..<3 {
            app.remoteAddress = "192.0.2.\(index + 1)"
            #expect(register(fields).status == .seeOther)
        }
        app.remoteAddress = "192.0.2.99"
        let refused = register(fields)
        #expect(refused.status == .tooManyRequests)
        #expect(refused.header("Retry-After") != nil)
        #expect(refused.bodyText.contains("value=\"Owner@Example.org\""))
    }

    @Test func thePasswordCapCountsBytes() throws {
        // 518 characters but 1026 bytes: refused, as a form error, and nothing is created.
        var fields = valid
        fields[2] = ("password", "una clave " + String(repeating: "é", count: 508))
        let response = register(fields)
        #expect(response.status == .unprocessableContent)
        #expect(response.bodyText.contains("id=\"password-error\">La contraseña es demasiado larga"))
        #expect(try app.connect().query("SELECT 1 FROM users WHERE lower(email) = 'paula.mendez@example.org'").isEmpty)
        #expect(try app.connect().query("SELECT 1 FROM rate_limits WHERE name LIKE 'register.%'").isEmpty)
    }

    @Test func missingFieldsComeBackBesideTheirFieldsWithValuesKept() throws {
        let response = register([("name", "  "), ("email", "not-an-email"), ("password", "short"), ("position", "emperor"), ("locale", "es")])
        #expect(response.status == .unprocessableContent)
        let page = response.bodyText
        #expect(page.contains("id=\"name-error\">Escriba su nombre."))
        #expect(page.contains("id=\"email-error\">Escriba una dirección de correo válida"))
        #expect(page.contains("id=\"password-error\">La contraseña debe tener al menos 12 caracteres."))
        #expect(page.contains("id=\"position-error\">"))
        #expect(page.contains("value=\"not-an-email\""))
        #expect(!page.contains("value=\"short\""))
        #expect(page.contains("aria-invalid=\"true\""))
        #expect(try app.connect().query("SELECT 1 FROM users").isEmpty == false) // the demo accounts only
        #expect(try app.connect().query("SELECT 1 FROM users WHERE email = 'not-an-email'").isEmpty)
    }

    @Test(arguments: ["password1234", "Sunshine2024!!", "qwertyuiop12", "aaaaaaaaaaaaaaaa", "paula.mendez-2026", "dragondragon12"])
    func commonAndPersonalPasswordsAreRefused(_ password: String) {
        var fields = valid
        fields[2] = ("password", password)
        let response = register(fields)
        #expect(response.status == .unprocessableContent)
        #expect(response.bodyText.contains("id=\"password-error\""))
    }

    @Test func longPasswordsAreKeptWhole() throws {
        let long = String(repeating: "caminante no hay camino ", count: 8) // 192 characters
        var fields = valid
        fields[2] = ("password", long)
        #expect(register(fields).status == .seeOther)
        try app.connect().execute("UPDATE users SET verified_at = now() WHERE lower(email) = 'paula.mendez@example.org'")
        // Every character counts: the same password minus its last character fails.
        #expect(app.signIn("paula.mendez@example.org", password: String(long.dropLast())).status == .unprocessableContent)
        #expect(app.signIn("paula.mendez@example.org", password: long).status == .seeOther)
    }

    @Test func lengthsCountAsTheDatabaseCountsThem() {
        // 100 letters with a combining tilde: 100 characters on screen, 200 code points.
        var fields = valid
        fields[0] = ("name", String(repeating: "n\u{303}", count: 100))
        let response = register(fields)
        #expect(response.status == .unprocessableContent)
        #expect(response.bodyText.contains("id=\"name-error\""))
    }

    @Test func anUnknownOrganizationIsAFormError() {
        var fields = valid
        fields[3] = ("organization_id", "999999")
        #expect(register(fields).status == .unprocessableContent)
        fields[3] = ("organization_id", "abc")
        #expect(register(fields).status == .unprocessableContent)
    }

    /// Nobody is recorded as a mayor for not touching the list: the position is a choice.
    @Test func thePositionIsChosenNeverPreselected() throws {
        let page = app.get("/register").bodyText
        #expect(page.contains("<option value=\"\" selected>Elija su cargo</option>"))
        #expect(!page.contains("value=\"mayor\" selected"))
        let missing = register(valid.filter { $0.0 != "position" })
        #expect(missing.status == .unprocessableContent)
        #expect(missing.bodyText.contains("id=\"position-error\">Elija su cargo: así el equipo docente sabe quién participa.</p>"))
        #expect(missing.bodyText.contains("value=\"Paula Méndez\""))
        let empty = register(valid.map { $0.0 == "position" ? ("position", "") : $0 })
        #expect(empty.status == .unprocessableContent)
        #expect(try app.connect().query("SELECT 1 FROM users WHERE lower(email) = 'paula.mendez@example.org'").isEmpty)
        #expect(register(valid.map { $0.0 == "position" ? ("position", "mayor") : $0 }).status == .seeOther)
        #expect(try app.connect().query("SELECT position FROM users WHERE lower(email) = 'paula.mendez@example.org'").first?["position"] == "mayor")
    }

    @Test func theFormOffersTheMemberCitiesByNetwork() {
        let page = app.get("/register").bodyText
        #expect(page.contains("<optgroup label=\"Red Andina\">"))
        #expect(page.contains(">Durango</option>"))
        #expect(page.contains("autocomplete=\"new-password\""))
    }
}
