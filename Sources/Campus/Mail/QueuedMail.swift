import Foundation
import Postgres
import Web

/// One outbox row as delivery sees it: the recipient's address, name and language as they
/// are now, and what the message is made of.
struct QueuedMail: Sendable {
    let id: Int64
    let address: String?
    let language: Language
    let name: String?
    let template: String?
    let values: [String: String]
    let texts: [String: String]
    /// Rows queued before templates hold their text already.
    let renderedSubject: String?
    let renderedBody: String?
    let date: String
    let attempts: Int
    /// For an account deleted since, or a row that lost both its account and its address.
    let isOrphaned: Bool

    /// The columns `init(row:)` reads, for a query over `outbox o LEFT JOIN users u`.
    static let columns: SQL = """
        o.id, coalesce(o.recipient, u.email) AS address, coalesce(u.locale, o.language, 'es') AS language, u.name,
        o.template, o.subject, o.body, o.attempts,
        u.deleted_at IS NOT NULL OR (o.user_id IS NULL AND o.recipient IS NULL) AS orphaned,
        ARRAY(SELECT key FROM jsonb_each_text(o.params) ORDER BY key) AS value_keys,
        ARRAY(SELECT value FROM jsonb_each_text(o.params) ORDER BY key) AS value_texts,
        ARRAY(SELECT key FROM jsonb_each_text(o.texts) ORDER BY key) AS text_keys,
        ARRAY(SELECT value FROM jsonb_each_text(o.texts) ORDER BY key) AS text_messages,
        to_char(o.created_at AT TIME ZONE 'UTC', 'Dy, DD Mon YYYY HH24:MI:SS "+0000"') AS date
        """

    init(row: Row) throws {
        func pairs(_ keys: String, _ values: String) throws -> [String: String] {
            Dictionary(zip(try row[keys] as [String], try row[values] as [String])) { first, _ in first }
        }
        id = try row["id"]
        address = try row["address"]
        language = Language(rawValue: try row["language"]) ?? .es
        name = try row["name"]
        template = try row["template"]
        values = try pairs("value_keys", "value_texts")
        texts = try pairs("text_keys", "text_messages")
        renderedSubject = try row["subject"]
        renderedBody = try row["body"]
        date = try row["date"]
        attempts = Int(try row["attempts"] as Int32)
        isOrphaned = try row["orphaned"]
    }

    /// The subject and body in the recipient's language. Every message from a template ends
    /// with the signature and the link to the email preferences.
    func written(_ messages: MessageCatalog, baseURL: String) -> (subject: String, body: String) {
        guard let template else { return (QueuedMail.headerText(renderedSubject ?? ""), renderedBody ?? "") }
        let t = messages.localizer(language)
        var all = values
        all["site"] = baseURL
        if let name { all["name"] = name }
        let given = all
        for (text, key) in texts { all[text] = t(key, given) }
        let subject = QueuedMail.headerText(t("mail.\(template).subject", all)).truncated(toCodePoints: 300)
        let body = t("mail.\(template).body", all) + "\n\n" + t("mail.signature", all)
            + "\n\n" + t("mail.preferences_footer", ["link": baseURL + Paths.meEmail.path()])
        return (subject.isEmpty ? "Campus" : subject, body)
    }

    /// Text fit for one header line: every line break and control character becomes a
    /// space, so no value can end the Subject and start a header of its own.
    static func headerText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: out.append(" ")
            default: out.append(scalar)
            }
        }
        return String(out).trimmingWhitespace()
    }

    /// An address that can stand alone on the To line: no spaces, controls or angle brackets.
    static func isDeliverable(_ address: String) -> Bool {
        address.utf8.count <= 254 && address.contains("@") && !address.unicodeScalars.contains {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control || "<>,;\"".unicodeScalars.contains($0)
        }
    }
}
