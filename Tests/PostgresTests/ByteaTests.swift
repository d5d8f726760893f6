import Foundation
import Testing
import TestSupport
@testable import Postgres

/// `bytea` values travel as they are: bound in binary format, read back in binary format.
@Suite struct ByteaTests {
    let database: TestDatabase
    let db: Connection

    init() throws {
        database = try TestDatabase()
        db = try database.connect()
        try db.run("CREATE TABLE blobs (id int PRIMARY KEY, bytes bytea)")
    }

    /// Bytes that are neither text nor a repeating pattern PostgreSQL could shorten.
    static func noise(_ count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    @Test func everyByteValueRoundTrips() throws {
        let all = (0...255).map(UInt8.init)
        try db.execute("INSERT INTO blobs (id, bytes) VALUES (1, \(ByteArray(all)))")
        let stored = try #require(try db.query("SELECT octet_length(bytes)::int8 AS n, get_byte(bytes, 92) AS backslash FROM blobs WHERE id = 1").first)
        #expect(try stored["n"] == 256)
        #expect(try stored["backslash"] == Int32(92))
        #expect(try db.queryBinary("SELECT bytes FROM blobs WHERE id = 1").first?.bytes("bytes") == all)
        // The text format still reads it, in hex.
        #expect(try db.query("SELECT bytes FROM blobs WHERE id = 1").first?.bytes("bytes") == all)
        let decoded: ByteArray? = try db.query("SELECT bytes FROM blobs WHERE id = 1").first?["bytes"]
        #expect(decoded?.bytes == all)
    }

    @Test func bytesThatLookLikeEscapesStayAsSent() throws {
        // Sent as text, `\x41` would be read as the escape for "A".
        let escape = Array("\\x41".utf8)
        try db.execute("INSERT INTO blobs (id, bytes) VALUES (2, \(ByteArray(escape)))")
        #expect(try db.queryBinary("SELECT bytes FROM blobs WHERE id = 2").first?.bytes("bytes") == escape)
    }

    @Test func emptyBytesAreNotNull() throws {
        try db.execute("INSERT INTO blobs (id, bytes) VALUES (3, \(ByteArray([])))")
        try db.execute("INSERT INTO blobs (id, bytes) VALUES (4, \(ByteArray?.none))")
        let rows = try db.queryBinary("SELECT bytes FROM blobs WHERE id IN (3, 4) ORDER BY id")
        #expect(try rows[0].bytes("bytes") == [])
        #expect(try rows[1].isNull("bytes"))
        #expect(throws: PostgresError.self) { try rows[1].bytes("bytes") }
    }

    @Test func slicesAreBoundWithoutCopying() throws {
        let body = Array("preamble|%PDF-1.7 content|epilogue".utf8)
        let slice = body[9..<26]
        try db.execute("INSERT INTO blobs (id, bytes) VALUES (5, \(slice))")
        #expect(try db.queryBinary("SELECT bytes FROM blobs WHERE id = 5").first?.bytes("bytes") == Array(slice))
    }

    @Test func otherColumnsOfABinaryResultAreRefusedClearly() throws {
        let row = try #require(try db.queryBinary("SELECT 42::int8 AS n, 'x'::text AS word").first)
        #expect(throws: PostgresError.self) { let _: Int = try row["n"] }
        #expect(throws: PostgresError.self) { try row.bytes("word") }
    }

    @Test func aTenMegabyteValueRoundTrips() throws {
        let value = ByteaTests.noise(10 << 20)
        try db.execute("INSERT INTO blobs (id, bytes) VALUES (6, \(ByteArray(value)))")
        #expect(try db.query("SELECT octet_length(bytes)::int8 AS n FROM blobs WHERE id = 6").first?["n"] == 10 << 20)
        #expect(try db.queryBinary("SELECT bytes FROM blobs WHERE id = 6").first?.bytes("bytes") == value)
    }

    /// Peak memory while sending a 10 MB value, and while reading one, each measured in a
    /// process of its own (other suites run alongside in this one). In binary, sending
    /// costs the value once more (libpq's buffer) and reading three times (libpq's
    /// buffer, its result, our copy); as hex text, sending cost about eight times and
    /// reading five. The bounds lie between, as the hex measures show.
    @Test func aTenMegabyteValueCostsItsSizeNotItsHexSize() async throws {
        let size = 10 << 20
        let sent = try #require(await MemoryProbe.measure(.binarySend))
        let received = try #require(await MemoryProbe.measure(.binaryReceive))
        #expect(sent < 2 * size, "sending took \(sent) bytes")
        #expect(received < 4 * size, "reading took \(received) bytes")
        let hexSent = try #require(await MemoryProbe.measure(.hexSend))
        let hexReceived = try #require(await MemoryProbe.measure(.hexReceive))
        #expect(hexSent > 2 * size, "hex sending took \(hexSent) bytes")
        #expect(hexReceived > 4 * size, "hex reading took \(hexReceived) bytes")
    }
}

/// What sending or reading a 10 MB `bytea` adds to a fresh process's peak memory.
enum MemoryProbe: String {
    case binarySend, binaryReceive, hexSend, hexReceive

