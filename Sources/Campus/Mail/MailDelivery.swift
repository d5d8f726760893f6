import Foundation
import Postgres
import Web

/// `campus mail`: writes each due message in its recipient's language and sends it through
/// the sendmail command, or as a file. Made once per process: the catalogs load here.
public struct MailDelivery: Sendable {
    public struct Outcome: Sendable, Equatable {
        public var sent = 0
        public var failed = 0
        /// Queued for accounts deleted before delivery: removed, never sent.
        public var dropped = 0
    }

    let settings: Settings
    let catalog: MessageCatalog

    public init(settings: Settings) throws {
        self.init(settings: settings, catalog: try MessageCatalog.load(directory: settings.home + "/locales"))
    }

    /// With the catalogs a running application has loaded already.
    public init(app: CampusApp) {
        self.init(settings: app.settings, catalog: app.messages)
    }

    init(settings: Settings, catalog: MessageCatalog) {
        self.settings = settings
        self.catalog = catalog
    }

    /// Delivers everything due, a hundred messages per transaction.
    public func deliverDue(_ db: Connection) throws -> Outcome {
        var total = Outcome()
        while true {
            let round = try deliver(db, limit: 100)
            total.sent += round.sent
            total.failed += round.failed
            total.dropped += round.dropped
            if round.sent + round.failed + round.dropped < 100 { return total }
        }
    }

    /// Rows are locked with SKIP LOCKED, so several `campus mail` processes never send a
    /// message twice.
    func deliver(_ db: Connection, limit: Int) throws -> Outcome {
        try db.transaction {
            let due = try db.query("""
                SELECT \(QueuedMail.columns)
                FROM outbox o LEFT JOIN users u ON u.id = o.user_id
                WHERE o.sent_at IS NULL AND o.next_attempt_at <= now()
                ORDER BY o.next_attempt_at, o.id LIMIT \(limit: limit)
                FOR UPDATE OF o SKIP LOCKED
                """).map(QueuedMail.init(row:))
            var outcome = Outcome()
            for mail in due {
                if mail.isOrphaned {
                    try db.execute("DELETE FROM outbox WHERE id = \(mail.id)")
                    outcome.dropped += 1
                } else if try deliver(db, mail) {
                    outcome.sent += 1
                } else {
                    outcome.failed += 1
                }
            }
            return outcome
        }
    }

    /// Sends one message and records the result; false when it is to be tried again later.
    /// A sent message keeps its subject and address, which the personal export lists.
    func deliver(_ db: Connection, _ mail: QueuedMail) throws -> Bool {
        let message = mail.written(catalog, baseURL: settings.baseURL)
        var failure = "no valid recipient address"
        if let address = mail.address, QueuedMail.isDeliverable(address) {
            let bytes = Array(MailDelivery.rfc5322(mail, to: address, message, from: settings.mailFrom).utf8)
            guard let refused = send(bytes, id: mail.id) else {
                try db.execute("""
                    UPDATE outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL,
                           subject = coalesce(subject, \(message.subject)), recipient = coalesce(recipient, \(address))
                    WHERE id = \(mail.id)
                    """)
                return true
            }
            failure = refused
        }
        // Back off: 1, 2, 4… minutes, at most a day.
        let minutes = min(1 << min(mail.attempts, 11), 1440)
        try db.execute("""
            UPDATE outbox SET attempts = attempts + 1, last_error = \(failure.truncated(toCodePoints: 500)),
                   next_attempt_at = now() + make_interval(mins => \(minutes)::int)
            WHERE id = \(mail.id)
            """)
        return false
    }

    /// Every message to `address`, newest first, as it reads (or will read when delivered) now.
    public func messages(_ db: Connection, to address: String) throws -> [(subject: String, body: String)] {
        try db.query("""
            SELECT \(QueuedMail.columns)
            FROM outbox o LEFT JOIN users u ON u.id = o.user_id
            WHERE lower(coalesce(o.recipient, u.email)) = lower(\(address))
            ORDER BY o.id DESC
            """).map { try QueuedMail(row: $0).written(catalog, baseURL: settings.baseURL) }
    }

    /// nil when delivered, else why not.
    func send(_ bytes: [UInt8], id: Int64) -> String? {
        if let command = settings.sendmail {
            let result = Command.run(shell: command, input: bytes)
            return result.status == 0 ? nil : "exit \(result.status): \(result.output)"
        }
        // No sendmail: files a developer can open (make run's default).
        do {
            try MailFolder.write(bytes, named: "\(id).eml", in: settings.mailDirectory)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// A plain-text UTF-8 message with an encoded subject.
    static func rfc5322(_ mail: QueuedMail, to address: String, _ message: (subject: String, body: String), from: String) -> String {
        let subject = message.subject.unicodeScalars.allSatisfy { $0.isASCII }
            ? message.subject : "=?UTF-8?B?" + Data(message.subject.utf8).base64EncodedString() + "?="
        // Bare CRs too become line ends: a body holds CRLF pairs only.
        let body = message.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        return """
            From: \(from)\r
            To: \(address)\r
            Subject: \(subject)\r
            Date: \(mail.date)\r
            Message-ID: <outbox-\(mail.id)@campus>\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: 8bit\r
            Auto-Submitted: auto-generated\r
            \r
            \(body)\r

            """
    }
}
