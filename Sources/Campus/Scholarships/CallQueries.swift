import Foundation
import Postgres
import Web

/// What the call form holds, checked.
struct CallFields: Sendable, Equatable {
    var editionID: Int64
    var title: String
    var description: String
    var opensAt: Date
    var closesAt: Date
    var quota: Int
    var coveragePercent: Int
    var maxPerOrganization: Int?
    var blind: Bool
    var reviewsPerApplication: Int
    var acceptanceDays: Int
    var retentionDays: Int
    var published: Bool
}

/// The SQL of calls and of what they ask.
enum CallQueries {
    /// Calls `s` with their edition's names and phase.
    static let select: SQL = """
        SELECT s.id, s.edition_id, s.title, s.description, s.opens_at, s.closes_at, s.quota, s.coverage_percent,
               s.max_per_organization, s.blind, s.reviews_per_application, s.acceptance_days, s.retention_days,
               s.published, s.released_at, s.awards,
               CASE WHEN now() < s.opens_at THEN 'upcoming' WHEN now() < s.closes_at THEN 'open' ELSE 'closed' END AS phase,
               c.title AS course_title, c.language AS course_language, e.name AS edition_name, e.language AS edition_language
        FROM scholarship_calls s JOIN editions e ON e.id = s.edition_id JOIN courses c ON c.id = e.course_id
        """

    static func fetchCall(_ db: Connection, id: Int64, lock: Bool = false) throws -> ScholarshipCall? {
        if lock { try db.query("SELECT id FROM scholarship_calls WHERE id = \(id) FOR UPDATE") }
        return try db.query("\(select) WHERE s.id = \(id)").first.map(call)
    }

    /// Published calls, open ones first, then those to come, then the closed (newest first).
    static func fetchPublishedCalls(_ db: Connection) throws -> [ScholarshipCall] {
        try db.query("""
            \(select) WHERE s.published
            ORDER BY CASE WHEN now() < s.opens_at THEN 1 WHEN now() < s.closes_at THEN 0 ELSE 2 END, s.closes_at DESC, s.id
            """).map(call)
    }

    /// Every call, for the committee's list: the newest first.
    static func fetchAllCalls(_ db: Connection) throws -> [ScholarshipCall] {
        try db.query("\(select) ORDER BY s.closes_at DESC, s.id DESC").map(call)
    }

    static func call(_ row: Row) throws -> ScholarshipCall {
        ScholarshipCall(
            id: try row["id"], editionID: try row["edition_id"], title: try row["title"], description: try row["description"],
            opensAt: try row["opens_at"], closesAt: try row["closes_at"], quota: try row["quota"],
            coveragePercent: try row["coverage_percent"], maxPerOrganization: try row["max_per_organization"], blind: try row["blind"],
            reviewsPerApplication: try row["reviews_per_application"], acceptanceDays: try row["acceptance_days"],
            retentionDays: try row["retention_days"], published: try row["published"], releasedAt: try row["released_at"],
            awards: try row["awards"], phase: CallPhase(rawValue: try row["phase"]) ?? .closed, courseTitle: try row["course_title"],
            courseLanguage: try row["course_language"], editionName: try row["edition_name"], editionLanguage: try row["edition_language"])
    }

    static func callExists(_ db: Connection, id: Int64) throws -> Bool {
        try !db.query("SELECT 1 FROM scholarship_calls WHERE id = \(id)").isEmpty
    }

    static func createCall(_ db: Connection, _ fields: CallFields) throws -> Int64 {
        try db.query("""
            INSERT INTO scholarship_calls (edition_id, title, description, opens_at, closes_at, quota, coverage_percent,
                max_per_organization, blind, reviews_per_application, acceptance_days, retention_days, published)
            VALUES (\(fields.editionID), \(fields.title), \(fields.description), \(fields.opensAt), \(fields.closesAt), \(fields.quota),
                    \(fields.coveragePercent), \(fields.maxPerOrganization), \(fields.blind), \(fields.reviewsPerApplication),
                    \(fields.acceptanceDays), \(fields.retentionDays), \(fields.published))
            RETURNING id
            """).first?["id"] ?? 0
    }

    static func updateCall(_ db: Connection, id: Int64, _ fields: CallFields) throws {
        try db.execute("""
            UPDATE scholarship_calls SET edition_id = \(fields.editionID), title = \(fields.title), description = \(fields.description),
                   opens_at = \(fields.opensAt), closes_at = \(fields.closesAt), quota = \(fields.quota),
                   coverage_percent = \(fields.coveragePercent), max_per_organization = \(fields.maxPerOrganization),
                   blind = \(fields.blind), reviews_per_application = \(fields.reviewsPerApplication),
                   acceptance_days = \(fields.acceptanceDays), retention_days = \(fields.retentionDays),
                   published = \(fields.published), updated_at = now()
            WHERE id = \(id)
            """)
    }

    /// The most awards one organization holds in the call: the per-organization maximum
    /// cannot go below it.
    static func fetchLargestOrganizationAwards(_ db: Connection, callID: Int64) throws -> Int {
        try db.query("SELECT coalesce(max(awards), 0)::int8 AS n FROM scholarship_organization_awards WHERE call_id = \(callID)").first?["n"] ?? 0
    }

    /// Whether anyone has started an application: the edition then stays.
    static func hasApplications(_ db: Connection, callID: Int64) throws -> Bool {
        try !db.query("SELECT 1 FROM applications WHERE call_id = \(callID) LIMIT 1").isEmpty
    }

    /// Questions, requested documents and criteria, each in the order they were added.
    static func fetchParts(_ db: Connection, callID: Int64) throws -> CallParts {
        let questions = try db.query("SELECT id, prompt, max_length, required FROM call_questions WHERE call_id = \(callID) ORDER BY id").map { row in
            CallQuestion(id: try row["id"], prompt: try row["prompt"], maxLength: try row["max_length"], required: try row["required"])
        }
        let requirements = try db.query("SELECT id, label, visibility, required FROM call_documents WHERE call_id = \(callID) ORDER BY id").map { row in
            CallRequirement(id: try row["id"], label: try row["label"], staffOnly: (try row["visibility"] as String) == "staff", required: try row["required"])
        }
        let criteria = try db.query("SELECT id, name, weight FROM call_criteria WHERE call_id = \(callID) ORDER BY id").map { row in
            CallCriterion(id: try row["id"], name: try row["name"], weight: try row["weight"])
        }
        return CallParts(questions: questions, requirements: requirements, criteria: criteria)
    }

    /// Editions a call can be for: those not finished, newest first.
    static func fetchEditionChoices(_ db: Connection) throws -> [(id: Int64, label: String)] {
        try db.query("""
            SELECT e.id, c.title, e.name FROM editions e JOIN courses c ON c.id = e.course_id
            WHERE e.ends_on >= current_date AND c.kind <> 'capsule'
            ORDER BY e.starts_on DESC, e.id DESC
            """).map { (id: try $0["id"], label: "\(try $0["title"] as String) · \(try $0["name"] as String)") }
    }

    static func editionExists(_ db: Connection, id: Int64) throws -> Bool {
        try !db.query("SELECT 1 FROM editions WHERE id = \(id)").isEmpty
    }
}
