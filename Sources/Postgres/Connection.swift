import CLibPQ
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where to connect: libpq's own environment (`PGHOST`, `PGPORT`, `PGDATABASE`,
/// `PGUSER`, `PGPASSWORD`…) or a `DATABASE_URL`, handed to `PQconnectdbParams` as
/// keyword/value pairs — never a conninfo string built by interpolation.
public struct ConnectionSettings: Sendable {
    public var keywords: [(String, String)]
    /// Sees every statement the connection runs, with its bound values, just before it
    /// runs: tests record what the application really sends (to EXPLAIN exactly that).
    /// Nil, and so free, everywhere else.
    public var observer: (@Sendable (SQL) -> Void)?

    public init(keywords: [(String, String)] = [], observer: (@Sendable (SQL) -> Void)? = nil) {
        self.keywords = keywords
        self.observer = observer
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment, database: String? = nil) -> ConnectionSettings {
        var keywords: [(String, String)] = [("fallback_application_name", "campus"), ("client_encoding", "UTF8")]
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            // With expand_dbname, libpq parses the URL itself.
            keywords.append(("dbname", url))
        }
        if environment["PGCONNECT_TIMEOUT"] == nil { keywords.append(("connect_timeout", "5")) }
        var settings = ConnectionSettings(keywords: keywords)
        if let database { settings = settings.with(database: database) }
        return settings
    }

    /// The same settings pointing at another database on the same server.
    public func with(database: String) -> ConnectionSettings {
        // Appended after a URL's dbname: libpq lets later keywords override what the URL set.
        ConnectionSettings(keywords: keywords + [("dbname", database)], observer: observer)
    }
}

/// One connection to PostgreSQL, owned by one thread. It caches a prepared statement
/// per distinct SQL text, and reconnects by itself after the server restarts.
public final class Connection {
    public enum Isolation: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    private var handle: OpaquePointer?
    private let settings: ConnectionSettings
    private var statements: [StatementKey: String] = [:]
    private var transactionDepth = 0
    /// A bound on the statement cache, in case some caller builds SQL text dynamically.
    private static let maxStatements = 1_000

    public init(_ settings: ConnectionSettings = .fromEnvironment()) throws(PostgresError) {
        self.settings = settings
        try connect()
    }

    deinit { if let handle { PQfinish(handle) } }

    public var isConnected: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    private func connect() throws(PostgresError) {
        if let handle { PQfinish(handle) }
        handle = nil
        statements.removeAll()
        transactionDepth = 0
        let names = settings.keywords.map { strdup($0.0) } + [nil]
        let values = settings.keywords.map { strdup($0.1) } + [nil]
        defer {
            names.forEach { free($0) }
            values.forEach { free($0) }
        }
        let connection = names.map { UnsafePointer($0) }.withUnsafeBufferPointer { keys in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { vals in
                PQconnectdbParams(keys.baseAddress, vals.baseAddress, 1)
            }
        }
        guard let connection else { throw PostgresError(kind: .connection, message: "out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Connection.errorMessage(connection)
            PQfinish(connection)
            throw PostgresError(kind: .connection, message: message)
        }
        handle = connection
        // Times travel as UTC text in ISO format, whatever the server's defaults.
        // Prepared statements are planned once: every statement is written for one shape of
        // question (filters chosen in Swift, limits in the text), so a plan made for its
        // first values serves the rest. Left to choose, PostgreSQL priced some generic plans
        // above their custom ones on small tables and planned them anew at every request —
        // 0.25 ms of planning for 0.03 ms of work, several times a page. The tests EXPLAIN
        // the generic plan of every statement the main pages send, on a large catalog.
        try run("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET plan_cache_mode = force_generic_plan")
    }

    /// Makes sure the connection is usable before a request begins: reconnects when the
    /// server went away (a restart leaves the socket readable at EOF), and rolls back a
    /// transaction some earlier failure left open.
    public func ensureAlive() throws(PostgresError) {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return try connect() }
        // An idle connection that never LISTENs has nothing to read unless the server is
        // ending it (shutdown, restart, pg_terminate_backend): its goodbye may arrive before
        // the end of the stream, so readable alone means reconnect.
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        if poll(&descriptor, 1, 0) > 0 {
            return try connect()
        }
        if PQtransactionStatus(handle) != PQTRANS_IDLE {
            transactionDepth = 0
            try run("ROLLBACK")
        }
    }

    /// Runs a statement and returns its rows.
    @discardableResult
    public func query(_ sql: SQL) throws(PostgresError) -> Rows {
        try execute(sql, resultFormat: 0)
    }

