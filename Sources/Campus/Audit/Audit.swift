import Postgres
import Web

/// The audit log: every staff action, with who, what, on what, when and from where.
enum Audit {
    /// Writes one entry. Call it inside the action's transaction, so both land or neither.
    static func record(
        _ db: Connection, actorID: Int64?, action: String, subjectKind: String? = nil, subjectID: Int64? = nil,
        details: [String: String] = [:], address: String
    ) throws {
        let json = JSON.object(details)
        try db.execute("""
            INSERT INTO audit_log (actor_id, action, subject_kind, subject_id, details, address)
            VALUES (\(actorID), \(action), \(subjectKind), \(subjectID), \(json)::jsonb, \(address.truncated(toCodePoints: 64)))
            """)
    }
}

extension Context {
    /// Records a staff action by the signed-in reader, from the request's address.
    func audit(_ action: String, _ subjectKind: String? = nil, _ subjectID: Int64? = nil, _ details: [String: String] = [:]) throws {
        try Audit.record(try db, actorID: user?.id, action: action, subjectKind: subjectKind, subjectID: subjectID, details: details, address: request.remoteAddress)
    }
}
