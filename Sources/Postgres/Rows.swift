import CLibPQ

/// The rows of one query. Owns its `PGresult` and frees it when the last row goes.
public final class Rows: Sequence, @unchecked Sendable {
    private let result: OpaquePointer
    public let count: Int
    private let columns: [String: Int32]

    init(result: OpaquePointer) {
        self.result = result
        count = Int(PQntuples(result))
        var columns: [String: Int32] = [:]
        for index in 0..<PQnfields(result) {
            columns[String(cString: PQfname(result, index))] = index
        }
        self.columns = columns
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

    fileprivate func column(_ name: String) throws(PostgresError) -> Int32 {
        guard let index = columns[name] else { throw PostgresError(kind: .decoding, message: "no column \(name)") }
        return index
    }

    fileprivate func decode<T: PostgresDecodable>(_ row: Int32, _ column: Int32, as type: T.Type) throws(PostgresError) -> T {
        if PQgetisnull(result, row, column) == 1 {
            guard let value = T.decodeNull() else {
                throw PostgresError(kind: .decoding, message: "unexpected NULL in column \(String(cString: PQfname(result, column)))")
            }
            return value
        }
        let length = Int(PQgetlength(result, row, column))
        let pointer = UnsafeRawPointer(PQgetvalue(result, row, column)!).assumingMemoryBound(to: UInt8.self)
        return try T.decode(postgresText: UnsafeBufferPointer(start: pointer, count: length))
    }

    fileprivate func isNull(_ row: Int32, _ column: Int32) -> Bool { PQgetisnull(result, row, column) == 1 }
}

/// One row; columns are read by name with their Swift type: `let id: Int = try row["id"]`.
public struct Row {
    let rows: Rows
    let index: Int32

    public subscript<T: PostgresDecodable>(_ column: String) -> T {
        get throws(PostgresError) { try rows.decode(index, rows.column(column), as: T.self) }
    }

    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        try rows.decode(index, rows.column(column), as: type)
    }

    public func isNull(_ column: String) throws(PostgresError) -> Bool {
        rows.isNull(index, try rows.column(column))
    }
}