    /// Runs a statement whose columns all come back in binary format: for large `bytea`
    /// values, read with `Row.bytes(_:)` exactly as stored, where text would bring them
    /// as hex at twice their size. The format holds for every column of the statement,
    /// so keep such a statement to the bytes and read other columns with `query`.
    public func queryBinary(_ sql: SQL) throws(PostgresError) -> Rows {
        try execute(sql, resultFormat: 1)
    }

    private func execute(_ sql: SQL, resultFormat: Int32) throws(PostgresError) -> Rows {
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(kind: .connection, message: "not connected")
        }
        settings.observer?(sql)
        let name = try prepare(sql, on: handle)
        let result = Connection.withParameters(sql.binds) { values, lengths, formats, count in
            PQexecPrepared(handle, name, count, values, lengths, formats, resultFormat)
        }
        return try check(result, on: handle)
    }

    /// Runs statements that do not depend on each other in one round trip, through libpq's
    /// pipeline mode (one implicit transaction, as for a statement alone), and returns
    /// each one's rows in order. The first failure is thrown; the statements after it do
    /// not run. Inside a transaction they simply run one after the other.
    public func queryAll(_ statements: [SQL]) throws(PostgresError) -> [Rows] {
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(kind: .connection, message: "not connected")
        }
        if statements.count < 2 || transactionDepth > 0 {
            var all: [Rows] = []
            for sql in statements { all.append(try query(sql)) }
            return all
        }
        // Prepared before the pipeline starts: preparing waits for its own answer.
        var names: [String] = []
        for sql in statements {
            settings.observer?(sql)
            names.append(try prepare(sql, on: handle))
        }
        guard PQenterPipelineMode(handle) == 1 else {
            throw PostgresError(kind: .query, message: Connection.errorMessage(handle))
        }
        var sent = 0
        for (sql, name) in zip(statements, names) {
            let ok = Connection.withParameters(sql.binds) { values, lengths, formats, count in
                PQsendQueryPrepared(handle, name, count, values, lengths, formats, 0)
            }
            guard ok == 1 else { break }
            sent += 1
        }
        _ = PQpipelineSync(handle)
        // Every answer is read, the failed and the skipped ones too, before leaving the pipeline.
        var all: [Rows] = []
        var failure: PostgresError?
        for _ in 0..<sent {
            let result = PQgetResult(handle)
            if failure == nil {
                do throws(PostgresError) { all.append(try check(result, on: handle)) } catch { failure = error }
            } else if let result {
                PQclear(result)
            }
            while let extra = PQgetResult(handle) { PQclear(extra) }
        }
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        _ = PQexitPipelineMode(handle)
        if let failure { throw failure }
        guard sent == statements.count else {
            throw PostgresError(kind: PQstatus(handle) == CONNECTION_OK ? .query : .connection, message: Connection.errorMessage(handle))
        }
        return all
    }

    /// Runs a statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: SQL) throws(PostgresError) -> Int {
        try query(sql).affected
    }

    /// Runs statements without parameters, in one round trip (for SET, BEGIN, schema files).
    public func run(_ script: String) throws(PostgresError) {
        guard let handle else { throw PostgresError(kind: .connection, message: "not connected") }
        _ = try check(PQexec(handle, script), on: handle)
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws,
    /// and runs it again (up to `attempts` times) after a serialization failure or deadlock.
    /// Called inside another transaction, it simply joins it.
    public func transaction<T>(_ isolation: Isolation = .readCommitted, attempts: Int = 4, _ body: () throws -> T) throws -> T {
        if transactionDepth > 0 { return try body() }
        var attempt = 0
        while true {
            attempt += 1
            try run("BEGIN ISOLATION LEVEL \(isolation.rawValue)")
            transactionDepth = 1
            do {
                let value = try body()
                try run("COMMIT")
                transactionDepth = 0
                return value
            } catch {
                transactionDepth = 0
                if isConnected { try? run("ROLLBACK") }
                if let failure = error as? PostgresError, failure.isRetryable, attempt < attempts { continue }
                throw error
            }
        }
    }

    public var inTransaction: Bool { transactionDepth > 0 }

    // MARK: - libpq plumbing

    private func prepare(_ sql: SQL, on handle: OpaquePointer) throws(PostgresError) -> String {
        let types = sql.binds.map(\.type)
        let key = StatementKey(parts: sql.parts, types: types)
        if let name = statements[key] { return name }
        if statements.count >= Connection.maxStatements {
            try run("DEALLOCATE ALL")
            statements.removeAll()
        }
        let name = "s\(statements.count + 1)"
        let result = types.withUnsafeBufferPointer { oids in
            PQprepare(handle, name, sql.text, Int32(types.count), oids.baseAddress)
        }
        _ = try check(result, on: handle)
        statements[key] = name
        return name
    }

    /// Lays text parameters out as NUL-terminated strings in one buffer, and points
    /// libpq straight at the storage of binary ones (with their lengths and format 1),
    /// for the duration of the call only. libpq copies each value once, into its
    /// output buffer.
    private static func withParameters<R>(
        _ binds: [PostgresBind],
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> R
    ) -> R {
        if binds.isEmpty { return body(nil, nil, nil, 0) }
        var buffer: [CChar] = []
        var offsets: [Int?] = []
        var blobs: [ArraySlice<UInt8>] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        for bind in binds {
            switch bind.value {
            case nil:
                offsets.append(nil)
                lengths.append(0)
                formats.append(0)
            case .text(let text)?:
                offsets.append(buffer.count)
                buffer.append(contentsOf: text.utf8CString)
                lengths.append(0)
                formats.append(0)
            case .binary(let bytes)?:
                offsets.append(nil)
                blobs.append(bytes)
                lengths.append(Int32(clamping: bytes.count))
                formats.append(1)
            }
        }
        if buffer.isEmpty { buffer.append(0) }
        return buffer.withUnsafeBufferPointer { storage in
            withPinned(blobs[...]) { blobPointers in
                var nextBlob = 0
                var pointers: [UnsafePointer<CChar>?] = []
                pointers.reserveCapacity(binds.count)
                for (index, offset) in offsets.enumerated() {
                    if formats[index] == 1 {
                        pointers.append(blobPointers[nextBlob])
                        nextBlob += 1
                    } else {
                        pointers.append(offset.map { storage.baseAddress! + $0 })
                    }
                }
                return pointers.withUnsafeBufferPointer { values in
                    lengths.withUnsafeBufferPointer { lengthPointer in
                        formats.withUnsafeBufferPointer { formatPointer in
                            body(values.baseAddress, lengthPointer.baseAddress, formatPointer.baseAddress, Int32(binds.count))
                        }
                    }
                }
            }
        }
    }

    /// Pointers to the storage of each byte slice, valid inside `body`. An empty value
    /// still gets a pointer: to libpq, a NULL pointer means SQL NULL.
    private static func withPinned<R>(
        _ blobs: ArraySlice<ArraySlice<UInt8>>, _ pinned: [UnsafePointer<CChar>?] = [], _ body: ([UnsafePointer<CChar>?]) -> R
    ) -> R {
        guard let first = blobs.first else { return body(pinned) }
        return first.withUnsafeBytes { raw in
            let pointer = raw.baseAddress.map { UnsafePointer<CChar>(OpaquePointer($0)) } ?? emptyValue
            return withPinned(blobs.dropFirst(), pinned + [pointer], body)
        }
    }

    private static var emptyValue: UnsafePointer<CChar> { UnsafePointer<CChar>(OpaquePointer(StaticString("").utf8Start)) }

    private func check(_ result: OpaquePointer?, on handle: OpaquePointer) throws(PostgresError) -> Rows {
        guard let result else {
            throw PostgresError(kind: PQstatus(handle) == CONNECTION_OK ? .query : .connection, message: Connection.errorMessage(handle))
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return Rows(result: result)
        default:
            func field(_ code: Int32) -> String? { PQresultErrorField(result, code).map { String(cString: $0) } }
            let lost = PQstatus(handle) != CONNECTION_OK
            let error = PostgresError(
                kind: lost ? .connection : .query,
                sqlState: field(Int32(UInt8(ascii: "C"))),
                message: field(Int32(UInt8(ascii: "M"))) ?? Connection.errorMessage(handle),
                constraint: field(Int32(UInt8(ascii: "n"))),
                detail: field(Int32(UInt8(ascii: "D")))
            )
            PQclear(result)
            throw error
        }
    }

    /// A statement as the code wrote it: its pieces of text and where its parameters go,
    /// with their types. Looked up without joining the pieces into one text (a topic's
    /// statements run to kilobytes): the same literals compare by identity at once.
    private struct StatementKey: Hashable {
        let parts: [SQL.Part]
        let types: [UInt32]
    }

    private static func errorMessage(_ handle: OpaquePointer) -> String {
        guard let message = PQerrorMessage(handle) else { return "unknown error" }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
