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
        let db = try context.db
        for feature in CampusApp.features {
            for gauge in try feature.gauges(db) {
                lines += ["# HELP campus_\(gauge.name) \(gauge.help)", "# TYPE campus_\(gauge.name) gauge", "campus_\(gauge.name) \(gauge.value)"]
            }
        }
        var response = Response(status: .ok, headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")], body: Array((lines.joined(separator: "\n") + "\n").utf8))
        response.setHeader("Cache-Control", "no-store")
        return response
    }
}
