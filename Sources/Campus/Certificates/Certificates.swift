import Foundation
import Postgres
import Web

/// What a certificate is for: a capsule finished alone, or an edition the teaching team
/// marked completed.
enum CertificateKind: String, Sendable {
    case capsule, edition
}

/// A certificate as issued: who, what, how long, when and in which language, copied at
/// issue time, and whether it still stands.
struct Certificate: Sendable {
    let id: Int64
    let code: String
    let userID: Int64
    let kind: CertificateKind
    let courseID: Int64
    let courseSlug: String
    let editionID: Int64?
    let holderName: String
    let courseTitle: String
    let editionName: String?
    let language: Language
    let workloadHours: Int?
    let completedOn: CalendarDay
    let issuedAt: Date
    /// `2026-03-01T14:05:09Z`, as the credential states it.
    let issuedAtISO: String
    let revocation: Revocation?

    struct Revocation: Sendable {
        let on: CalendarDay
        let atISO: String
        let reason: String
    }

    var isRevoked: Bool { revocation != nil }
}

/// Issuing certificates, and the codes that name them.
enum Certificates {
    /// Whether `userID` already holds a certificate for this course (of any edition).
    static func held(_ db: Connection, userID: Int64, courseID: Int64) throws -> Bool {
        try !db.query("SELECT 1 FROM certificates WHERE user_id = \(userID) AND course_id = \(courseID)").isEmpty
    }

    /// Issues the certificate for what `userID` completed, or finds the one already issued
    /// (a unique index makes issuing twice harmless). Call it in the transaction that records
    /// the completion. `editionID` is required for `.edition` and absent for `.capsule`,
    /// whose `courseID` is the capsule's course. The holder is told once, with a link.
    /// Nil when the person, course or edition does not exist or do not go together.
    @discardableResult
    static func issue(
        _ db: Connection, app: CampusApp, userID: Int64, kind: CertificateKind, courseID: Int64, editionID: Int64? = nil
    ) throws -> Certificate? {
        let inserted = try insert(db, userID: userID, kind: kind, courseID: courseID, editionID: editionID)
        if let id: Int64 = try inserted.first?["id"] {
            guard let certificate = try CertificateQueries.fetchCertificate(db, id: id) else { return nil }
            try Notifier.notify(
                db, app: app, userID: userID, kind: .certificate, message: "notice.certificate.issued",
                values: ["course": certificate.courseTitle], link: Paths.certificate.path(certificate.code))
            return certificate
        }
        guard let existing = try CertificateQueries.fetchCertificate(db, userID: userID, kind: kind, courseID: courseID, editionID: editionID)
        else { return nil }
        guard existing.isRevoked, try CertificateQueries.reinstate(db, id: existing.id) else { return existing }
        return try CertificateQueries.fetchCertificate(db, id: existing.id)
    }

    /// The certificate's row, made unless it exists: its id when made now. No notice: the
    /// demo data uses it for completions it writes itself.
    static func insert(_ db: Connection, userID: Int64, kind: CertificateKind, courseID: Int64, editionID: Int64?) throws -> Rows {
        try db.query("""
            INSERT INTO certificates (code, user_id, kind, course_id, edition_id, holder_name, course_title, edition_name,
                                      language, workload_hours, completed_on)
            SELECT \(newCode()), u.id, \(kind.rawValue), c.id, e.id, u.name, c.title, e.name,
                   coalesce(e.language, c.language), c.workload_hours, current_date
            FROM users u CROSS JOIN courses c LEFT JOIN editions e ON e.id = \(editionID) AND e.course_id = c.id
            WHERE u.id = \(userID) AND u.deleted_at IS NULL AND c.id = \(courseID)
              AND (\(editionID)::int8 IS NULL) = (e.id IS NULL)
              AND (\(kind.rawValue) = 'edition') = (\(editionID)::int8 IS NOT NULL)
              AND (\(kind.rawValue) = 'edition' OR c.kind = 'capsule')
            ON CONFLICT (user_id, course_id, (coalesce(edition_id, 0))) DO NOTHING
            RETURNING id
            """)
    }

    /// What the teaching team recorded at the end of an edition: completed issues (or
    /// reinstates) the certificate; not completed revokes one already issued, saying so in
    /// the certificate's language. In the caller's transaction.
    static func recordAssessment(
        _ db: Connection, app: CampusApp, userID: Int64, courseID: Int64, editionID: Int64, completed: Bool, by assessorID: Int64
    ) throws {
        if completed {
            try issue(db, app: app, userID: userID, kind: .edition, courseID: courseID, editionID: editionID)
        } else if let certificate = try CertificateQueries.fetchCertificate(db, userID: userID, kind: .edition, courseID: courseID, editionID: editionID),
            !certificate.isRevoked {
            let reason = app.localizer(certificate.language)("certificate.withdrawn_reason")
            _ = try CertificateQueries.revoke(db, id: certificate.id, by: assessorID, reason: reason, kind: "completion")
        }
    }

    /// Crockford's base32: digits and capitals without I, L, O and U, which are read
    /// as 1, 1, 0 or nothing at all when a code is typed from paper.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    static let codeLength = 26

    /// 128 random bits as 26 characters.
    static func newCode() -> String {
        let bytes = Crypto.randomBytes(16)
        var out: [UInt8] = []
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[(buffer >> bits) & 31])
            }
            buffer &= (1 << bits) - 1
        }
        if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// A code as someone typed it (lower case, O for 0, I or L for 1, hyphens), in its
    /// canonical form; nil when it cannot be a code.
    static func normalizedCode(_ text: String) -> String? {
        var out: [UInt8] = []
        for var byte in text.utf8 where byte != UInt8(ascii: "-") {
            if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { byte -= 32 }
            switch byte {
            case UInt8(ascii: "O"): byte = UInt8(ascii: "0")
            case UInt8(ascii: "I"), UInt8(ascii: "L"): byte = UInt8(ascii: "1")
            default: break
            }
            guard alphabet.contains(byte), out.count < codeLength else { return nil }
            out.append(byte)
        }
        return out.count == codeLength ? String(decoding: out, as: UTF8.self) : nil
    }
}
