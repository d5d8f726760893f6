import Foundation
import Postgres
import Testing
import TestSupport

/// Accounts in a real headless Chromium through nginx: what an official does on a phone.
@Suite(.serialized, .browserEvidence) final class AccountBrowserTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database)
    }

    deinit { stack.stop() }

    /// The path of the newest link to `prefix` in the outbox, as the official would click it.
    func emailedLink(to recipient: String, prefix: String) throws -> String {
        let body = try database.mail(to: recipient).first?.body
        guard let body, let range = body.range(of: prefix + "[A-Za-z0-9_-]+", options: .regularExpression) else {
            throw TestSetupError("no \(prefix) link in the outbox for \(recipient)")
        }
        return String(body[range])
    }

    @Test func anOfficialRegistersVerifiesSignsInAndOut() throws {
        let browser = try Browser(baseURL: stack.baseURL)
        try browser.open("/")
        try browser.follow(".user-menu a[href='/register']")
        #expect(try browser.text("h1") == "Crear una cuenta")
        try browser.fill("#name", "Verónica Salazar")
        try browser.fill("#email", "veronica.salazar@quito.gob.ec")
        try browser.fill("#password", "el sol sale por el pichincha")
        try browser.select("#organization_id", value: try organizationID("Quito"))
        try browser.select("#position", value: "councilor")
        try browser.submit("form.form")
        #expect(try browser.path == "/register/sent")
        #expect(try browser.text("h1") == "Revise su correo")

        // The message in the outbox carries the link she opens.
        // The link shows a button, so a mail scanner opening it does not use it up.
        try browser.open(try emailedLink(to: "veronica.salazar@quito.gob.ec", prefix: "/verify/"))
        #expect(try browser.text("h1") == "Confirmar la dirección de correo")
        try browser.submit("form.form")
        #expect(try browser.path == "/login")
        #expect(try browser.text(".flash") == "Su correo quedó confirmado. Entre para continuar.")

        try browser.fill("#email", "veronica.salazar@quito.gob.ec")
        try browser.fill("#password", "el sol sale por el pichincha")
        try browser.submit("form.form")
        #expect(try browser.path == "/me")
        #expect(try browser.text(".user-menu a[href='/me']") == "Verónica Salazar")
        // Her city's domain makes the affiliation count without an admin.
        #expect(try browser.pageSource().contains("Su vínculo con Quito está confirmado."))

        try browser.follow(".user-menu form button")
        #expect(try browser.path == "/")
        #expect(try browser.text(".flash") == "Ha salido de su cuenta.")
        #expect(try browser.exists(".user-menu a[href='/register']"))
        try browser.open("/me")
        #expect(try browser.path == "/login?next=%2Fme")
    }

    @Test func aWrongPasswordIsSaidOnceAboveTheForm() throws {
        let browser = try Browser(baseURL: stack.baseURL)
        try browser.open("/login")
        try browser.fill("#email", "alcaldesa@campus.example")
        try browser.fill("#password", "not my password at all")
        try browser.submit("form.form")
        #expect(try browser.path == "/login")
        // Which of the two was wrong is not said, so the message belongs to neither field.
        #expect(try browser.text(".form-errors[role='alert']") == "El correo o la contraseña no son correctos.")
        #expect(try browser.pageSource().components(separatedBy: "no son correctos").count == 2)
        #expect(try !browser.exists(".field-error"))
        #expect(try browser.attribute("#email", "value") == "alcaldesa@campus.example")
        #expect(try browser.attribute("#password", "value") == "")
        // And the right one goes through, to the page she asked for.
        try browser.open("/notifications")
        try browser.fill("#email", "alcaldesa@campus.example")
        try browser.fill("#password", "campus-demo-2026")
        try browser.submit("form.form")
        #expect(try browser.path == "/notifications")
        #expect(try browser.text("h1") == "Avisos")
    }

    func organizationID(_ name: String) throws -> String {
        let id: Int64 = try database.connect().query("SELECT id FROM organizations WHERE name = \(name)").first?["id"] ?? 0
        return String(id)
    }
}
