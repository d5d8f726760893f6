import Foundation
import Postgres
import Web

/// `/metrics` in Prometheus' text format: this responder's request counters, and gauges
/// from PostgreSQL that are the same whichever responder answers. For admins, and for
/// Prometheus with the bearer token of `CAMPUS_METRICS_TOKEN`. Never by address: behind a
/// proxy on the same host every visitor comes from loopback.
enum MetricsRoutes {
    static let routes: [Route<Handler>] = [Route("GET", Paths.metrics, showMetrics)]

    static func mayRead(_ context: Context) -> Bool {
        if context.user?.isAdmin == true { return true }
        guard let expected = context.settings.metricsToken, let header = context.request.headers["authorization"],
            header.count > 7, header.prefix(7).lowercased() == "bearer "
        else { return false }
        let given = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        // Digests have one length whatever was sent, so the comparison's time says nothing.
        return Crypto.constantTimeEqual(Crypto.sha256(Array(given.utf8)), Crypto.sha256(Array(expected.utf8)))
    }

    static func showMetrics(_ context: Context) throws -> Response {
        guard mayRead(context) else { throw HTTPError(.forbidden) }
        let counters = context.app.counters
        var lines: [String] = [
            "# HELP campus_requests_total Requests answered by this responder, by status class.",
            "# TYPE campus_requests_total counter",
        ]
        for (index, count) in counters.counts.enumerated() {
            lines.append("campus_requests_total{class=\"\(index + 1)xx\"} \(count)")
        }
        lines += [
            "# HELP campus_request_seconds_total Time this responder spent answering requests.",
            "# TYPE campus_request_seconds_total counter",
            "campus_request_seconds_total \(String(format: "%.6f", counters.totalSeconds))",
        ]
        let row = try context.db.query("""
            SELECT (SELECT count(*) FROM users WHERE deleted_at IS NULL)::int8 AS users,
                   (SELECT count(*) FROM sessions WHERE expires_at > now())::int8 AS sessions,
                   (SELECT count(*) FROM outbox WHERE sent_at IS NULL)::int8 AS outbox_pending,
                   (SELECT count(*) FROM outbox WHERE sent_at IS NULL AND attempts > 0)::int8 AS outbox_failing,
                   (SELECT count(*) FROM enrollments WHERE status = 'enrolled')::int8 AS enrolled,
                   (SELECT count(*) FROM enrollments WHERE status = 'waitlisted')::int8 AS waitlisted,
                   (SELECT count(*) FROM enrollments WHERE status = 'pending')::int8 AS pending
            """).first
        func gauge(_ name: String, _ help: String, _ column: String) throws {
            lines += ["# HELP campus_\(name) \(help)", "# TYPE campus_\(name) gauge", "campus_\(name) \(try row?[column] ?? 0 as Int)"]
        }
        try gauge("users", "Accounts that are not deleted.", "users")
        try gauge("sessions", "Sessions not yet expired.", "sessions")
        try gauge("outbox_pending", "Emails waiting to be delivered.", "outbox_pending")
        try gauge("outbox_failing", "Emails waiting after at least one failed attempt.", "outbox_failing")
        try gauge("enrollments_enrolled", "Seats taken in editions.", "enrolled")
        try gauge("enrollments_waitlisted", "People on waitlists.", "waitlisted")
        try gauge("enrollments_pending", "Requests waiting for a decision.", "pending")
        var response = Response(status: .ok, headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")], body: Array((lines.joined(separator: "\n") + "\n").utf8))
        response.setHeader("Cache-Control", "no-store")
        return response
    }
}
