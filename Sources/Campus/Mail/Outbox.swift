import Postgres
import Web

/// Who a queued message goes to.
enum MailRecipient: Sendable, Equatable {
    /// An account: the address and language it has when the message is delivered.
    case user(Int64)
    /// An address with no account behind it, in the language given.
    case address(String, Language)
}

/// Email as rows in PostgreSQL: features enqueue messages in the same transaction as the
/// change they announce; `campus mail` (MailDelivery) writes and delivers them later and
/// retries failures.
///
/// A message is queued as its template — the catalog's `mail.<template>.subject` and
/// `.body` — and its values, not as text: it is written in the recipient's language when
/// it goes out, so a reader who switches to French before delivery reads French.
/// `texts` name catalog messages that become values themselves (a notification's
/// headline), filled with the same values and translated at delivery too.
enum Outbox {
    static func enqueue(
        _ db: Connection, to recipient: MailRecipient, template: String, values: [String: String] = [:], texts: [String: String] = [:]
    ) throws {
        var userID: Int64?
        var address: String?
        var language: String?
        switch recipient {
        case .user(let id): userID = id
        case .address(let text, let chosen): (address, language) = (text, chosen.rawValue)
        }
        try db.execute("""
            INSERT INTO outbox (user_id, recipient, language, template, params, texts)
            VALUES (\(userID), \(address), \(language), \(template), \(JSON.object(values))::jsonb, \(JSON.object(texts))::jsonb)
            """)
    }

    /// Queues the same message for every account `users` (a SELECT of user ids) names, in
    /// one statement however many there are; deleted accounts get nothing. Returns how many.
    @discardableResult
    static func enqueueAll(
        _ db: Connection, users: SQL, template: String, values: [String: String] = [:], texts: [String: String] = [:]
    ) throws -> Int {
        try db.execute("""
            INSERT INTO outbox (user_id, template, params, texts)
            SELECT u.id, \(template), \(JSON.object(values))::jsonb, \(JSON.object(texts))::jsonb
            FROM users u WHERE u.id IN (\(users)) AND u.deleted_at IS NULL
            ORDER BY u.id
            """)
    }
}
