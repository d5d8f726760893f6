import Foundation

/// Dates and times written the reader's way. Month names and patterns come from the
/// catalogs (`month.1`…`month.12`, `format.date`, `format.date_short`, `format.datetime`),
/// so translators own them and nothing locale-dependent is built per request: the
/// calendar arithmetic is plain integer work on the zone's offset, with no `Calendar`.
extension Localizer {
    /// A calendar day: "22 de noviembre de 2026", "22 November 2026".
    public func date(year: Int, month: Int, day: Int, short: Bool = false) -> String {
        guard (1...12).contains(month) else { return "\(year)-\(month)-\(day)" }
        let monthName = short ? calendar.shortMonths[month] : calendar.months[month]
        return (short ? calendar.shortDate : calendar.date).filled { name in
            switch name {
            case "d": String(day)
            case "month": monthName
            case "y": String(year)
            default: nil
            }
        }
    }

    /// An instant shown in a time zone: "22 de noviembre de 2026, 17:00 (America/Bogota)".
    public func dateTime(_ instant: Date, timeZone: TimeZone, showZone: Bool = true) -> String {
        let parts = CivilTime(instant, in: timeZone)
        let day = date(year: parts.year, month: parts.month, day: parts.day)
        let text = calendar.dateTime.filled { $0 == "date" ? day : $0 == "time" ? parts.clock : nil }
        return showZone ? "\(text) (\(timeZone.readableName))" : text
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
    let date: MessageTemplate
    let shortDate: MessageTemplate
    let dateTime: MessageTemplate
    let dateRange: MessageTemplate

    init(_ messages: [String: MessageTemplate], fallback: [String: MessageTemplate]) {
        func text(_ key: String) -> String { (messages[key] ?? fallback[key])?.text ?? key }
        months = [""] + (1...12).map { text("month.\($0)") }
        shortMonths = [""] + (1...12).map { text("month_short.\($0)") }
        date = MessageTemplate(text("format.date"))
        shortDate = MessageTemplate(text("format.date_short"))
        dateTime = MessageTemplate(text("format.datetime"))
        dateRange = MessageTemplate(text("format.date_range"))
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
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: instant)
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
        (hour < 10 ? "0" : "") + String(hour) + (minute < 10 ? ":0" : ":") + String(minute)
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
