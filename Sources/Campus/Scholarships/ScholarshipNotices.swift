import Foundation
import Postgres
import Web

/// What applicants are told, as a notification and an email in their language (kind
/// `scholarship`). A group of applicants in the same situation is told in one statement.
enum ScholarshipNotices {
    /// The values every notice names: the call and its edition.
    static func values(_ call: ScholarshipCall, deadline: Date? = nil) -> [String: String] {
        var values = ["call": call.title, "edition": call.editionLabel]
        if let deadline { values["deadline"] = deadlineText(deadline) }
        return values
    }

    /// A deadline as every language reads it, since the email is written later in the
    /// recipient's language: "2026-12-10 18:00 UTC". The application's page shows it in
    /// the reader's own zone.
    static func deadlineText(_ date: Date) -> String {
        String(date.postgresText.prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
    }

    static func tell(_ db: Connection, app: CampusApp, applicationID: Int64, userID: Int64, call: ScholarshipCall, _ what: String, deadline: Date? = nil) throws {
        try Notifier.notify(
            db, app: app, userID: userID, kind: .scholarship, message: "notice.scholarship.\(what)",
            values: values(call, deadline: deadline), link: ScholarshipPaths.application.path(applicationID))
    }

    /// Everyone whose application to `call` matches `condition` (over applications `a`):
    /// each is linked to their own application from the list of notifications on /me.
    @discardableResult
    static func tellAll(_ db: Connection, app: CampusApp, call: ScholarshipCall, where condition: SQL, _ what: String, deadline: Date? = nil) throws -> Int {
        try Notifier.notifyAll(
            db, app: app, audience: "SELECT a.user_id FROM applications a WHERE a.call_id = \(call.id) AND \(condition)",
            kind: .scholarship, message: "notice.scholarship.\(what)", values: values(call, deadline: deadline),
            link: ScholarshipPaths.calls.path())
    }
}
