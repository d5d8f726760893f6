import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// What the scholarship tests share: a demo database, an admin signed in, and makers for
/// member cities, officials, editions, calls and applications.
struct ScholarshipWorld {
    let app: TestApp
    let db: Connection
    let admin: TestApp
    let adminID: Int64
    /// The applications' documents the demo's own calls hold.
    let demoDocuments: Int

    init(app: TestApp? = nil) throws {
        self.app = try app ?? TestApp()
        db = try self.app.connect()
        adminID = try self.app.createUser("comite@example.org", name: "Comité", roles: ["admin"])
        admin = try self.app.browser(signedInAs: adminID)
        demoDocuments = try db.query("SELECT count(*)::int8 AS n FROM documents WHERE owner_kind = 'application'").first?["n"] ?? 0
    }

    /// Applications' documents stored since this world was made.
    func documentsStored() throws -> Int {
        try (db.query("SELECT count(*)::int8 AS n FROM documents WHERE owner_kind = 'application'").first?["n"] ?? 0) - demoDocuments
    }

    /// A member city, active (membership paid a year ahead) or lapsed.
    func city(_ name: String, active: Bool = true, network: String = "andina") throws -> Int64 {
        try db.query("""
            INSERT INTO organizations (name, country, network, active_until) VALUES (\(name), 'PE', \(network), current_date + \(active ? 365 : -30)::int)
            RETURNING id
            """).first?["id"] ?? 0
    }

    /// A verified official of `city`, their affiliation confirmed by staff.
    func official(_ email: String, name: String = "Funcionaria de prueba", city: Int64?, confirmed: Bool = true, roles: [String] = []) throws -> Int64 {
        let id = try app.createUser(email, name: name, roles: roles)
        try db.execute("""
            UPDATE users SET organization_id = \(city), affiliation_confirmed_at = CASE WHEN \(confirmed) THEN now() END WHERE id = \(id)
            """)
        return id
    }

    func browser(_ userID: Int64) throws -> TestApp { try app.browser(signedInAs: userID) }

    func edition(capacity: Int = 10, fee: Int = 900) throws -> Int64 {
        try EditionMaker(db: db).make(capacity: capacity, admission: "approval", fee: fee)
    }

    /// A published call open now for `edition`, with one question, a letter for reviewers,
    /// an endorsement for staff only, and two criteria (weights 2 and 1).
    func call(
        edition: Int64, quota: Int = 3, maximum: Int? = nil, blind: Bool = false, open: Bool = true, acceptanceDays: Int = 10,
        reviews: Int = 2
    ) throws -> TestCall {
        let id: Int64 = try db.query("""
            INSERT INTO scholarship_calls (edition_id, title, opens_at, closes_at, quota, max_per_organization, blind, published,
                                           acceptance_days, reviews_per_application)
            VALUES (\(edition), 'Becas de prueba', now() - interval '2 days', now() + make_interval(days => \(open ? 10 : -1)::int),
                    \(quota), \(maximum), \(blind), true, \(acceptanceDays), \(reviews))
            RETURNING id
            """).first?["id"] ?? 0
        let question: Int64 = try db.query("""
            INSERT INTO call_questions (call_id, prompt, max_length) VALUES (\(id), '¿Qué estrategia quiere impulsar en su ciudad?', 200) RETURNING id
            """).first?["id"] ?? 0
        let letter: Int64 = try db.query("""
            INSERT INTO call_documents (call_id, label, visibility) VALUES (\(id), 'Carta de motivación', 'reviewers') RETURNING id
            """).first?["id"] ?? 0
        let endorsement: Int64 = try db.query("""
            INSERT INTO call_documents (call_id, label, visibility) VALUES (\(id), 'Aval de la ciudad', 'staff') RETURNING id
            """).first?["id"] ?? 0
        let criteria: [Int64] = try [("Pertinencia", 2), ("Trayectoria", 1)].map { name, weight in
            try db.query("INSERT INTO call_criteria (call_id, name, weight) VALUES (\(id), \(name), \(weight)) RETURNING id").first?["id"] ?? 0
        }
        return TestCall(id: id, edition: edition, question: question, letter: letter, endorsement: endorsement, criteria: criteria)
    }

