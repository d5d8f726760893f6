import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// nginx as an attacker meets it: one address cannot take the connections everyone else
/// needs, nginx's own answers carry the security headers, and its log keeps no secrets.
@Suite(.serialized) final class NginxHardeningTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase()
        stack = try Stack(database: database, workers: 2)
    }

    deinit { stack.stop() }

    @Test func idleConnectionsFromOneAddressLeaveRoomForOthers() throws {
        try OpenFiles.allow(4096)
        // More half-sent requests than the whole configuration once had room for (1,024).
        let idle = try (0..<1100).map { _ in
            let connection = try LoopbackConnection(from: "127.0.0.2", port: stack.port)
            connection.send("GET /courses HTTP/1.1\r\nHost: campus\r\n")
            return connection
        }
        let honest = try LoopbackConnection(from: "127.0.0.1", port: stack.port)
        honest.send("GET /healthz HTTP/1.1\r\nHost: campus\r\nConnection: close\r\n\r\n")
        // Answered while every idle connection is still held: none was dropped to make room.
        #expect(LoopbackConnection.firstReadable(idle + [honest]) === honest)
        let response = honest.response()
        #expect(response.status == 200)
        #expect(response.body == "ok\n")
    }

    @Test func oneAddressHoldsAtMostItsShareOfRequests() throws {
        let limit = 64  // `limit_conn campus_conn` in www/nginx.conf
        // Requests whose bodies never come hold their connections for as long as nginx lets them.
        let held = try (0..<(limit + 8)).map { _ in
            let connection = try LoopbackConnection(from: "127.0.0.2", port: stack.port)
            connection.send("POST /register HTTP/1.1\r\nHost: campus\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n")
            return connection
        }
        var waiting = held
        var answered: [LoopbackResponse] = []
        while answered.count < 8, let ready = LoopbackConnection.firstReadable(waiting) {
            answered.append(ready.response())
            waiting.removeAll { $0 === ready }
        }
        #expect(answered.map(\.status) == Array(repeating: 429, count: 8))
        #expect(answered.allSatisfy { $0.header("Retry-After") == "60" })

        let more = try LoopbackConnection(from: "127.0.0.2", port: stack.port)
        more.send("GET /healthz HTTP/1.1\r\nHost: campus\r\nConnection: close\r\n\r\n")
        #expect(more.response().status == 429)
        let other = try LoopbackConnection(from: "127.0.0.3", port: stack.port)
        other.send("GET /healthz HTTP/1.1\r\nHost: campus\r\nConnection: close\r\n\r\n")
        #expect(other.response().status == 200)
        withExtendedLifetime(held) {}
    }

    @Test func nginxsOwnPagesAndTheFaviconCarryTheSecurityHeaders() throws {
        let client = stack.client()
        let answers: [(String, HTTPResponse, Int)] = [
            ("HTTP/1.1 without Host", try client.raw(Array("GET / HTTP/1.1\r\n\r\n".utf8)), 400),
            ("POST to a file", try client.send("POST", "/static/campus.css"), 405),
            ("a 9,000-byte address", try client.get("/" + String(repeating: "a", count: 9000)), 414),
            ("a missing file", try client.get("/static/no-such-file.css"), 404),
            ("the favicon", try client.get("/static/favicon.svg"), 200),
            ("the old favicon address", try client.get("/favicon.ico"), 200),
        ]
        for (what, response, status) in answers {
            #expect(response.status == status, "\(what)")
            let policy = response.header("Content-Security-Policy") ?? ""
            for directive in ["default-src 'none'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
                #expect(policy.contains(directive), "\(what): \(policy)")
            }
            #expect(response.header("X-Content-Type-Options") == "nosniff", "\(what)")
            #expect(response.header("Referrer-Policy") == "same-origin", "\(what)")
            if status != 200 {
                #expect(response.header("Cache-Control") == "no-store", "\(what)")
                #expect(response.text.contains("lang=\"pt\""), "\(what): nginx's bare page instead of Campus's")
            }
        }
    }

    @Test func onlyFilesThatExistAreCachedForAYear() throws {
        let css = try stack.client().get("/static/campus.css")
        #expect(css.header("Cache-Control") == "public, max-age=31536000, immutable")
        let missing = try stack.client().get("/static/campus-next.css")
        #expect(missing.status == 404)
        #expect(missing.headers("Cache-Control") == ["no-store"])
    }

    @Test func theAccessLogKeepsRoutesNotTokens() throws {
        let verify = "v" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let reset = "r" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        _ = try stack.client().get("/verify/" + verify)
        _ = try stack.client().get("/password/reset/" + reset + "?from=mail")
        // nginx writes the line before it closes the connection, which the client waited for.
        let log = try String(contentsOfFile: stack.directory + "/nginx/access.log", encoding: .utf8)
        #expect(log.contains("\"GET /verify/{token} HTTP/1.1\""))
        #expect(log.contains("\"GET /password/reset/{token}?from=mail HTTP/1.1\""))
        #expect(!log.contains(verify))
        #expect(!log.contains(reset))
    }
}
