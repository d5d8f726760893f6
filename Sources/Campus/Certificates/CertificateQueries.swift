import Foundation
import Postgres
import Web

/// A holder's request to change the name on a certificate.
struct NameCorrection: Sendable {
    enum Status: String, Sendable { case pending, approved, rejected }

    let id: Int64
    let certificateID: Int64
    let code: String
    let previousName: String
    let requestedName: String
    let reason: String
    let status: Status
    let requestedAt: Date
    let decisionNote: String?
}

/// The certificates' SQL: one statement per function, every value bound.
enum CertificateQueries {
    /// Every column a `Certificate` is read from; `x` is the certificate, `c` its course.
    static let columns: SQL = """
        x.id, x.code, x.user_id, x.kind, x.course_id, c.slug AS course_slug, x.edition_id, x.holder_name, x.course_title,
        x.edition_name, x.language, x.workload_hours, x.completed_on, x.issued_at,
        to_char(x.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS issued_iso,
        (x.revoked_at AT TIME ZONE 'UTC')::date AS revoked_on,
        to_char(x.revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS revoked_iso, x.revocation_reason
        """

    static func certificate(_ row: Row) throws -> Certificate {
        var revocation: Certificate.Revocation?
        if let on: CalendarDay = try row["revoked_on"] {
            revocation = .init(on: on, atISO: try row["revoked_iso"], reason: try row["revocation_reason"] ?? "")
        }
        return Certificate(
            id: try row["id"], code: try row["code"], userID: try row["user_id"],
            kind: CertificateKind(rawValue: try row["kind"]) ?? .edition, courseID: try row["course_id"],
            courseSlug: try row["course_slug"], editionID: try row["edition_id"], holderName: try row["holder_name"],
            courseTitle: try row["course_title"], editionName: try row["edition_name"],
            language: Language(rawValue: try row["language"]) ?? .es, workloadHours: try row["workload_hours"],
            completedOn: try row["completed_on"], issuedAt: try row["issued_at"], issuedAtISO: try row["issued_iso"],
            revocation: revocation)
    }

    static func fetchCertificate(_ db: Connection, code: String) throws -> Certificate? {
        try db.query("SELECT \(columns) FROM certificates x JOIN courses c ON c.id = x.course_id WHERE x.code = \(code)")
            .first.map(certificate)
    }

    static func fetchCertificate(_ db: Connection, id: Int64) throws -> Certificate? {
        try db.query("SELECT \(columns) FROM certificates x JOIN courses c ON c.id = x.course_id WHERE x.id = \(id)")
            .first.map(certificate)
    }

    /// The one certificate for what a person completed (the `certificates_once` index).
    static func fetchCertificate(_ db: Connection, userID: Int64, kind: CertificateKind, courseID: Int64, editionID: Int64?) throws -> Certificate? {
        try db.query("""
            SELECT \(columns) FROM certificates x JOIN courses c ON c.id = x.course_id
            WHERE x.user_id = \(userID) AND x.course_id = \(courseID) AND coalesce(x.edition_id, 0) = coalesce(\(editionID)::int8, 0)
              AND x.kind = \(kind.rawValue)
            """).first.map(certificate)
    }

    /// A holder's certificates, newest first.
    static func fetchCertificates(_ db: Connection, userID: Int64) throws -> [Certificate] {
        try db.query("""
            SELECT \(columns) FROM certificates x JOIN courses c ON c.id = x.course_id
            WHERE x.user_id = \(userID) ORDER BY x.issued_at DESC, x.id DESC
            """).map(certificate)
    }

    /// The latest certificates issued, for the staff page.
    static func fetchRecentCertificates(_ db: Connection, limit: Int = 50) throws -> [Certificate] {
        try db.query("""
            SELECT \(columns) FROM certificates x JOIN courses c ON c.id = x.course_id
            ORDER BY x.issued_at DESC, x.id DESC LIMIT \(limit: limit)
            """).map(certificate)
    }

