import Foundation

/// Dates and times written the reader's way. Month names and patterns come from the
/// catalogs (`month.1`…`month.12`, `format.date`, `format.date_short`, `format.datetime`),
/// so translators own them and nothing locale-dependent is built per request: the
/// calendar arithmetic is plain integer work on the zone's offset, with no `Calendar`.
extension Localizer {
    /// A calendar day: "22 de noviembre de 2026", "22 November 2026".
    public func date(year: Int, month: Int, day: Int, short: Bool = false) -> String {
        guard (1...12).contains(month) else { return "\(year)-\(month)-\(day)" }
        var out: [UInt8] = []
        appendDate(year: year, month: month, day: day, short: short, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Pages print a date for each post of a thread: the pattern's pieces were sorted out
    /// once, and the text is laid out byte by byte.
    func appendDate(year: Int, month: Int, day: Int, short: Bool, to out: inout [UInt8]) {
        guard (1...12).contains(month) else {
            out.append(contentsOf: "\(year)-\(month)-\(day)".utf8)
            return
        }
        for piece in short ? calendar.shortDate : calendar.date {
            switch piece {
            case .text(let text): out.append(contentsOf: text.utf8)
            case .day: CivilTime.appendDigits(day, width: 1, to: &out)
            case .month: out.append(contentsOf: (short ? calendar.shortMonths[month] : calendar.months[month]).utf8)
            case .year: CivilTime.appendDigits(year, width: 1, to: &out)
            case .date, .time, .other: out.append(contentsOf: piece.unfilled.utf8)
            }
        }
    }

    /// An instant shown in a time zone: "22 de noviembre de 2026, 17:00 (America/Bogota)".
    public func dateTime(_ instant: Date, timeZone: TimeZone, showZone: Bool = true) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        appendDateTime(instant, timeZone: timeZone, showZone: showZone, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `<time datetime="2026-05-01T17:05Z">1 de mayo de 2026, 19:05</time>`: the instant in
    /// the reader's zone, and in UTC for machines, written straight into the page.
    public func timeElement(_ instant: Date, timeZone: TimeZone, showZone: Bool = false) -> HTML {
        var out: [UInt8] = []
        out.reserveCapacity(96)
        HTML.append("<time datetime=\"", to: &out)
        CivilTime(utc: instant).appendISOMinute(to: &out)
        HTML.append("\">", to: &out)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        appendDateTime(instant, timeZone: timeZone, showZone: showZone, to: &text)
        text.withUnsafeBufferPointer { HTML.escape($0, into: &out) }
        HTML.append("</time>", to: &out)
        return HTML(unsafeRawBytes: out)
    }

    func appendDateTime(_ instant: Date, timeZone: TimeZone, showZone: Bool, to out: inout [UInt8]) {
        let parts = CivilTime(instant, in: timeZone)
        for piece in calendar.dateTime {
            switch piece {
            case .text(let text): out.append(contentsOf: text.utf8)
            case .date: appendDate(year: parts.year, month: parts.month, day: parts.day, short: false, to: &out)
            case .time: parts.appendClock(to: &out)
            case .day, .month, .year, .other: out.append(contentsOf: piece.unfilled.utf8)
            }
        }
        if showZone {
            out.append(contentsOf: " (".utf8)
            out.append(contentsOf: timeZone.readableName.utf8)
            out.append(UInt8(ascii: ")"))
        }
    }

    /// A day range: "3–28 de marzo de 2027" is left to the pattern `format.date_range`.
    public func dateRange(from start: (Int, Int, Int), to end: (Int, Int, Int)) -> String {
        let first = date(year: start.0, month: start.1, day: start.2)
        let last = date(year: end.0, month: end.1, day: end.2)
        return calendar.dateRange.filled { $0 == "start" ? first : $0 == "end" ? last : nil }
    }
}

/// A language's month names and date patterns, taken from its catalog once.
struct CalendarWords: Sendable {
    let months: [String]
    let shortMonths: [String]
    let date: [DatePiece]
    let shortDate: [DatePiece]
    let dateTime: [DatePiece]
    let dateRange: MessageTemplate

    init(_ messages: [String: MessageTemplate], fallback: [String: MessageTemplate]) {
        func text(_ key: String) -> String { (messages[key] ?? fallback[key])?.text ?? key }
        months = [""] + (1...12).map { text("month.\($0)") }
        shortMonths = [""] + (1...12).map { text("month_short.\($0)") }
        date = DatePiece.pieces(of: MessageTemplate(text("format.date")))
        shortDate = DatePiece.pieces(of: MessageTemplate(text("format.date_short")))
        dateTime = DatePiece.pieces(of: MessageTemplate(text("format.datetime")))
        dateRange = MessageTemplate(text("format.date_range"))
    }
}

/// A date pattern's piece, its placeholder told apart once: `{d}`, `{month}`, `{y}` in a
/// date, `{date}` and `{time}` in a date and time.
enum DatePiece: Sendable, Equatable {
    case text(String), day, month, year, date, time
    /// A placeholder no date fills: shown as written, as messages show a missing value.
    case other(String)

    static func pieces(of template: MessageTemplate) -> [DatePiece] {
        template.pieces.map { piece in
            switch piece {
            case .text(let text): .text(text)
            case .placeholder("d"): .day
            case .placeholder("month"): .month
            case .placeholder("y"): .year
            case .placeholder("date"): .date
            case .placeholder("time"): .time
            case .placeholder(let name): .other(name)
            }
        }
    }

    var unfilled: String {
        switch self {
        case .text(let text): text
        case .day: "{d}"
        case .month: "{month}"
        case .year: "{y}"
        case .date: "{date}"
        case .time: "{time}"
        case .other(let name): "{\(name)}"
        }
    }
}

/// The wall-clock reading of an instant in a time zone, by integer arithmetic on the
/// zone's offset at that instant (Howard Hinnant's days-to-civil algorithm).
public struct CivilTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        (self.year, self.month, self.day, self.hour, self.minute) = (year, month, day, hour, minute)
    }

    public init(_ instant: Date, in zone: TimeZone) {
        self.init(localSeconds: Int(instant.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: instant))
    }

    /// The instant in UTC, without asking a time zone.
    public init(utc instant: Date) {
        self.init(localSeconds: Int(instant.timeIntervalSince1970.rounded(.down)))
    }

    /// From seconds since 1970-01-01 00:00 on the local clock.
    init(localSeconds seconds: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        hour = secondOfDay / 3_600
        minute = secondOfDay % 3_600 / 60
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// "17:05".
    public var clock: String {
        var out: [UInt8] = []
        appendClock(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// "2026-05-01T17:05", and "Z" when `utc` (for a reading in UTC).
    public func appendISOMinute(to out: inout [UInt8], utc: Bool = true) {
        CivilTime.appendDigits(year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        CivilTime.appendDigits(month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        CivilTime.appendDigits(day, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        appendClock(to: &out)
        if utc { out.append(UInt8(ascii: "Z")) }
    }

    func appendClock(to out: inout [UInt8]) {
        CivilTime.appendDigits(hour, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        CivilTime.appendDigits(minute, width: 2, to: &out)
    }

    /// A non-negative number in decimal, zero-padded to `width` digits; a negative one as
    /// Swift prints it.
    public static func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
        guard value >= 0 else { return out.append(contentsOf: String(value).utf8) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 && count < 20
            for _ in count..<max(count, width) { out.append(UInt8(ascii: "0")) }
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }
}

extension TimeZone {
    /// "America/Sao_Paulo" → "America/Sao Paulo": the identifier as people read it, mapped
    /// byte by byte (identifiers are ASCII) because pages print it several times each.
    public var readableName: String { TimeZone.readableName(identifier) }

    public static func readableName(_ identifier: String) -> String {
        String(decoding: identifier.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}
