import Postgres
import Web

/// The words the personal export uses instead of codes and message keys, in the account's
/// language: a person reads their export, so it says "Mayor" and "You have a place in…",
/// not `mayor` and `notice.enrollment.enrolled`. Each list is bound to a feature's export
/// SQL as a JSON object from code to words.
enum ExportWords {
    /// `{"code": "words", …}` for these codes, each said by the message `key(code)`.
    static func object(_ t: Localizer, _ codes: [String], _ key: (String) -> String) -> String {
        JSON.object(Dictionary(codes.map { ($0, t(key($0))) }) { first, _ in first })
    }

    static func positions(_ t: Localizer) -> String { object(t, Position.allCases.map(\.rawValue)) { "position.\($0)" } }
    static func languages(_ t: Localizer) -> String { object(t, Language.allCases.map(\.rawValue)) { "language_name.\($0)" } }
    static func roles(_ t: Localizer) -> String { object(t, Role.allCases.map(\.rawValue)) { "role.\($0)" } }
    static func scopes(_ t: Localizer) -> String { object(t, ["global", "edition", "forum", "call", "course"]) { "scope.\($0)" } }

    /// Enrollment statuses as the reader's page says them, without the closing full stop;
    /// `not_completed` is an enrolment assessed as not completed.
    static func statuses(_ t: Localizer) -> String {
        let codes = EnrollmentStatus.allCases.map(\.rawValue) + ["not_completed"]
        return JSON.object(Dictionary(codes.map { code in
            var text = t("enrollment.status.\(code)")
            if text.hasSuffix(".") { text.removeLast() }
            return (code, text)
        }) { first, _ in first })
    }
}