    /// Revokes a certificate still standing; false when it already was. `kind` says who
    /// and why: `staff` (an admin) or `completion` (the completion was withdrawn).
    static func revoke(_ db: Connection, id: Int64, by userID: Int64, reason: String, kind: String = "staff") throws -> Bool {
        try db.execute("""
            UPDATE certificates SET revoked_at = now(), revoked_by = \(userID), revocation_reason = \(reason), revocation_kind = \(kind)
            WHERE id = \(id) AND revoked_at IS NULL
            """) == 1
    }

    /// Stands a certificate up again after its completion was withdrawn and then recorded
    /// anew; an admin's revocation stays.
    static func reinstate(_ db: Connection, id: Int64) throws -> Bool {
        try db.execute("""
            UPDATE certificates SET revoked_at = NULL, revoked_by = NULL, revocation_reason = NULL, revocation_kind = NULL
            WHERE id = \(id) AND revocation_kind = 'completion'
            """) == 1
    }

    static let correctionColumns: SQL = """
        n.id, n.certificate_id, x.code, n.previous_name, n.requested_name, n.reason, n.status, n.requested_at, n.decision_note
        """

    static func correction(_ row: Row) throws -> NameCorrection {
        NameCorrection(
            id: try row["id"], certificateID: try row["certificate_id"], code: try row["code"],
            previousName: try row["previous_name"], requestedName: try row["requested_name"], reason: try row["reason"],
            status: NameCorrection.Status(rawValue: try row["status"]) ?? .pending, requestedAt: try row["requested_at"],
            decisionNote: try row["decision_note"])
    }

    /// Records a request; false when one is already waiting for this certificate.
    static func requestCorrection(_ db: Connection, certificate: Certificate, name: String, reason: String) throws -> Bool {
        try db.execute("""
            INSERT INTO certificate_name_corrections (certificate_id, previous_name, requested_name, reason)
            VALUES (\(certificate.id), \(certificate.holderName), \(name), \(reason))
            ON CONFLICT (certificate_id) WHERE status = 'pending' DO NOTHING
            """) == 1
    }

    /// A certificate's requests, newest first.
    static func fetchCorrections(_ db: Connection, certificateID: Int64) throws -> [NameCorrection] {
        try db.query("""
            SELECT \(correctionColumns) FROM certificate_name_corrections n JOIN certificates x ON x.id = n.certificate_id
            WHERE n.certificate_id = \(certificateID) ORDER BY n.id DESC
            """).map(correction)
    }

    /// The requests waiting for an admin, oldest first.
    static func fetchPendingCorrections(_ db: Connection) throws -> [NameCorrection] {
        try db.query("""
            SELECT \(correctionColumns) FROM certificate_name_corrections n JOIN certificates x ON x.id = n.certificate_id
            WHERE n.status = 'pending' ORDER BY n.requested_at, n.id
            """).map(correction)
    }

    /// Decides a waiting request, locking it; nil when it is unknown or already decided.
    static func decideCorrection(_ db: Connection, id: Int64, approve: Bool, by adminID: Int64, note: String?) throws -> NameCorrection? {
        guard let row = try db.query("""
            UPDATE certificate_name_corrections n SET status = \(approve ? "approved" : "rejected"), decided_by = \(adminID),
                   decided_at = now(), decision_note = \(note)
            FROM certificates x
            WHERE n.id = \(id) AND n.status = 'pending' AND x.id = n.certificate_id
            RETURNING \(correctionColumns)
            """).first else { return nil }
        let decided = try correction(row)
        if approve {
            try db.execute("UPDATE certificates SET holder_name = \(decided.requestedName) WHERE id = \(decided.certificateID)")
        }
        return decided
    }

    static func correctionExists(_ db: Connection, id: Int64) throws -> Bool {
        try !db.query("SELECT 1 FROM certificate_name_corrections WHERE id = \(id)").isEmpty
    }
}
