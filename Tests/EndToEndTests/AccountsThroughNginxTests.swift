import Foundation
import Postgres
import Testing
import TestSupport

/// The account rules as a client on the network meets them, through nginx.
@Suite(.serialized) final class AccountsThroughNginxTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database)
    }

    deinit { stack.stop() }

    func link(to recipient: String, prefix: String) throws -> String? {
        let body = try database.mail(to: recipient).first?.body
        guard let body, let range = body.range(of: prefix + "[A-Za-z0-9_-]+", options: .regularExpression) else { return nil }
        return String(body[range])
    }

    @Test func registerVerifySignInAndOut() throws {
        let client = stack.client()
        let form = try client.get("/register")
        let token = try #require(form.csrfToken)
        let registered = try client.post("/register", form: [
            ("_csrf", token), ("name", "Beatriz Lobo"), ("email", "beatriz@example.org"), ("password", "una frase para entrar segura"),
            ("organization_id", ""), ("position", "technician"), ("locale", "es"),
        ])
        #expect(registered.status == 303)
        let verify = try #require(try link(to: "beatriz@example.org", prefix: "/verify/"))
        #expect(try client.send("HEAD", verify).status == 200)
        let confirm = try client.get(verify)
        #expect(confirm.status == 200)
        #expect(try client.post(verify, form: [("_csrf", try #require(confirm.csrfToken))]).header("Location") == "/login")
        let login = try client.get("/login")
        let signedIn = try client.post("/login", form: [("_csrf", try #require(login.csrfToken)), ("email", "beatriz@example.org"), ("password", "una frase para entrar segura")])
        #expect(signedIn.status == 303)
        let me = try client.get("/me")
        #expect(me.status == 200)
        #expect(me.text.contains("Beatriz Lobo"))
        let out = try client.post("/logout", form: [("_csrf", try #require(me.csrfToken))])
        #expect(out.status == 303)
        #expect(try client.get("/me").status == 303)
    }

    @Test func everyPostWithoutAValidTokenIsRefused() throws {
        let client = stack.client()
        _ = try client.get("/")
        for path in ["/login", "/register", "/logout", "/password/forgot", "/locale", "/me", "/admin/organizations"] {
            #expect(try client.post(path, form: [("email", "x@example.org")]).status == 403, "\(path) took a post without a token")
            #expect(try client.post(path, form: [("_csrf", "forged"), ("email", "x@example.org")]).status == 403)
        }
    }

    @Test func bruteForceIsStoppedWith429() throws {
        let client = stack.client()
        var statuses: [Int] = []
        for _ in 0..<6 {
            let page = try client.get("/login")
            statuses.append(try client.post("/login", form: [("_csrf", try #require(page.csrfToken)), ("email", "admin@campus.example"), ("password", "guessing the password")]).status)
        }
        #expect(statuses == [422, 422, 422, 422, 422, 429])
        let page = try client.get("/login")
        let blocked = try client.post("/login", form: [("_csrf", try #require(page.csrfToken)), ("email", "admin@campus.example"), ("password", "campus-demo-2026")])
        #expect(blocked.status == 429)
        #expect(Int(blocked.header("Retry-After") ?? "") ?? 0 > 0)
    }

    @Test func aTrailingSlashDoesNotLeadPastTheSignInGuard() throws {
        let client = stack.client()
        let page = try client.get("/login")
        let posted = try client.post("/login/", form: [("_csrf", try #require(page.csrfToken)), ("email", "admin@campus.example"), ("password", "campus-demo-2026")])
        #expect(posted.status == 404)
        #expect(!posted.headers("set-cookie").contains { $0.hasPrefix("campus_session=") })
    }

    @Test func unknownAndKnownEmailsLookTheSame() throws {
        let client = stack.client()
        func attempt(_ email: String) throws -> HTTPResponse {
            let page = try client.get("/login")
            return try client.post("/login", form: [("_csrf", try #require(page.csrfToken)), ("email", email), ("password", "not the right password")])
        }
        let known = try attempt("moderador@campus.example")
        let unknown = try attempt("nadie@campus.example")
        #expect(known.status == unknown.status)
        func message(_ page: String) -> String? {
            page.range(of: "<div class=\"form-errors\"[^>]*><p>[^<]*</p>", options: .regularExpression).map { String(page[$0]) }
        }
        #expect(message(known.text) != nil)
        #expect(message(known.text) == message(unknown.text))
    }
}
