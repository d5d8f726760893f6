import Postgres
import Web

/// The words the personal export uses instead of codes and message keys, in the account's
/// language: a person reads their export, so it says "Mayor" and "You have a place in…",
/// not `mayor` and `notice.enrollment.enrolled`. Each list is bound to the export's SQL as
/// a JSON object from code to words.
struct ExportWords {
    let t: Localizer
    /// The reader's notifications, rendered: their ids and texts, in the same order.
    let notificationIDs: [Int64]
    let notificationTexts: [String]

    init(_ db: Connection, userID: Int64, t: Localizer) throws {
        self.t = t
        let rows = try db.query("""
            SELECT id, message, ARRAY(SELECT key FROM jsonb_each_text(params) ORDER BY key) AS keys,
                   ARRAY(SELECT value FROM jsonb_each_text(params) ORDER BY key) AS vals
            FROM notifications WHERE user_id = \(userID) ORDER BY id
            """)
        notificationIDs = try rows.map { try $0["id"] }
        notificationTexts = try rows.map { row in
            let keys: [String] = try row["keys"]
            let values: [String] = try row["vals"]
            return t(try row["message"], Dictionary(zip(keys, values)) { first, _ in first })
        }
    }

    func words(_ codes: [String], _ key: (String) -> String) -> String {
        JSON.object(Dictionary(codes.map { ($0, t(key($0))) }) { first, _ in first })
    }

    var positions: String { words(Position.allCases.map(\.rawValue)) { "position.\($0)" } }
    var languages: String { words(Language.allCases.map(\.rawValue)) { "language_name.\($0)" } }
    var roles: String { words(Role.allCases.map(\.rawValue)) { "role.\($0)" } }
    var scopes: String { words(["global", "edition", "forum", "call"]) { "scope.\($0)" } }
    var notificationKinds: String { words(NotificationKind.allCases.map(\.rawValue)) { "email_prefs.kind.\($0)" } }

    /// Enrollment statuses as the reader's page says them, without the closing full stop;
    /// `not_completed` is an enrolment assessed as not completed.
    var statuses: String {
        let codes = EnrollmentStatus.allCases.map(\.rawValue) + ["not_completed"]
        return JSON.object(Dictionary(codes.map { code in
            var text = t("enrollment.status.\(code)")
            if text.hasSuffix(".") { text.removeLast() }
            return (code, text)
        }) { first, _ in first })
    }
}