    /// The application form as a browser sends it.
    func apply(
        _ browser: TestApp, _ call: TestCall, answer: String = "Una estrategia de movilidad sostenible.", letter: [UInt8]? = SampleFiles.pdf("Carta"),
        endorsement: [UInt8]? = SampleFiles.pdf("Aval"), action: String = "submit", letterName: String = "carta.pdf"
    ) -> Response {
        var files: [MultipartBody.File] = []
        if let letter { files.append(.init(field: "document_\(call.letter)", filename: letterName, contentType: "application/pdf", bytes: letter)) }
        if let endorsement { files.append(.init(field: "document_\(call.endorsement)", filename: "aval.pdf", contentType: "application/pdf", bytes: endorsement)) }
        return browser.postMultipart("/scholarships/\(call.id)/apply", [("answer_\(call.question)", answer), ("action", action)], files: files)
    }

    /// A submitted application made directly, as if through the form, for `user` of `city`.
    func submitted(_ call: TestCall, user: Int64, city: Int64?) throws -> Int64 {
        try db.query("""
            INSERT INTO applications (call_id, user_id, status, organization_id, submitted_at, eligibility, eligibility_checked_at)
            VALUES (\(call.id), \(user), 'submitted', \(city), now(), 'active', now()) RETURNING id
            """).first?["id"] ?? 0
    }

    func application(_ call: TestCall, user: Int64) throws -> Int64? {
        try db.query("SELECT id FROM applications WHERE call_id = \(call.id) AND user_id = \(user)").first?["id"]
    }

    func status(_ application: Int64) throws -> String {
        try db.query("SELECT status FROM applications WHERE id = \(application)").first?["status"] ?? "none"
    }

    func seat(_ edition: Int64, user: Int64) throws -> String {
        try db.query("SELECT status FROM enrollments WHERE edition_id = \(edition) AND user_id = \(user)").first?["status"] ?? "none"
    }

    /// Marks a provisional decision directly (the committee's form is tested on its own).
    func decide(_ application: Int64, _ decision: String, note: String = "") throws {
        try db.execute("""
            INSERT INTO decisions (application_id, decision, note, decided_by) VALUES (\(application), \(decision), \(note), \(adminID))
            ON CONFLICT (application_id) DO UPDATE SET decision = EXCLUDED.decision, note = EXCLUDED.note
            """)
    }

    /// Scores an application as `reviewer` (assigned here if need be): every criterion `score`.
    func review(_ call: TestCall, application: Int64, reviewer: Int64, score: Int) throws {
        let assignment: Int64 = try db.query("""
            INSERT INTO review_assignments (application_id, reviewer_id) VALUES (\(application), \(reviewer))
            ON CONFLICT (application_id, reviewer_id) DO UPDATE SET conflict_at = NULL RETURNING id
            """).first?["id"] ?? 0
        try ReviewQueries.saveReview(db, assignmentID: assignment, scores: Dictionary(uniqueKeysWithValues: call.criteria.map { ($0, score) }), comment: "")
    }

    /// Messages in the in-app list of `user`, newest first.
    func notices(_ user: Int64) throws -> [String] {
        try db.query("SELECT message FROM notifications WHERE user_id = \(user) ORDER BY id DESC").map { try $0["message"] }
    }

    func audit(_ action: String) throws -> Int {
        try db.query("SELECT count(*)::int8 AS n FROM audit_log WHERE action = \(action)").first?["n"] ?? 0
    }
}

/// A call made for a test, with the ids of what it asks.
struct TestCall {
    let id: Int64
    let edition: Int64
    let question: Int64
    let letter: Int64
    let endorsement: Int64
    let criteria: [Int64]
}
