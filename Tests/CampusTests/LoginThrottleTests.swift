import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Who failed signing in, and from where, decides who waits: never the owner on a clean
/// address. An account failed from everywhere needs an emailed link, and is never locked.
@Suite struct LoginThrottleTests {
    let app: TestApp
    let email = "dario@example.org"
    let stranger = "203.0.113.66"
    let owner = "198.51.100.7"

    init() throws {
        app = try TestApp()
        try app.createUser(email, name: "Darío Vega")
    }

    func signIn(_ email: String, password: String = "correct horse battery staple", from address: String) -> Response {
        app.remoteAddress = address
        app.cookies["campus_session"] = nil
        return app.signIn(email, password: password)
    }

    func fail(_ times: Int, _ email: String, from address: String) {
        for _ in 0..<times { _ = signIn(email, password: "a guess that is wrong", from: address) }
    }

    @Test func aStrangersFailuresDoNotStopTheOwnerElsewhere() {
        fail(8, email, from: stranger)
        #expect(signIn(email, from: stranger).status == .tooManyRequests)
        #expect(signIn(email, from: owner).status == .seeOther)
    }

    @Test func failuresFromOneAddressThrottleThatAddressOnly() throws {
        try app.connect().execute("""
            INSERT INTO rate_limits (name, key, hits, resets_at) VALUES ('login.address', \(stranger), 30, now() + interval '10 minutes')
            """)
        let blocked = signIn(email, from: stranger)
        #expect(blocked.status == .tooManyRequests)
        #expect(Int(blocked.header("Retry-After") ?? "") ?? 0 > 0)
        #expect(signIn(email, from: owner).status == .seeOther)
        // Counted for real: the thirtieth failure from one address, on any accounts, is its last.
        for index in 0..<30 { _ = signIn("nobody\(index)@example.org", password: "a guess that is wrong", from: "192.0.2.10") }
        #expect(signIn(email, from: "192.0.2.10").status == .tooManyRequests)
        #expect(signIn(email, from: "192.0.2.11").status == .seeOther)
    }

    @Test func anIPv6ClientCannotDodgeTheLimitWithinItsNetwork() {
        for host in 1...5 { _ = signIn(email, password: "a guess that is wrong", from: "2001:db8:5:6::\(host)") }
        #expect(signIn(email, from: "2001:db8:5:6::99").status == .tooManyRequests)
        #expect(signIn(email, from: "2001:db8:5:7::1").status == .seeOther)
    }

    @Test func anAdminCannotBeLockedFromAnotherAddress() throws {
        try app.createUser("jefa@example.org", name: "Jefa", roles: ["admin"])
        fail(6, "jefa@example.org", from: stranger)
        #expect(signIn("jefa@example.org", from: owner).status == .seeOther)
    }

    @Test func aSuccessfulResetClearsTheCounters() throws {
        fail(5, email, from: owner)
        #expect(signIn(email, from: owner).status == .tooManyRequests)
        app.remoteAddress = "192.0.2.50"
        _ = app.post("/password/forgot", [("email", email)])
        let link = try #require(try app.link(to: email, prefix: "/password/reset/"))
        #expect(app.post(link, [("new_password", "una clave nueva y bastante larga")]).status == .seeOther)
        #expect(signIn(email, password: "una clave nueva y bastante larga", from: owner).status == .seeOther)
    }

    @Test func anAccountFailedFromEverywhereAsksForTheEmailedLink() throws {
        // Twenty failures from four addresses: none of them is throttled yet, the account is.
        for address in ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"] { fail(5, email, from: address) }
        let wrong = signIn(email, password: "yet another wrong guess", from: owner)
        let mailsBefore = try app.outbox(to: email).count
        let right = signIn(email, from: owner)
        // Never a lock-out, and no way to tell a right password from a wrong one.
        #expect(right.status == .ok)
        #expect(wrong.status == right.status)
        func page(_ response: Response) -> String {
            response.bodyText.replacingOccurrences(of: "value=\"[^\"]*\"", with: "", options: .regularExpression)
        }
        #expect(page(wrong) == page(right))
        #expect(right.bodyText.contains("le enviamos un enlace"))
        #expect(app.cookies["campus_session"] == nil)
        // Only the right password sent a link; opening it shows a button, pressing it signs in.
        #expect(try app.outbox(to: email).count == mailsBefore + 1)
        let link = try #require(try app.link(to: email, prefix: "/login/link/"))
        #expect(app.send("HEAD", link).status == .ok)
        #expect(app.get(link).status == .ok)
        let signedIn = app.post(link, [])
        #expect(signedIn.status == .seeOther)
        #expect(signedIn.header("Location") == "/me")
        #expect(app.get("/me").bodyText.contains("Darío Vega"))
        // Once only.
        app.cookies["campus_session"] = nil
        #expect(app.post(link, []).status == .notFound)
    }

    @Test func anOverlongPasswordIsRefusedWithoutCountingOrHashing() throws {
        let huge = String(repeating: "é", count: 2100) // 4200 bytes
        let response = signIn(email, password: huge, from: owner)
        #expect(response.status == .unprocessableContent)
        #expect(response.bodyText.contains("El correo o la contraseña no son correctos."))
        #expect(try app.connect().query("SELECT 1 FROM rate_limits WHERE name LIKE 'login.%'").isEmpty)
    }
}
