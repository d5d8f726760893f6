import Foundation
import Postgres
import Testing
import TestSupport

/// A whole call in a real browser on a phone: an official applies with a PDF, a reviewer
/// scores it, the committee awards it and releases the decisions, and the official accepts
/// and finds the seat on the edition's page.
@Suite(.serialized, .browserEvidence) final class ScholarshipBrowserTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database)
    }

    deinit { stack.stop() }

    @Test func anOfficialAppliesIsReviewedAwardedAndAccepts() throws {
        let db = try database.connect()
        let edition: Int64 = try db.query("""
            INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at, enrollment_closes_at, capacity, admission, fee)
            VALUES ((SELECT id FROM courses WHERE kind = 'course' ORDER BY id LIMIT 1), 'Cohorte con becas', 'es',
                    current_date + 30, current_date + 80, now() - interval '1 day', now() + interval '20 days', 20, 'approval', 600)
            RETURNING id
            """).first?["id"] ?? 0
        let call: Int64 = try db.query("""
            INSERT INTO scholarship_calls (edition_id, title, opens_at, closes_at, quota, blind, published, reviews_per_application)
            VALUES (\(edition), 'Becas de la cohorte', now() - interval '1 day', now() + interval '10 days', 2, true, true, 1) RETURNING id
            """).first?["id"] ?? 0
        try db.execute("INSERT INTO call_questions (call_id, prompt, max_length) VALUES (\(call), '¿Qué quiere cambiar en su ciudad?', 500)")
        try db.execute("INSERT INTO call_documents (call_id, label, visibility) VALUES (\(call), 'Carta de motivación', 'reviewers')")
        try db.execute("INSERT INTO call_criteria (call_id, name, weight) VALUES (\(call), 'Pertinencia', 1)")
        try db.execute("""
            INSERT INTO role_grants (user_id, role, scope_kind, scope_id) SELECT id, 'reviewer', 'call', \(call) FROM users WHERE email = 'evaluadora@campus.example'
            """)
        let folder = try TestEnvironment.temporaryDirectory("scholarship-upload")
        let letter = folder + "/carta-maria-torres.pdf"
        try Data("%PDF-1.4\n1 0 obj << /Title (Carta) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8).write(to: URL(fileURLWithPath: letter))

        let browser = try Browser(baseURL: stack.baseURL)
        // The official applies: the answer, the letter, and submit.
        try browser.signIn("alcaldesa@campus.example")
        try browser.open("/scholarships/\(call)")
        try browser.follow("a[href='/scholarships/\(call)/apply']")
        try browser.fill("textarea[name^='answer_']", "Un corredor verde entre los barrios del río y el centro.")
        try browser.attach("input[type='file']", file: letter)
        try browser.follow("button[value='submit']")
        #expect(try browser.text(".flash") == "Solicitud enviada. Le avisaremos de cada paso.")
        let application: Int64 = try db.query("SELECT id FROM applications WHERE call_id = \(call)").first?["id"] ?? 0
        #expect(try browser.path == "/applications/\(application)")
        #expect(try browser.pageSource().contains("Carta de motivación \(application).pdf"))

        // The committee assigns a reviewer automatically.
        try browser.forgetCookies()
        try browser.signIn("admin@campus.example")
        try browser.open("/admin/scholarships/\(call)")
        try browser.follow("form[action='/admin/scholarships/\(call)/assign'] button")
        #expect(try browser.text(".flash") == "Evaluaciones asignadas.")

        // The reviewer scores it, without learning who applied.
        try browser.forgetCookies()
        try browser.signIn("evaluadora@campus.example")
        try browser.open("/review")
        try browser.follow("a[href='/applications/\(application)/review']")
        #expect(try !browser.pageSource().contains("María Torres"))
        #expect(try browser.text("h1") == "Evaluar la solicitud n.º \(application)")
        try browser.select("select[name^='score_']", value: "5")
        try browser.fill("#comment", "Una propuesta clara.")
        try browser.submit("form[action='/applications/\(application)/review']")
        #expect(try browser.text(".flash") == "Evaluación guardada.")

        // The committee awards it and releases the decisions.
        try browser.forgetCookies()
        try browser.signIn("admin@campus.example")
        try browser.open("/applications/\(application)")
        try browser.select("#decision", value: "award")
        try browser.fill("#note", "¡Enhorabuena!")
        try browser.submit("form[action='/applications/\(application)/decide']")
        #expect(try browser.text(".flash") == "Decisión registrada.")
        try browser.follow("a[href='/admin/scholarships/\(call)/release']")
        try browser.submit("form[action='/admin/scholarships/\(call)/release']")
        #expect(try browser.text(".flash") == "Decisiones publicadas: se avisó a cada solicitante.")

        // The official accepts, and the seat is theirs.
        try browser.forgetCookies()
        try browser.signIn("alcaldesa@campus.example")
        try browser.open("/applications/\(application)")
        #expect(try browser.text("main").contains("Beca concedida: acéptela antes del"))
        #expect(try browser.text("main").contains("Nota del comité: ¡Enhorabuena!"))
        try browser.submit("form[action='/applications/\(application)/accept']")
        #expect(try browser.text(".flash") == "¡Aceptó la beca! Ya tiene su plaza en la edición.")
        try browser.follow("a[href='/editions/\(edition)']")
        #expect(try browser.pageSource().contains("Inscripción confirmada."))
        let status: String? = try db.query("""
            SELECT x.status FROM enrollments x JOIN users u ON u.id = x.user_id WHERE u.email = 'alcaldesa@campus.example' AND x.edition_id = \(edition)
            """).first?["status"]
        #expect(status == "enrolled")
    }
}
