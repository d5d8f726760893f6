import Foundation
import Postgres
import Web

/// The checks the catalog's staff forms share. Lengths count Unicode scalars, as
/// PostgreSQL's `length()` in the CHECK constraints does, so a value that passes here
/// never trips a constraint (which would be a 500, not a message beside the field).
enum CatalogAdminInput {
    /// Single-line text, trimmed, `range` scalars long, no control characters; nil otherwise.
    static func line(_ form: Form, _ name: String, _ range: ClosedRange<Int>) -> String? {
        let text = form[name]?.trimmingWhitespace() ?? ""
        guard range.contains(text.unicodeScalars.count),
            !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return nil }
        return text
    }

    /// Multi-line text with line breaks as `\n`, trimmed; nil when too long or not printable.
    static func paragraphs(_ form: Form, _ name: String, _ range: ClosedRange<Int>) -> String? {
        let text = (form[name] ?? "").replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").trimmingWhitespace()
        guard range.contains(text.unicodeScalars.count),
            !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" })
        else { return nil }
        return text
    }

    /// A whole number in `range`, written with ASCII digits only ("12", not "1e3" or "١٢").
    static func integer(_ text: String?, in range: ClosedRange<Int>) -> Int? {
        guard let text = text?.trimmingWhitespace(), (1...9).contains(text.utf8.count),
            text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let value = Int(text), range.contains(value)
        else { return nil }
        return value
    }

    /// Days PostgreSQL and people both accept: `YYYY-MM-DD` between 2000 and 2100.
    static func day(_ text: String?) -> CalendarDay? {
        guard let text = text?.trimmingWhitespace(), let day = CalendarDay(iso: text), (2000...2100).contains(day.year) else { return nil }
        return day
    }

    /// What `<input type="datetime-local">` sends, "YYYY-MM-DDTHH:MM" (seconds tolerated),
    /// normalized to minutes; nil for anything else. Its zone comes from another field.
    static func localDateTime(_ text: String?) -> String? {
        guard let text = text?.trimmingWhitespace() else { return nil }
        let halves = text.split(separator: "T", omittingEmptySubsequences: false)
        guard halves.count == 2, day(String(halves[0])) != nil else { return nil }
        let time = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard time.count == 2 || time.count == 3,
            time.allSatisfy({ $0.utf8.count == 2 && $0.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }),
            let hour = Int(time[0]), let minute = Int(time[1]), hour < 24, minute < 60, time.count == 2 || Int(time[2]) ?? 60 < 60
        else { return nil }
        return "\(halves[0])T\(time[0]):\(time[1])"
    }

    /// A zone from the list people choose from on their profile.
    static func zone(_ text: String?) -> String? {
        guard let text, AccountRules.timeZones.contains(text) else { return nil }
        return text
    }

    /// The zone a staff form starts in: the admin's own when it is on the list, else UTC.
    static func defaultZone(_ context: Context) -> String {
        zone(context.user?.timeZone) ?? "UTC"
    }

    /// Local wall-clock times in a zone as instants, converted by PostgreSQL (its zone
    /// database, its rules for the hour skipped or repeated when clocks change).
    static func instants(_ db: Connection, _ locals: [String], zone: String) throws -> [Date] {
        try locals.map { local in
            guard let instant: Date = try db.query("SELECT (\(local)::timestamp AT TIME ZONE \(zone)) AS at").first?["at"] else {
                throw HTTPError(.badRequest)
            }
            return instant
        }
    }

    /// An instant for the audit log: UTC, to the minute.
    static func utc(_ date: Date) -> String {
        String(date.postgresText.prefix(16)) + "Z"
    }
}
