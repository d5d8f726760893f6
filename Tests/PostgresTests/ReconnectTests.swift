import Testing
import TestSupport
@testable import Postgres

/// A cluster of the test's own, stopped and started under a live connection.
@Suite(.serialized) struct ReconnectTests {
    @Test func aConnectionRecoversAfterTheServerRestarts() throws {
        let cluster = try TestCluster()
        let db = try Connection(cluster.settings)
        #expect(try db.query("SELECT 1 AS one").first?["one"] == 1)

        try cluster.stop()
        // While the server is down: a clear "unavailable", never a crash.
        do {
            try db.ensureAlive()
            try db.query("SELECT 1 AS one")
            Issue.record("expected the query to fail while the server is stopped")
        } catch {
            #expect(error.isUnavailable)
        }

        try cluster.start()
        try db.ensureAlive()
        #expect(try db.query("SELECT 2 AS two").first?["two"] == 2)
        // Prepared statements were re-created on the new connection.
        #expect(try db.query("SELECT 1 AS one").first?["one"] == 1)
    }

    @Test func aRestartBetweenRequestsIsInvisible() throws {
        let cluster = try TestCluster()
        let db = try Connection(cluster.settings)
        try db.query("SELECT 1 AS one")
        try cluster.stop()
        try cluster.start()
        // The server closed our socket on the way down: ensureAlive notices and reconnects.
        try db.ensureAlive()
        #expect(try db.query("SELECT 1 AS one").first?["one"] == 1)
    }

    @Test func connectingToNothingIsUnavailable() {
        do {
            _ = try Connection(ConnectionSettings(keywords: [("host", "/nonexistent"), ("dbname", "x"), ("connect_timeout", "2")]))
            Issue.record("expected a connection error")
        } catch {
            #expect(error.kind == .connection)
            #expect(error.isUnavailable)
        }
    }
}
