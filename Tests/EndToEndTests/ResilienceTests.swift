import Foundation
import Postgres
import Synchronization
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// What operators rely on: the responder rides out a database restart and stops gracefully.
@Suite(.serialized) struct ResilienceTests {
    @Test func healthFollowsTheDatabaseAndRecoversWithoutARestart() throws {
        let cluster = try TestCluster()
        let environment = cluster.environment
        let admin = try Connection(cluster.settings)
        try admin.run("CREATE DATABASE campus")
        let migrate = try Subprocess.run(try TestEnvironment.value("CAMPUS_TEST_BIN"), ["migrate"],
                                         environment: ProcessInfo.processInfo.environment.merging(environment.merging(["PGDATABASE": "campus"]) { $1 }) { $1 })
        #expect(migrate.status == 0, "\(migrate.output)")
        let stack = try Stack(databaseName: "campus", workers: 2, environment: environment)
        defer { stack.stop() }

        #expect(try stack.client().get("/healthz").text == "ok\n")
        try cluster.stop()
        let down = try stack.client().get("/healthz")
        #expect(down.status == 503)
        #expect(down.text == "unavailable\n")
        let page = try stack.client().get("/courses")
        #expect(page.status == 503)
        #expect(page.text.contains("Servicio no disponible"))

        try cluster.start()
        // Every worker reconnects on its next request; no 5xx after the database is back.
        for _ in 0..<8 {
            #expect(try stack.client().get("/healthz").status == 200)
            #expect(try stack.client().get("/courses").status == 200)
        }
    }

    @Test func sigtermFinishesTheRequestsInFlight() throws {
        let database = try TestDatabase(.demo)
        let stack = try Stack(database: database, workers: 4)
        defer { stack.stop() }
        let responder = try #require(stack.responder)

        // Hold every catalog query on a lock, so requests are provably in flight.
        let locker = try database.connect()
        try locker.run("BEGIN; LOCK TABLE courses IN ACCESS EXCLUSIVE MODE")
        let results = Mutex<[HTTPResponse?]>([])
        let finished = DispatchGroup()
        for _ in 0..<3 {
            finished.enter()
            Thread {
                let response = try? stack.client().get("/courses")
                results.withLock { $0.append(response) }
                finished.leave()
            }.start()
        }
        let observer = try database.connect()
        for _ in 0..<3000 {
            let waiting: Int = try observer.query("""
                SELECT count(*)::int8 AS n FROM pg_stat_activity
                WHERE datname = \(database.name) AND application_name = 'campus' AND wait_event_type = 'Lock'
                """).first?["n"] ?? 0
            if waiting == 3 { break }
            usleep(2000)
        }

        responder.signal(SIGTERM)
        // It stops accepting at once: the socket goes while the three requests wait.
        for _ in 0..<5000 where stack.socketExists { usleep(1000) }
        #expect(!stack.socketExists)
        #expect(responder.isRunning)

        try locker.run("COMMIT")
        finished.wait()
        let answers = results.withLock { $0 }
        #expect(answers.count == 3)
        for answer in answers {
            #expect(answer?.status == 200)
            #expect(answer?.text.hasSuffix("</html>\n") == true || answer?.text.hasSuffix("</html>") == true)
        }
        #expect(responder.wait() == 0)
        #expect(stack.responderLog.contains("campus serve: stopped"))
    }
}
