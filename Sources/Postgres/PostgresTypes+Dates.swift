import Foundation

/// A calendar day, as PostgreSQL's `date` (no time, no zone).
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible, PostgresEncodable, PostgresDecodable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, refusing impossible days such as 2026-02-30.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= CalendarDay.daysIn(month: month, year: year)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static var postgresType: UInt32 { PostgresType.date }
    public var postgresText: String { description }

    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>) throws(PostgresError) -> CalendarDay {
        // `YYYY-MM-DD` read digit by digit: the form every date column arrives in.
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 0x30
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
            let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10),
            year >= 1, (1...12).contains(month), day >= 1, day <= CalendarDay.daysIn(month: month, year: year)
        else { throw .decoding(CalendarDay.self, bytes) }
        return CalendarDay(year: year, month: month, day: day)
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y - 1 : y
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
}

func civilFromDays(_ z: Int) -> (Int, Int, Int) {
    let z = z + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
}

extension Date: PostgresEncodable, PostgresDecodable {
    public static var postgresType: UInt32 { PostgresType.timestamptz }

    /// ISO 8601 in UTC with microseconds, which PostgreSQL reads without ambiguity.
    public var postgresText: String {
        let micros = Int((timeIntervalSince1970 * 1_000_000).rounded(.down))
        var seconds = micros / 1_000_000
        var fraction = micros % 1_000_000
        if fraction < 0 { fraction += 1_000_000; seconds -= 1 }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let (y, m, d) = civilFromDays(days)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d.%06d+00", y, m, d, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60, fraction)
    }

    /// Reads `YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]]`, as PostgreSQL writes with DateStyle ISO.
    /// A cursor over the bytes rather than closures over an index: a thread's page reads a
    /// hundred of these, and captured variables would live on the heap.
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>) throws(PostgresError) -> Date {
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(4), reader.expect("-"), let month = reader.number(2), reader.expect("-"),
            let day = reader.number(2), reader.expect(" ") || reader.expect("T"), let hour = reader.number(2), reader.expect(":"),
            let minute = reader.number(2), reader.expect(":"), let second = reader.number(2)
        else { throw .decoding(Date.self, bytes) }
        var fraction = 0.0
        if reader.expect(".") {
            var scale = 0.1
            while reader.index < bytes.count, (48...57).contains(bytes[reader.index]) {
                fraction += Double(bytes[reader.index] - 48) * scale
                scale /= 10
                reader.index += 1
            }
        }
        var offsetSeconds = 0
        if reader.index < bytes.count {
            let sign = bytes[reader.index] == UInt8(ascii: "-") ? -1 : 1
            guard reader.expect("+") || reader.expect("-"), let hours = reader.number(2) else { throw .decoding(Date.self, bytes) }
            var total = hours * 3600
            if reader.expect(":"), let minutes = reader.number(2) { total += minutes * 60 }
            if reader.expect(":"), let seconds = reader.number(2) { total += seconds }
            offsetSeconds = sign * total
        }
        guard reader.index == bytes.count else { throw .decoding(Date.self, bytes) }
        let epochSeconds = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(epochSeconds) + fraction)
    }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresType: UInt32 { Element.postgresArrayType }

    /// An array literal such as `{1,2}` or `{"a b","c\"d"}`.
    public var postgresText: String {
        "{" + map { element in
            let text = element.postgresText
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: ",") + "}"
    }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement & PostgresDecodable {
    /// Parses a one-dimensional array literal; NULL elements are not supported. Elements
    /// are decoded where they lie; only those with a backslash are copied to unescape them.
    @inlinable
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>) throws(PostgresError) -> [Element] {
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { throw .decoding([Element].self, bytes) }
        let end = bytes.count - 1
        guard end > 1 else { return [] }
        var elements: [Element] = []
        var index = 1
        var unescaped: [UInt8] = []
        while true {
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                let start = index
                var escaped = false
                while index < end, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < end { escaped = true; index += 1 }
                    index += 1
                }
                guard index < end else { throw .decoding([Element].self, bytes) }
                if escaped {
                    unescaped.removeAll(keepingCapacity: true)
                    var at = start
                    while at < index {
                        if bytes[at] == UInt8(ascii: "\\") { at += 1 }
                        unescaped.append(bytes[at])
                        at += 1
                    }
                    elements.append(try unescaped.withUnsafeBufferPointer { buffer throws(PostgresError) in try Element.decode(postgresText: buffer) })
                } else {
                    // Quoted only for a space or a comma: decoded where it lies.
                    elements.append(try Element.decode(postgresText: UnsafeBufferPointer(rebasing: bytes[start..<index])))
                }
                index += 1
            } else {
                let start = index
                while index < end, bytes[index] != UInt8(ascii: ",") { index += 1 }
                elements.append(try Element.decode(postgresText: UnsafeBufferPointer(rebasing: bytes[start..<index])))
            }
            guard index < end else { break }
            guard bytes[index] == UInt8(ascii: ",") else { throw .decoding([Element].self, bytes) }
            index += 1
        }
        return elements
    }
}

/// Element types that have a PostgreSQL array type.
public protocol PostgresArrayElement: PostgresEncodable {
    static var postgresArrayType: UInt32 { get }
}

extension String: PostgresArrayElement { public static var postgresArrayType: UInt32 { PostgresType.textArray } }
extension Int: PostgresArrayElement { public static var postgresArrayType: UInt32 { PostgresType.int8Array } }
extension Int64: PostgresArrayElement { public static var postgresArrayType: UInt32 { PostgresType.int8Array } }

/// Fixed-width decimal fields and separators, read left to right.
struct DigitReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func number(_ width: Int) -> Int? {
        guard index + width <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<width {
            let digit = Int(bytes[index + offset]) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        index += width
        return value
    }

    mutating func expect(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }
}
