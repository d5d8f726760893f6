import Foundation

/// PostgreSQL type OIDs used to bind parameters.
public enum PostgresType {
    public static let bool: UInt32 = 16
    public static let int8: UInt32 = 20
    public static let int4: UInt32 = 23
    public static let text: UInt32 = 25
    public static let float8: UInt32 = 701
    public static let textArray: UInt32 = 1009
    public static let int8Array: UInt32 = 1016
    public static let date: UInt32 = 1082
    public static let timestamptz: UInt32 = 1184
    public static let numeric: UInt32 = 1700
    public static let bytea: UInt32 = 17
    public static let unknown: UInt32 = 0
}

/// A Swift value that can be bound as a parameter, in PostgreSQL's text format
/// (or, by overriding `postgresValue`, in binary format).
public protocol PostgresEncodable: Sendable {
    static var postgresType: UInt32 { get }
    var postgresText: String { get }
    /// What is sent: the text form unless the type says otherwise.
    var postgresValue: PostgresBind.Value { get }
}

extension PostgresEncodable {
    public var postgresValue: PostgresBind.Value { .text(postgresText) }
}

/// A Swift value that can be read from a column in PostgreSQL's text format.
public protocol PostgresDecodable {
    static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>) throws(PostgresError) -> Self
    /// The value for SQL NULL, if the type has one (only optionals do).
    static func decodeNull() -> Self?
}

extension PostgresDecodable {
    public static func decodeNull() -> Self? { nil }
}

extension PostgresError {
    @usableFromInline
    static func decoding(_ type: Any.Type, _ bytes: UnsafeBufferPointer<UInt8>) -> PostgresError {
        PostgresError(kind: .decoding, message: "cannot decode \(type) from '\(String(decoding: bytes.prefix(40), as: UTF8.self))'")
    }
}

extension String: PostgresEncodable, PostgresDecodable {
    public static var postgresType: UInt32 { PostgresType.text }
    public var postgresText: String { self }
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>) throws(PostgresError) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

extension Int: PostgresEncodable, PostgresDecodable {
    public static var postgresType: UInt32 { PostgresType.int8 }
    public var postgresText: String { String(self) }
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>) throws(PostgresError) -> Int {
        guard let value = parseInteger(bytes) else { throw .decoding(Int.self, bytes) }
        return value
    }
}

extension Int64: PostgresEncodable, PostgresDecodable {
    public static var postgresType: UInt32 { PostgresType.int8 }
    public var postgresText: String { String(self) }
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>) throws(PostgresError) -> Int64 {
        guard let value = parseInteger(bytes) else { throw .decoding(Int64.self, bytes) }
        return Int64(value)
    }
}

extension Int32: PostgresEncodable, PostgresDecodable {
    public static var postgresType: UInt32 { PostgresType.int4 }
    public var postgresText: String { String(self) }
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>) throws(PostgresError) -> Int32 {
        guard let value = parseInteger(bytes), let narrow = Int32(exactly: value) else { throw .decoding(Int32.self, bytes) }
        return narrow
    }
}

/// Parses an ASCII decimal integer without allocating.
func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var index = 0
    var negative = false
    if bytes.first == UInt8(ascii: "-") { negative = true; index = 1 }
    guard index < bytes.count else { return nil }
    var value = 0
    while index < bytes.count {
        let digit = Int(bytes[index]) - 48
        guard digit >= 0, digit <= 9 else { return nil }
        let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
        guard !overflow1, !overflow2 else { return nil }
        value = sum
        index += 1
    }
    return value
}

extension Bool: PostgresEncodable, PostgresDecodable {
    public static var postgresType: UInt32 { PostgresType.bool }
    public var postgresText: String { self ? "t" : "f" }
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>) throws(PostgresError) -> Bool {
        switch bytes.first {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: throw .decoding(Bool.self, bytes)
        }
    }
}

extension Double: PostgresEncodable, PostgresDecodable {
    public static var postgresType: UInt32 { PostgresType.float8 }
    public var postgresText: String { String(self) }
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>) throws(PostgresError) -> Double {
        guard let value = Double(String(decoding: bytes, as: UTF8.self)) else { throw .decoding(Double.self, bytes) }
        return value
    }
}

extension Decimal: PostgresEncodable, PostgresDecodable {
    public static var postgresType: UInt32 { PostgresType.numeric }
    public var postgresText: String { description }
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>) throws(PostgresError) -> Decimal {
        guard let value = Decimal(string: String(decoding: bytes, as: UTF8.self), locale: posix) else {
            throw .decoding(Decimal.self, bytes)
        }
        return value
    }
}

/// PostgreSQL's numbers use a point whatever the server's locale: made once.
private let posix = Locale(identifier: "en_US_POSIX")

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    @inlinable
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>) throws(PostgresError) -> Optional<Wrapped> {
        try Wrapped.decode(postgresText: bytes)
    }

    @inlinable
    public static func decodeNull() -> Optional<Wrapped>? { .some(.none) }
}

/// `bytea`. Bound in binary format: a file of 10 MB travels as 10 MB, where hex text
/// would take 20 MB in a Swift string, 20 more in a C buffer and 20 in libpq's.
/// Read in hex from ordinary queries; `Connection.queryBinary` and `Row.bytes` read
/// large values as they are.
public struct ByteArray: Sendable, Equatable, PostgresEncodable, PostgresDecodable {
    public var bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public static var postgresType: UInt32 { PostgresType.bytea }
    public var postgresValue: PostgresBind.Value { .binary(bytes[...]) }
    /// The hex form, for logs and literals; never what is sent.
    public var postgresText: String { ByteArray.hexText(bytes) }

    static func hexText(_ bytes: some Collection<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        out.reserveCapacity(bytes.count * 2 + 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>) throws(PostgresError) -> ByteArray {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0 else {
            throw .decoding(ByteArray.self, bytes)
        }
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            guard let high = hexDigit(bytes[index]), let low = hexDigit(bytes[index + 1]) else { throw .decoding(ByteArray.self, bytes) }
            out.append(high << 4 | low)
            index += 2
        }
        return ByteArray(out)
    }
}

/// A slice of bytes (a file inside a request's body) bound as `bytea`, in binary format
/// straight from the storage it shares with its array.
extension ArraySlice: PostgresEncodable where Element == UInt8 {
    public static var postgresType: UInt32 { PostgresType.bytea }
    public var postgresText: String { ByteArray.hexText(self) }
    public var postgresValue: PostgresBind.Value { .binary(self) }
}

func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 48...57: byte - 48
    case 97...102: byte - 87
    case 65...70: byte - 55
    default: nil
    }
}
