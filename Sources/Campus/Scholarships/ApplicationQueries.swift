import Foundation
import Postgres
import Web

/// An application in the applicant's own lists (/me, /scholarships).
struct MyApplicationRow: Sendable {
    let id: Int64
    let callID: Int64
    let callTitle: String
    let editionLabel: String
    let status: ApplicationStatus
    let acceptBy: Date?
    let callOpen: Bool
}

/// The SQL of applications: the application with its applicant, their answers and files.
enum ApplicationQueries {
    /// Applications `a` with the applicant, the organization they count for (the one
    /// recorded at submission, else the applicant's own) and the committee's decision.
    static let columns: SQL = """
        a.id, a.call_id, a.user_id, a.status, coalesce(a.organization_id, u.organization_id) AS organization_id,
        a.submitted_at, a.eligibility, a.award_eligibility, a.awarded_at, a.accept_by, a.from_waitlist,
        a.documents_purged_at IS NOT NULL AS purged, u.name AS applicant_name, u.email AS applicant_email,
        o.name AS organization_name, o.network, d.decision, coalesce(d.note, '') AS decision_note,
        d.released_at IS NOT NULL AS released
        """

    static let from: SQL = """
        FROM applications a JOIN users u ON u.id = a.user_id
        LEFT JOIN organizations o ON o.id = coalesce(a.organization_id, u.organization_id)
        LEFT JOIN decisions d ON d.application_id = a.id
        """

    static let select: SQL = "SELECT \(columns) \(from)"

    static func fetchApplication(_ db: Connection, id: Int64) throws -> Application? {
        try db.query("\(select) WHERE a.id = \(id)").first.map(application)
    }

    static func fetchApplication(_ db: Connection, callID: Int64, userID: Int64) throws -> Application? {
        try db.query("\(select) WHERE a.call_id = \(callID) AND a.user_id = \(userID)").first.map(application)
    }

    /// The application's row lock, for changes that must not interleave with a decision.
    static func lockApplication(_ db: Connection, id: Int64) throws -> Application? {
        try db.query("SELECT id FROM applications WHERE id = \(id) FOR UPDATE")
        return try fetchApplication(db, id: id)
    }

    static func application(_ row: Row) throws -> Application {
        let decision: String? = try row["decision"]
        return Application(
            id: try row["id"], callID: try row["call_id"], userID: try row["user_id"],
            status: ApplicationStatus(rawValue: try row["status"]) ?? .withdrawn, organizationID: try row["organization_id"],
            submittedAt: try row["submitted_at"], eligibility: try row["eligibility"], awardEligibility: try row["award_eligibility"],
            awardedAt: try row["awarded_at"], acceptBy: try row["accept_by"], fromWaitlist: try row["from_waitlist"],
            documentsPurged: try row["purged"], applicantName: try row["applicant_name"], applicantEmail: try row["applicant_email"],
            organizationName: try row["organization_name"], network: try row["network"],
            decision: decision.flatMap(DecisionKind.init(rawValue:)), decisionNote: try row["decision_note"],
            decisionReleased: try row["released"])
    }

    /// The reviewers assigned to an application whose assignment stands (no conflict declared).
    static func fetchAssignedReviewerIDs(_ db: Connection, applicationID: Int64) throws -> [Int64] {
        try db.query("""
            SELECT reviewer_id FROM review_assignments WHERE application_id = \(applicationID) AND conflict_at IS NULL ORDER BY reviewer_id
            """).map { try $0["reviewer_id"] }
    }

    /// The reader's applications, the ones needing them first.
    static func fetchMyApplications(_ db: Connection, userID: Int64) throws -> [MyApplicationRow] {
        try db.query("""
            SELECT a.id, a.call_id, s.title, c.title AS course_title, e.name AS edition_name, a.status, a.accept_by,
                   now() BETWEEN s.opens_at AND s.closes_at AS call_open
            FROM applications a JOIN scholarship_calls s ON s.id = a.call_id JOIN editions e ON e.id = s.edition_id
            JOIN courses c ON c.id = e.course_id
            WHERE a.user_id = \(userID)
            ORDER BY a.status IN ('withdrawn', 'declined', 'award_declined', 'expired'), a.updated_at DESC, a.id DESC
            """).map { row in
            MyApplicationRow(
                id: try row["id"], callID: try row["call_id"], callTitle: try row["title"],
                editionLabel: "\(try row["course_title"] as String) · \(try row["edition_name"] as String)",
                status: ApplicationStatus(rawValue: try row["status"]) ?? .withdrawn, acceptBy: try row["accept_by"],
                callOpen: try row["call_open"])
        }
    }

    static func fetchAnswers(_ db: Connection, applicationID: Int64) throws -> [Int64: String] {
        var answers: [Int64: String] = [:]
        for row in try db.query("SELECT question_id, answer FROM application_answers WHERE application_id = \(applicationID)") {
            answers[try row["question_id"]] = try row["answer"]
        }
        return answers
    }

    /// The documents attached, by the request they answer, without their bytes.
    static func fetchAttached(_ db: Connection, applicationID: Int64) throws -> [Int64: Document] {
        var attached: [Int64: Document] = [:]
        for row in try db.query("""
            SELECT ad.requirement_id, \(DocumentQueries.columns) FROM application_documents ad JOIN documents d ON d.id = ad.document_id
            WHERE ad.application_id = \(applicationID)
            """) {
            attached[try row["requirement_id"]] = try DocumentQueries.document(row)
        }
        return attached
    }

    /// The reader's draft, made the first time they save; the one they have otherwise.
    static func createDraft(_ db: Connection, callID: Int64, userID: Int64) throws -> Int64 {
        if let id: Int64 = try db.query("""
            INSERT INTO applications (call_id, user_id) VALUES (\(callID), \(userID)) ON CONFLICT (call_id, user_id) DO NOTHING RETURNING id
            """).first?["id"] { return id }
        return try db.query("SELECT id FROM applications WHERE call_id = \(callID) AND user_id = \(userID)").first?["id"] ?? 0
    }

    /// Saves every answer in one statement; an empty answer removes the one kept.
    static func saveAnswers(_ db: Connection, applicationID: Int64, _ answers: [Int64: String]) throws {
        let filled = answers.filter { !$0.value.isEmpty }
        let empty = answers.filter { $0.value.isEmpty }.map(\.key)
        try db.execute("""
            INSERT INTO application_answers (application_id, question_id, answer)
            SELECT \(applicationID), q, t FROM unnest(\(Array(filled.keys))::int8[], \(Array(filled.values))::text[]) AS x(q, t)
            ON CONFLICT (application_id, question_id) DO UPDATE SET answer = EXCLUDED.answer, updated_at = now()
            """)
        if !empty.isEmpty {
            try db.execute("DELETE FROM application_answers WHERE application_id = \(applicationID) AND question_id = ANY(\(empty))")
        }
        try db.execute("UPDATE applications SET updated_at = now() WHERE id = \(applicationID)")
    }

    /// Attaches a stored document as the answer to a request, replacing (and deleting) the
    /// one attached before.
    static func attach(_ db: Connection, applicationID: Int64, requirementID: Int64, documentID: Int64) throws {
        try db.execute("""
            DELETE FROM documents WHERE id IN (SELECT document_id FROM application_documents
                                               WHERE application_id = \(applicationID) AND requirement_id = \(requirementID))
            """)
        try db.execute("""
            INSERT INTO application_documents (application_id, requirement_id, document_id)
            VALUES (\(applicationID), \(requirementID), \(documentID))
            """)
    }
}
