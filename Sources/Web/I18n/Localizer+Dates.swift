import Foundation

/// Dates and times written the reader's way. Month names and patterns come from the
/// catalogs (`month.1`…`month.12`, `format.date`, `format.date_short`, `format.datetime`),
/// so translators own them and nothing locale-dependent is built per request.
extension Localizer {
    /// A calendar day: "22 de noviembre de 2026", "22 November 2026".
    public func date(year: Int, month: Int, day: Int, short: Bool = false) -> String {
        let monthName = self(short ? "month_short.\(month)" : "month.\(month)")
        return self(short ? "format.date_short" : "format.date", ["d": String(day), "month": monthName, "y": String(year)])
    }

    /// An instant shown in a time zone: "22 de noviembre de 2026, 17:00 (America/Bogota)".
    public func dateTime(_ instant: Date, timeZone: TimeZone, showZone: Bool = true) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let day = date(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
        let time = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        let text = self("format.datetime", ["date": day, "time": time])
        return showZone ? "\(text) (\(timeZone.identifier.replacingOccurrences(of: "_", with: " ")))" : text
    }

    /// A day range: "3–28 de marzo de 2027" is left to the pattern `format.date_range`.
    public func dateRange(from start: (Int, Int, Int), to end: (Int, Int, Int)) -> String {
        self("format.date_range", ["start": date(year: start.0, month: start.1, day: start.2), "end": date(year: end.0, month: end.1, day: end.2)])
    }
}
