import Foundation
import Postgres
import Web

/// `campus scholarships sweep`: the rules that run on PostgreSQL's clock rather than on a
/// request — awards not accepted by their deadline expire (their seats pass on), and the
/// documents of applications not awarded are deleted once the call's retention has passed.
/// Both are audited, with no actor (the system).
public enum ScholarshipSweep {
    public struct Result: Sendable {
        public let expired: Int
        public let purged: Int
    }

    public static func run(_ db: Connection, app: CampusApp) throws -> Result {
        Result(expired: try Awards.expireOverdue(db, app: app), purged: try purgeDocuments(db))
    }

    /// Deletes the documents of every application not awarded whose call released its
    /// decisions more than `retention_days` ago; returns how many applications lost theirs.
    static func purgeDocuments(_ db: Connection) throws -> Int {
        let due = try db.query("""
            SELECT a.id, a.user_id, a.call_id, s.edition_id FROM applications a JOIN scholarship_calls s ON s.id = a.call_id
            WHERE s.released_at IS NOT NULL AND s.released_at + make_interval(days => s.retention_days) <= now()
              AND a.status NOT IN ('awarded', 'accepted') AND a.documents_purged_at IS NULL
              AND EXISTS (SELECT 1 FROM documents d WHERE d.application_id = a.id)
            ORDER BY a.id
            """).map { (id: try $0["id"] as Int64, user: try $0["user_id"] as Int64, call: try $0["call_id"] as Int64, edition: try $0["edition_id"] as Int64) }
        for application in due {
            try db.transaction {
                let deleted = try db.execute("""
                    DELETE FROM documents WHERE application_id = \(application.id)
                      AND EXISTS (SELECT 1 FROM applications WHERE id = \(application.id) AND status NOT IN ('awarded', 'accepted'))
                    """)
                try db.execute("UPDATE applications SET documents_purged_at = now() WHERE id = \(application.id)")
                try Audit.record(db, actorID: nil, action: "application.purge_documents", subjectKind: "application", subjectID: application.id, details: [
                    "user": String(application.user), "edition": String(application.edition), "call": String(application.call), "documents": String(deleted),
                ], address: "")
            }
        }
        return due.count
    }
}
