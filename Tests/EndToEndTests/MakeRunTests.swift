import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `make run` as a developer meets it (scripts/run.sh with the debug binary instead of a
/// release build): on a port of its own, a sign-up's email links to that port, and what
/// it leaves under var/ (mail, logs, sockets, the cluster) is the owner's alone.
@Suite(.serialized) final class MakeRunTests {
    let folder: String
    let port: UInt16
    let environment: [String: String]

    init() throws {
        folder = try TestEnvironment.temporaryDirectory("run") + "/var"
        port = Stack.freePort()
        // The suite's own cluster settings must not leak in: run.sh makes its own.
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && !$0.key.hasPrefix("CAMPUS_") }
        environment["CAMPUS_HOME"] = TestEnvironment.home
        environment["CAMPUS_VAR"] = folder
        environment["CAMPUS_PORT"] = String(port)
        environment["CAMPUS_BIN"] = try TestEnvironment.value("CAMPUS_TEST_BIN")
        environment["CAMPUS_PG_FSYNC"] = "off"
        self.environment = environment
    }

    deinit {
        _ = try? Subprocess.run(TestEnvironment.home + "/scripts/stop.sh", [], environment: environment)
        if let cluster = clusterDirectory, cluster.hasPrefix("/var/lib/campus/") { try? FileManager.default.removeItem(atPath: cluster) }
    }

    var clusterDirectory: String? {
        (try? String(contentsOfFile: folder + "/pg.path", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func signUpMailLinksHereAndNothingUnderVarIsOpenToOthers() throws {
        let started = try Subprocess.run(TestEnvironment.home + "/scripts/run.sh", [], environment: environment)
        try #require(started.status == 0, "\(started.output)")
        #expect(started.output.contains("http://127.0.0.1:\(port)/"))

        let client = HTTPClient(port: port)
        let form = try client.get("/register")
        let registered = try client.post("/register", form: [
            ("_csrf", try #require(form.csrfToken)), ("name", "Beatriz Lobo"), ("email", "beatriz@example.org"),
            ("password", "una frase para entrar segura"), ("organization_id", ""), ("position", "technician"), ("locale", "es"),
        ])
        #expect(registered.status == 303)
        let message = try #require(try deliveredMessage(), "no message in \(folder)/mail")
        let link = try #require(message.range(of: "http://[^\\s]*/verify/[A-Za-z0-9_-]+", options: .regularExpression).map { String(message[$0]) })
        #expect(link.hasPrefix("http://127.0.0.1:\(port)/verify/"))

        let path = String(link.dropFirst("http://127.0.0.1:\(port)".count))
        let confirm = try client.get(path)
        #expect(confirm.status == 200)
        #expect(try client.post(path, form: [("_csrf", try #require(confirm.csrfToken))]).status == 303)
        let token = String(path.dropFirst("/verify/".count))
        let accessLog = try String(contentsOfFile: folder + "/nginx/access.log", encoding: .utf8)
        #expect(accessLog.contains("GET /verify/{token}"))
        #expect(!accessLog.contains(token))
        let responderLog = try String(contentsOfFile: folder + "/log/campus.log", encoding: .utf8)
        #expect(responderLog.contains("GET /verify/{token} 200"))
        #expect(responderLog.contains("POST /verify/{token} 303"))
        #expect(!responderLog.contains(token))

        #expect(try FileMode.openToOthers(under: folder) == [])
        let cluster = try #require(clusterDirectory)
        #expect(try FileMode.openToOthers(under: cluster) == [])
        let password = try clusterPassword(in: cluster)
        try expectNobodyLockedOut(of: folder, socketDirectory: cluster, password: password)
        try expectNobodyLockedOut(of: cluster, socketDirectory: cluster, password: password)
    }

    /// The first message `campus mail` (started by run.sh, every 3 s) writes, waiting up to a minute.
    func deliveredMessage() throws -> String? {
        for _ in 0..<600 {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/mail")) ?? []
            if let name = names.first(where: { $0.hasSuffix(".eml") }) {
                return try String(contentsOfFile: folder + "/mail/" + name, encoding: .utf8)
            }
            usleep(100_000)
        }
        return nil
    }
}
