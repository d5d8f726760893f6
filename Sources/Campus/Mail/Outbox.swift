import Foundation
import Postgres
import Web

/// Email as rows in PostgreSQL: features enqueue messages in the same transaction as the
/// change they announce; `campus mail` delivers them later and retries failures.
enum Outbox {
    /// Queues a message written from the catalog's `mail.<template>.subject` and `.body`
    /// in the recipient's language. Every message ends with the link to the email preferences.
    static func enqueue(
        _ db: Connection, app: CampusApp, userID: Int64?, recipient: String, language: Language,
        template: String, values: [String: String]
    ) throws {
        let t = app.localizer(language)
        var all = values
        all["site"] = app.settings.baseURL
        let subject = t("mail.\(template).subject", all).filter { $0 != "\r" && $0 != "\n" && $0 != "\r\n" }
        let body = t("mail.\(template).body", all) + "\n\n" + t("mail.signature", all)
            + "\n\n" + t("mail.preferences_footer", ["link": app.settings.baseURL + Paths.meEmail.path()])
        try db.execute("""
            INSERT INTO outbox (user_id, recipient, subject, body)
            VALUES (\(userID), \(recipient), \(subject.truncated(toCodePoints: 300)), \(body))
            """)
    }

    struct Pending {
        let id: Int64
        let recipient: String
        let subject: String
        let body: String
        let date: String
        let attempts: Int
    }

    /// Delivers up to `limit` due messages; returns (sent, failed). Rows are locked with
    /// SKIP LOCKED, so several `campus mail` processes never send a message twice.
    static func deliver(_ db: Connection, settings: Settings, limit: Int = 100) throws -> (sent: Int, failed: Int) {
        try db.transaction {
            let due = try db.query("""
                SELECT id, recipient, subject, body, attempts,
                       to_char(created_at AT TIME ZONE 'UTC', 'Dy, DD Mon YYYY HH24:MI:SS "+0000"') AS date
                FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= now()
                ORDER BY next_attempt_at, id LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
                """).map { row in
                Pending(id: try row["id"], recipient: try row["recipient"], subject: try row["subject"], body: try row["body"], date: try row["date"], attempts: Int(try row["attempts"] as Int32))
            }
            var sent = 0
            var failed = 0
            for message in due {
                let bytes = Array(rfc5322(message, from: settings.mailFrom).utf8)
                if let failure = send(bytes, message: message, settings: settings) {
                    failed += 1
                    // Back off: 1, 2, 4… minutes, at most a day.
                    let minutes = min(1 << min(message.attempts, 11), 1440)
                    try db.execute("""
                        UPDATE outbox SET attempts = attempts + 1, last_error = \(failure.truncated(toCodePoints: 500)),
                               next_attempt_at = now() + make_interval(mins => \(minutes)::int)
                        WHERE id = \(message.id)
                        """)
                } else {
                    sent += 1
                    try db.execute("UPDATE outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = \(message.id)")
                }
            }
            return (sent, failed)
        }
    }

    /// nil when delivered, else why not.
    static func send(_ bytes: [UInt8], message: Pending, settings: Settings) -> String? {
        if let command = settings.sendmail {
            let result = Command.run(shell: command, input: bytes)
            return result.status == 0 ? nil : "exit \(result.status): \(result.output)"
        }
        // No sendmail: files a developer can open (make run's default).
        do {
            try MailFolder.write(bytes, named: "\(message.id).eml", in: settings.mailDirectory)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// A plain-text UTF-8 message with an encoded subject.
    static func rfc5322(_ message: Pending, from: String) -> String {
        let subject = message.subject.unicodeScalars.allSatisfy { $0.isASCII }
            ? message.subject : "=?UTF-8?B?" + Data(message.subject.utf8).base64EncodedString() + "?="
        let body = message.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        return """
            From: \(from)\r
            To: \(message.recipient)\r
            Subject: \(subject)\r
            Date: \(message.date)\r
            Message-ID: <outbox-\(message.id)@campus>\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: 8bit\r
            Auto-Submitted: auto-generated\r
            \r
            \(body)\r

            """
    }
}
