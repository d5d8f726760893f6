import Foundation
import Testing
import TestSupport
@testable import Postgres

/// Against the real PostgreSQL of `make test`, each suite in a database of its own.
@Suite(.serialized) struct ConnectionTests {
    let database: TestDatabase
    let db: Connection

    init() throws {
        database = try TestDatabase()
        db = try database.connect()
        try db.run("CREATE TABLE IF NOT EXISTS items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE, n int)")
    }

    @Test func decodesTheCommonTypes() throws {
        let row = try #require(try db.query("""
            SELECT 42::int4 AS small, 9007199254740993::int8 AS big, true AS yes, 'ñandú ✓'::text AS word,
                   '2026-11-22 10:15:30.123456+02'::timestamptz AS moment, '2027-03-01'::date AS day,
                   NULL::text AS nothing, 12.50::numeric AS money, ARRAY['a b', 'c"d', 'e,f'] AS words,
                   ARRAY[1, 2, 3]::int8[] AS numbers, '\\x00ff'::bytea AS bytes, '{}'::text[] AS none
            """).first)
        #expect(try row["small"] == 42)
        #expect(try row["big"] == Int64(9_007_199_254_740_993))
        #expect(try row["yes"] == true)
        #expect(try row["word"] == "ñandú ✓")
        let moment: Date = try row["moment"]
        #expect(abs(moment.timeIntervalSince1970 - 1_795_335_330.123456) < 0.000001)
        #expect(try row["day"] == CalendarDay(year: 2027, month: 3, day: 1))
        #expect(try row["nothing"] == String?.none)
        #expect(try row["money"] == Decimal(string: "12.5"))
        #expect(try row["words"] == ["a b", "c\"d", "e,f"])
        #expect(try row["numbers"] == [1, 2, 3])
        #expect(try row["bytes"] == ByteArray([0, 255]))
        #expect(try row["none"] == [String]())
    }

    @Test func arraysWithQuotesBackslashesAndEmptiesAndColumnsInAnyOrder() throws {
        let rows = try db.query("""
            SELECT ARRAY['', 'back\\slash', 'say "hi"', '{braces}', 'plain', ' spaced '] AS tricky,
                   ARRAY[-5, 0, 12]::int8[] AS numbers, 'z' AS last
            FROM generate_series(1, 3)
            """)
        for row in rows {
            #expect(try row["last"] == "z")
            #expect(try row["numbers"] == [-5, 0, 12])
            #expect(try row["tricky"] == ["", "back\\slash", "say \"hi\"", "{braces}", "plain", " spaced "])
            #expect(try row["last"] == "z")
        }
        #expect(throws: PostgresError.self) { let _: CalendarDay = try #require(try db.query("SELECT '2026-11-2x' AS d").first)["d"] }
    }

    @Test func boundValuesRoundTrip() throws {
        let moment = Date(timeIntervalSince1970: 1_800_000_000.25)
        let hostile = "Robert'); DROP TABLE items; -- <script>"
        let row = try #require(try db.query("SELECT \(moment) AS moment, \(hostile) AS text, \(["x", "y"]) AS list, \(Int?.none) AS missing").first)
        #expect(try row["moment"] == moment)
        #expect(try row["text"] == hostile)
        #expect(try row["list"] == ["x", "y"])
        #expect(try row["missing"] == Int?.none)
    }

    @Test func anUnexpectedNullIsADecodingError() throws {
        let row = try #require(try db.query("SELECT NULL::int AS n").first)
        #expect(throws: PostgresError.self) { let _: Int = try row["n"] }
        #expect(throws: PostgresError.self) { let _: Int = try row["no_such_column"] }
    }

    @Test func errorsCarryTheirSQLState() throws {
        try db.execute("INSERT INTO items (name) VALUES ('unique-one')")
        do {
            try db.execute("INSERT INTO items (name) VALUES ('unique-one')")
            Issue.record("expected a unique violation")
        } catch {
            #expect(error.isUniqueViolation)
            #expect(error.constraint == "items_name_key")
        }
        #expect(throws: PostgresError.self) { try db.query("SELECT * FROM no_such_table") }
    }

    /// Statements sent together come back in order; a failure is thrown, the ones after it
    /// do not run, and the connection goes on as before.
    @Test func statementsSentTogetherAnswerInOrder() throws {
        let answers = try db.queryAll(["SELECT \(1) AS n", "SELECT \("two") AS s, generate_series(1, 3) AS k", "SELECT 3 AS n WHERE false"])
        #expect(answers.count == 3)
        #expect(try answers[0].first?["n"] == 1)
        #expect(try answers[1].map { try $0["k"] as Int } == [1, 2, 3])
        #expect(try answers[1].first?["s"] == "two")
        #expect(answers[2].isEmpty)
        do {
            _ = try db.queryAll(["SELECT 1 AS n", "SELECT * FROM no_such_table", "INSERT INTO items (name) VALUES ('after-a-failure')"])
            Issue.record("expected the missing table to fail")
        } catch {
            #expect(error.sqlState == "42P01")
        }
        #expect(try db.query("SELECT 1 FROM items WHERE name = 'after-a-failure'").isEmpty)
        #expect(try db.query("SELECT \(5) AS n").first?["n"] == 5)
        // In a transaction they run one after the other, inside it.
        try db.transaction {
            let inside = try db.queryAll(["INSERT INTO items (name) VALUES ('pipelined') RETURNING id", "SELECT count(*)::int8 AS n FROM items WHERE name = 'pipelined'"])
            #expect(try inside[1].first?["n"] == 1)
        }
    }

    @Test func aThrowingTransactionRollsBack() throws {
        struct Oops: Error {}
        #expect(throws: Oops.self) {
            try db.transaction {
                try db.execute("INSERT INTO items (name) VALUES ('rolled-back')")
                throw Oops()
            }
        }
        #expect(try db.query("SELECT 1 FROM items WHERE name = 'rolled-back'").isEmpty)
        #expect(!db.inTransaction)
        try db.transaction { try db.execute("INSERT INTO items (name) VALUES ('committed')") }
        #expect(try db.query("SELECT 1 FROM items WHERE name = 'committed'").count == 1)
    }

    @Test(arguments: ["40001", "40P01"])
    func serializationFailuresAndDeadlocksAreRetried(_ state: String) throws {
        var attempts = 0
        let name = "retried-\(state)"
        try db.transaction(.serializable) {
            attempts += 1
            try db.execute("INSERT INTO items (name) VALUES (\(name))")
            if attempts == 1 {
                try db.run("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '\(state)'; END $$")
            }
        }
        #expect(attempts == 2)
        #expect(try db.query("SELECT 1 FROM items WHERE name = \(name)").count == 1)
    }

    @Test func otherFailuresAreNotRetried() throws {
        var attempts = 0
        #expect(throws: PostgresError.self) {
            try db.transaction {
                attempts += 1
                try db.run("DO $$ BEGIN RAISE EXCEPTION 'no' USING ERRCODE = '23514'; END $$")
            }
        }
        #expect(attempts == 1)
    }

    @Test func realSerializationConflictsResolve() throws {
        // Two serializable transactions that read and write the same row: one fails
        // with 40001 at commit or update, is run again, and both increments land.
        try db.execute("INSERT INTO items (name, n) VALUES ('counter', 0)")
        let other = try database.connect()
        var first = true
        try db.transaction(.serializable) {
            let n: Int32 = try db.query("SELECT n FROM items WHERE name = 'counter'").first?["n"] ?? -1
            if first {
                first = false
                // Meanwhile another session changes the row and commits.
                try other.transaction(.serializable) { try other.execute("UPDATE items SET n = n + 1 WHERE name = 'counter'") }
            }
            try db.execute("UPDATE items SET n = \(Int(n) + 1) WHERE name = 'counter'")
        }
        #expect(try db.query("SELECT n FROM items WHERE name = 'counter'").first?["n"] == Int32(2))
    }

    @Test func statementsArePreparedOncePerConnection() throws {
        for index in 0..<5 { try db.query("SELECT \(index) AS n, 'prepared-once' AS tag") }
        let count: Int = try db.query("SELECT count(*)::int8 AS n FROM pg_prepared_statements WHERE statement = 'SELECT $1 AS n, ''prepared-once'' AS tag'").first?["n"] ?? 0
        #expect(count == 1)
    }

    /// However skewed the values, a statement is planned once and its plan reused: the
    /// tenth run of a statement whose values PostgreSQL would price differently each time
    /// still runs the generic plan, and no custom plan was made for it.
    @Test func preparedStatementsArePlannedOnce() throws {
        try db.run("CREATE TABLE IF NOT EXISTS skewed (id bigint PRIMARY KEY, kind text NOT NULL); CREATE INDEX IF NOT EXISTS skewed_kind ON skewed (kind)")
        try db.run("INSERT INTO skewed SELECT n, CASE WHEN n = 1 THEN 'rare' ELSE 'common' END FROM generate_series(1, 5000) n ON CONFLICT DO NOTHING; ANALYZE skewed")
        for kind in ["rare", "common", "rare", "common", "rare", "common", "rare", "common", "rare", "common"] {
            try db.query("SELECT count(*)::int8 AS n FROM skewed WHERE kind = \(kind)")
        }
        let plans = try #require(try db.query("""
            SELECT generic_plans, custom_plans FROM pg_prepared_statements
            WHERE statement = 'SELECT count(*)::int8 AS n FROM skewed WHERE kind = $1'
            """).first)
        #expect(try plans["custom_plans"] as Int64 == 0)
        #expect(try plans["generic_plans"] as Int64 == 10)
    }
}
