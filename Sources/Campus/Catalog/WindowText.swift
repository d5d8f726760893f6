import Foundation
import Web

/// Enrolment windows in words people read right: "hasta el 8 de enero, 23:59 (America/Bogota)",
/// in the reader's time zone, with the zone named once.
enum WindowText {
    /// A moment in `zone`: the year only when it is not this year's. A deadline at midnight
    /// is written as the minute before, because "9 de enero, 00:00" is read as the end of
    /// the 9th; a request at 23:59:30 is still inside the window, so nothing is promised wrongly.
    static func moment(_ instant: Date, t: Localizer, zone: TimeZone, deadline: Bool = false, named: Bool = false, now: Date = Date()) -> String {
        var parts = CivilTime(instant, in: zone)
        if deadline, parts.hour == 0, parts.minute == 0 {
            parts = CivilTime(instant.addingTimeInterval(-60), in: zone)
        }
        let (year, month, day) = (parts.year, parts.month, parts.day)
        let date = year == CivilTime(now, in: zone).year
            ? t("format.day_month", ["d": String(day), "month": t("month.\(month)")])
            : t.date(year: year, month: month, day: day)
        let text = t("format.datetime", ["date": date, "time": parts.clock])
        return named ? "\(text) (\(zoneName(zone)))" : text
    }

    /// "America/Bogota" → "America/Bogota"; a visitor's zone, unknown, is said to be UTC.
    static func zoneName(_ zone: TimeZone) -> String {
        zone.identifier == "GMT" ? "UTC" : zone.readableName
    }

    /// The window as the edition's facts say it, worded for where the edition is now.
    static func window(_ edition: EditionDetail, t: Localizer, zone: TimeZone) -> String {
        let closes = moment(edition.closesAt, t: t, zone: zone, deadline: true)
        let values = ["opens": moment(edition.opensAt, t: t, zone: zone), "closes": closes, "zone": zoneName(zone)]
        switch edition.state {
        case .upcoming: return t("catalog.window_upcoming", values)
        case .open, .full: return t("catalog.window_open", values)
        case .closed, .running, .finished: return t("catalog.window_closed", values)
        }
    }
}
