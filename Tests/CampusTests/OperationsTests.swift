import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// What operators read: /metrics for Prometheus with its bearer token, or for an admin.
@Suite struct OperationsTests {
    let app: TestApp
    let token = "s3cret-metrics-token-for-tests"

    init() throws { app = try TestApp(environment: ["CAMPUS_METRICS_TOKEN": token]) }

    func get(_ path: String, from address: String, cookie: String? = nil, authorization: String? = nil) -> Response {
        var headers = Headers(["host": "campus.test"])
        if let cookie { headers["cookie"] = "campus_session=\(cookie)" }
        if let authorization { headers["authorization"] = authorization }
        return app.responder.respond(to: Request(method: "GET", uri: path, headers: headers, remoteAddress: address))
    }

    @Test func metricsAreForTheBearerTokenAndAdmins() throws {
        _ = app.get("/courses")
        _ = app.get("/no-such-page")
        let scraped = get("/metrics", from: "10.0.0.9", authorization: "Bearer \(token)")
        #expect(scraped.status == .ok)
        #expect(scraped.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = scraped.bodyText
        #expect(text.contains("# TYPE campus_requests_total counter"))
        #expect(text.range(of: "campus_requests_total\\{class=\"2xx\"\\} [1-9]", options: .regularExpression) != nil)
        #expect(text.range(of: "campus_requests_total\\{class=\"4xx\"\\} [1-9]", options: .regularExpression) != nil)
        #expect(text.contains("campus_enrollments_waitlisted 5"))
        // Loopback is no credential: behind a proxy on the same host, everyone has it.
        #expect(get("/metrics", from: "127.0.0.1").status == .forbidden)
        #expect(get("/metrics", from: "::1").status == .forbidden)
        #expect(get("/metrics", from: "127.0.0.1", authorization: "Bearer wrong-token-of-the-same-kind").status == .forbidden)
        #expect(get("/metrics", from: "127.0.0.1", authorization: "Bearer \(token)x").status == .forbidden)
        #expect(get("/metrics", from: "127.0.0.1", authorization: "Basic \(token)").status == .forbidden)
        let admin = try app.createUser("ops@example.org", roles: ["admin"])
        #expect(get("/metrics", from: "203.0.113.5", cookie: try app.sessionCookie(for: admin)).status == .ok)
        let learner = try app.createUser("learner@example.org")
        #expect(get("/metrics", from: "127.0.0.1", cookie: try app.sessionCookie(for: learner)).status == .forbidden)
    }

    @Test func withoutATokenOnlyAdminsReadMetrics() throws {
        let plain = try TestApp()
        let request = { (authorization: String) in
            plain.responder.respond(to: Request(method: "GET", uri: "/metrics", headers: Headers(["host": "campus.test", "authorization": authorization]), remoteAddress: "127.0.0.1"))
        }
        #expect(request("Bearer ").status == .forbidden)
        #expect(request("Bearer anything-at-all-long-enough").status == .forbidden)
    }

    @Test func aShortMetricsTokenIsRefusedAtStartUp() {
        #expect(throws: SettingsError.self) { try Settings.fromEnvironment(["CAMPUS_HOME": TestEnvironment.home, "CAMPUS_METRICS_TOKEN": "short"]) }
    }
}
