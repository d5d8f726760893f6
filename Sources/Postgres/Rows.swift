import CLibPQ

/// The rows of one query. Owns its `PGresult` and frees it when the last row goes.
public final class Rows: Sequence, @unchecked Sendable {
    private let result: OpaquePointer
    public let count: Int
    private let columns: [String]
    /// Where the last column was found: rows are mostly read in column order, so the next
    /// one is usually just after it.
    private var hint = 0

    init(result: OpaquePointer) {
        self.result = result
        count = Int(PQntuples(result))
        columns = (0..<PQnfields(result)).map { String(cString: PQfname(result, $0)) }
    }

    deinit { PQclear(result) }

    public var isEmpty: Bool { count == 0 }
    public var first: Row? { count > 0 ? Row(rows: self, index: Int32(0)) : nil }
    public subscript(index: Int) -> Row { Row(rows: self, index: Int32(index)) }

    /// Rows affected by an INSERT, UPDATE or DELETE.
    public var affected: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }

    public func makeIterator() -> AnyIterator<Row> {
        var index: Int32 = 0
        return AnyIterator { [self] in
            guard index < Int32(count) else { return nil }
            defer { index += 1 }
            return Row(rows: self, index: index)
        }
    }

    public func map<T>(_ transform: (Row) throws -> T) rethrows -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        for index in 0..<Int32(count) { out.append(try transform(Row(rows: self, index: index))) }
        return out
    }

    /// A column's index by name: a short scan from the hint (column names are small
    /// strings, compared without hashing).
    @usableFromInline
    func column(_ name: String) throws(PostgresError) -> Int32 {
        let total = columns.count
        var index = hint
        for _ in 0..<total {
            if index >= total { index = 0 }
            if columns[index] == name {
                hint = index + 1
                return Int32(index)
            }
            index += 1
        }
        throw PostgresError(kind: .decoding, message: "no column \(name)")
    }

    /// A field's text, or nil for SQL NULL. The bytes live as long as these rows.
    @usableFromInline
    func field(_ row: Int32, _ column: Int32) throws(PostgresError) -> UnsafeBufferPointer<UInt8>? {
        if PQgetisnull(result, row, column) == 1 { return nil }
        guard PQfformat(result, column) == 0 else {
            throw PostgresError(kind: .decoding, message: "column \(String(cString: PQfname(result, column))) is binary: read it with bytes(_:)")
        }
        return value(row, column)
    }

    @usableFromInline
    func unexpectedNull(_ column: Int32) -> PostgresError {
        PostgresError(kind: .decoding, message: "unexpected NULL in column \(String(cString: PQfname(result, column)))")
    }

    private func value(_ row: Int32, _ column: Int32) -> UnsafeBufferPointer<UInt8> {
        let length = Int(PQgetlength(result, row, column))
        guard let value = PQgetvalue(result, row, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// A `bytea` column's bytes: copied once from a binary result, decoded from hex
    /// in a text one.
    fileprivate func bytes(_ row: Int32, _ column: Int32) throws(PostgresError) -> [UInt8] {
        if PQgetisnull(result, row, column) == 1 { throw unexpectedNull(column) }
        guard PQfformat(result, column) == 1 else { return try ByteArray.decode(postgresText: value(row, column)).bytes }
        guard PQftype(result, column) == PostgresType.bytea else {
            throw PostgresError(kind: .decoding, message: "column \(String(cString: PQfname(result, column))) is not bytea")
        }
        return Array(value(row, column))
    }

    fileprivate func isNull(_ row: Int32, _ column: Int32) -> Bool { PQgetisnull(result, row, column) == 1 }
}

/// One row; columns are read by name with their Swift type: `let id: Int = try row["id"]`.
/// Inlinable, so each caller gets the decoding of its own types compiled in rather than
/// a generic call per field.
public struct Row {
    @usableFromInline let rows: Rows
    @usableFromInline let index: Int32

    @inlinable
    public subscript<T: PostgresDecodable>(_ column: String) -> T {
        get throws(PostgresError) { try decode(column, as: T.self) }
    }

    @inlinable
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        let column = try rows.column(column)
        guard let bytes = try rows.field(index, column) else {
            guard let value = T.decodeNull() else { throw rows.unexpectedNull(column) }
            return value
        }
        return try T.decode(postgresText: bytes)
    }

    /// The bytes of a `bytea` column, from `Connection.queryBinary` (or, decoded from
    /// hex, from `query`).
    public func bytes(_ column: String) throws(PostgresError) -> [UInt8] {
        try rows.bytes(index, rows.column(column))
    }

    /// A text column's bytes as PostgreSQL sent them (UTF-8, the database's encoding), nil
    /// for NULL: for stored markup copied into a page without becoming a `String` first.
    public func textBytes(_ column: String) throws(PostgresError) -> [UInt8]? {
        try rows.field(index, rows.column(column)).map(Array.init)
    }

    public func isNull(_ column: String) throws(PostgresError) -> Bool {
        rows.isNull(index, try rows.column(column))
    }
}