    static let size = 10 << 20

    /// A `bytea` bound the way it was before binary parameters: as hex text.
    struct HexText: PostgresEncodable {
        let bytes: ByteArray
        static var postgresType: UInt32 { PostgresType.bytea }
        var postgresText: String { bytes.postgresText }
    }

    static func measure(_ probe: MemoryProbe) async -> Int? {
        // Exit tests capture nothing: one body per probe.
        let result: ExitTest.Result?
        switch probe {
        case .binarySend:
            result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) { try MemoryProbe.binarySend.run() }
        case .binaryReceive:
            result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) { try MemoryProbe.binaryReceive.run() }
        case .hexSend:
            result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) { try MemoryProbe.hexSend.run() }
        case .hexReceive:
            result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) { try MemoryProbe.hexReceive.run() }
        }
        let output = result.map { String(decoding: $0.standardOutputContent, as: UTF8.self) } ?? ""
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("peak ") }) else { return nil }
        return Int(line.dropFirst(5))
    }

    /// Runs in the child process: prints `peak BYTES`.
    func run() throws {
        let database = try TestDatabase()
        let db = try database.connect()
        try db.run("CREATE TABLE blobs (id int PRIMARY KEY, bytes bytea)")
        var value: ByteArray?
        switch self {
        case .binarySend, .hexSend:
            value = ByteArray(ByteaTests.noise(MemoryProbe.size))
        case .binaryReceive, .hexReceive:
            // Made by the server, so this process never held it.
            try db.run("""
                INSERT INTO blobs SELECT 1, string_agg(decode(md5(i::text), 'hex'), '' ORDER BY i)
                FROM generate_series(1, \(MemoryProbe.size / 16)) i
                """)
        }
        try ProcessMemory.resetPeak()
        let before = ProcessMemory.resident() ?? 0
        var count = 0
        switch self {
        case .binarySend: try db.execute("INSERT INTO blobs (id, bytes) VALUES (2, \(value))")
        case .hexSend: try db.execute("INSERT INTO blobs (id, bytes) VALUES (2, \(value.map { HexText(bytes: $0) }))")
        case .binaryReceive: count = try db.queryBinary("SELECT bytes FROM blobs WHERE id = 1").first?.bytes("bytes").count ?? 0
        case .hexReceive: count = try db.query("SELECT bytes FROM blobs WHERE id = 1").first?.bytes("bytes").count ?? 0
        }
        let peak = (ProcessMemory.peak() ?? 0) - before
        if self == .binaryReceive || self == .hexReceive {
            guard count == MemoryProbe.size else { exit(3) }
        }
        FileHandle.standardOutput.write(Data("peak \(peak)\n".utf8))
    }
}
