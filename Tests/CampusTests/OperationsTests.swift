import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// What operators read: /metrics for Prometheus, from loopback or by an admin.
@Suite struct OperationsTests {
    let app: TestApp

    init() throws { app = try TestApp() }

    func get(_ path: String, from address: String, cookie: String? = nil) -> Response {
        var headers = Headers(["host": "campus.test"])
        if let cookie { headers["cookie"] = "campus_session=\(cookie)" }
        return app.responder.respond(to: Request(method: "GET", uri: path, headers: headers, remoteAddress: address))
    }

    @Test func metricsAreForLoopbackAndAdmins() throws {
        _ = app.get("/courses")
        _ = app.get("/no-such-page")
        let local = get("/metrics", from: "127.0.0.1")
        #expect(local.status == .ok)
        #expect(local.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = local.bodyText
        #expect(text.contains("# TYPE campus_requests_total counter"))
        #expect(text.range(of: "campus_requests_total\\{class=\"2xx\"\\} [1-9]", options: .regularExpression) != nil)
        #expect(text.range(of: "campus_requests_total\\{class=\"4xx\"\\} [1-9]", options: .regularExpression) != nil)
        #expect(text.contains("campus_enrollments_waitlisted 5"))
        #expect(get("/metrics", from: "203.0.113.5").status == .forbidden)
        let admin = try app.createUser("ops@example.org", roles: ["admin"])
        #expect(get("/metrics", from: "203.0.113.5", cookie: try app.sessionCookie(for: admin)).status == .ok)
        let learner = try app.createUser("learner@example.org")
        #expect(get("/metrics", from: "203.0.113.5", cookie: try app.sessionCookie(for: learner)).status == .forbidden)
    }
}
