import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// A finished edition with one person enrolled, and the means to mark them completed.
struct CompletedEdition {
    let app: TestApp
    let editionID: Int64
    let courseID: Int64
    let learnerID: Int64
    let enrollmentID: Int64
    let teacher: TestApp

    /// `title` and `holder` go into the certificate as typed; the course states 40 hours.
    init(_ app: TestApp, title: String = "Gobernanza metropolitana aplicada", holder: String = "Ana Pérez", tag: String = "a") throws {
        self.app = app
        let db = try app.connect()
        courseID = try db.query("""
            INSERT INTO courses (slug, kind, title, summary, language, workload_hours)
            VALUES (\("curso-certificado-\(tag)"), 'course', \(title), 'Resumen', 'es', 40) RETURNING id
            """).first?["id"] ?? 0
        editionID = try db.query("""
            INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at, enrollment_closes_at, capacity)
            VALUES (\(courseID), 'XIX edición', 'es', current_date - 60, current_date - 1, now() - interval '90 days',
                    now() - interval '61 days', 30)
            RETURNING id
            """).first?["id"] ?? 0
        learnerID = try app.createUser("learner-\(tag)@example.org", name: holder)
        enrollmentID = try db.query("""
            INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(editionID), \(learnerID), 'enrolled') RETURNING id
            """).first?["id"] ?? 0
        let teacherID = try app.createUser("teacher-\(tag)@example.org", name: "Marta Docente", roles: ["instructor:edition=\(editionID)"])
        teacher = try app.browser(signedInAs: teacherID)
    }

    /// The instructor marks the person completed on the roster.
    func complete() -> Response {
        teacher.post("/editions/\(editionID)/enrollments/\(enrollmentID)/assess", [("result", "completed")])
    }

    func code() throws -> String? {
        try app.connect().query("SELECT code FROM certificates WHERE user_id = \(learnerID) AND edition_id = \(editionID)").first?["code"]
    }
}

/// Certificates: issued when completion is recorded, stated in full on a public page,
/// revoked with a reason, the name corrected on the same code.
@Suite struct CertificateTests {
    let app: TestApp

    init() throws {
        app = try TestApp()
    }

    @Test func markingAnEditionCompletedIssuesOneCertificateAndTellsTheLearner() throws {
        let edition = try CompletedEdition(app)
        #expect(try edition.code() == nil)
        #expect(edition.complete().status == .seeOther)
        let code = try #require(try edition.code())
        #expect(code.count == 26)
        #expect(Certificates.normalizedCode(code) == code)
        let db = try app.connect()
        let notice: String? = try db.query("""
            SELECT link FROM notifications WHERE user_id = \(edition.learnerID) AND message = 'notice.certificate.issued'
            """).first?["link"]
        #expect(notice == "/certificates/\(code)")

        // Recording it again, or issuing directly, finds the same certificate.
        #expect(edition.complete().status == .seeOther)
        let again = try Certificates.issue(db, app: app.app, userID: edition.learnerID, kind: .edition, courseID: edition.courseID, editionID: edition.editionID)
        #expect(again?.code == code)
        #expect(try db.query("SELECT count(*)::int8 AS n FROM certificates WHERE user_id = \(edition.learnerID)").first?["n"] == 1 as Int64)
        #expect(try db.query("SELECT 1 FROM notifications WHERE message = 'notice.certificate.issued'").count == 1)

        // "Not completed" issues nothing for someone else.
        let other = try CompletedEdition(app, tag: "b")
        #expect(other.teacher.post("/editions/\(other.editionID)/enrollments/\(other.enrollmentID)/assess", [("result", "not_completed")]).status == .seeOther)
        #expect(try other.code() == nil)
    }

    @Test func withdrawingTheCompletionRevokesTheCertificateUntilItIsRecordedAgain() throws {
        let edition = try CompletedEdition(app)
        _ = edition.complete()
        let code = try #require(try edition.code())
        let notCompleted = edition.teacher.post(
            "/editions/\(edition.editionID)/enrollments/\(edition.enrollmentID)/assess", [("result", "not_completed")])
        #expect(notCompleted.status == .seeOther)
        let revoked = app.get("/certificates/\(code)").bodyText
        #expect(revoked.contains("Revocado el "))
        #expect(revoked.contains("El equipo docente retiró el registro de que la persona completó la edición."))
        // Recorded again: the same certificate stands again.
        _ = edition.complete()
        #expect(try edition.code() == code)
        #expect(app.get("/certificates/\(code)").bodyText.contains("Válido"))
        // An admin's revocation is not undone by the teaching team.
        let admin = try app.browser(signedInAs: try app.createUser("admin-w@example.org", roles: ["admin"]))
        #expect(admin.post("/admin/certificates/\(code)/revoke", [("reason", "Fraude")]).status == .seeOther)
        _ = edition.teacher.post("/editions/\(edition.editionID)/enrollments/\(edition.enrollmentID)/assess", [("result", "not_completed")])
        _ = edition.complete()
        #expect(app.get("/certificates/\(code)").bodyText.contains("Motivo: Fraude"))
    }

    @Test func aCapsuleCertificateNeedsACapsuleAndNoEdition() throws {
        let db = try app.connect()
        let learner = try app.createUser("capsule@example.org", name: "Luis Gómez")
        let capsule: Int64 = try db.query("SELECT id FROM courses WHERE kind = 'capsule' ORDER BY id LIMIT 1").first?["id"] ?? 0
        let course: Int64 = try db.query("SELECT id FROM courses WHERE kind = 'course' ORDER BY id LIMIT 1").first?["id"] ?? 0
        let certificate = try #require(try Certificates.issue(db, app: app.app, userID: learner, kind: .capsule, courseID: capsule))
        #expect(certificate.kind == .capsule && certificate.editionID == nil && certificate.holderName == "Luis Gómez")
        #expect(try Certificates.issue(db, app: app.app, userID: learner, kind: .capsule, courseID: capsule)?.code == certificate.code)
        #expect(try Certificates.issue(db, app: app.app, userID: learner, kind: .capsule, courseID: course) == nil)
        #expect(try Certificates.issue(db, app: app.app, userID: learner, kind: .edition, courseID: capsule) == nil)
        let page = app.get("/certificates/\(certificate.code)").bodyText
        #expect(page.contains("cápsula formativa"))
    }

    @Test func thePublicPageStatesTheWholeClaimToAnyone() throws {
        let edition = try CompletedEdition(app)
        _ = edition.complete()
        let code = try #require(try edition.code())
        let response = app.get("/certificates/\(code)")
        #expect(response.status == .ok)
        let page = response.bodyText
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(response.header("X-Robots-Tag") == "noindex")
        for part in [
            "Ana Pérez", "Gobernanza metropolitana aplicada · XIX edición", "edición de un curso", "Carga de trabajo estimada",
            "40 horas", "Fecha de finalización", "español", "Emisor", code, "Válido", "<svg class=\"qr-code\"",
            "http://127.0.0.1:8080/certificates/\(code)", "/certificates/\(code).json", "Añadir a mi perfil de LinkedIn",
        ] {
            #expect(page.contains(part), "missing \(part)")
        }
        let year = try app.connect().query("SELECT extract(year FROM current_date)::int8 AS y").first?["y"] ?? 0 as Int64
        #expect(page.contains("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&amp;name=Gobernanza"))
        #expect(page.contains("issueYear=\(year)"))
        #expect(page.contains("certId=\(code)"))
        // In the reader's language, and found whatever the case of the code typed.
        app.language = "en"
        let english = app.get("/certificates/\(code.lowercased())").bodyText
        #expect(english.contains("Estimated workload") && english.contains("40 hours") && english.contains("Spanish"))
        #expect(app.get("/certificates/\(String(code.dropLast()))Z1").status == .notFound)
        #expect(app.get("/certificates/NO-SUCH-CODE").status == .notFound)
        #expect(app.get("/certificates/\(String(repeating: "0", count: 26)).json").status == .notFound)
    }

    @Test func namesAndTitlesAreEscaped() throws {
        let edition = try CompletedEdition(app, title: "<script>alert('t')</script> Movilidad", holder: "<script>alert(1)</script>")
        _ = edition.complete()
        let code = try #require(try edition.code())
        let page = app.get("/certificates/\(code)").bodyText
        #expect(!page.contains("<script>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; Movilidad"))
        let learner = try app.browser(signedInAs: edition.learnerID)
        #expect(!learner.get("/me").bodyText.contains("<script>"))
    }

    @Test func meListsTheHoldersCertificates() throws {
        let edition = try CompletedEdition(app)
        let learner = try app.browser(signedInAs: edition.learnerID)
        #expect(learner.get("/me").bodyText.contains("Todavía no tiene certificados."))
        _ = edition.complete()
        let code = try #require(try edition.code())
        let me = learner.get("/me").bodyText
        #expect(me.contains("Mis certificados"))
        #expect(me.contains("href=\"/certificates/\(code)\""))
    }

    @Test func theExportCarriesCertificatesAndDeletingTheAccountDeletesThem() throws {
        let edition = try CompletedEdition(app, tag: "gdpr")
        _ = edition.complete()
        let code = try #require(try edition.code())
        let learner = try app.browser(signedInAs: edition.learnerID)
        let export = learner.get("/me/export")
        #expect(export.status == .ok)
        #expect(export.bodyText.contains("\"certificates\""))
        #expect(export.bodyText.contains(code))
        #expect(export.bodyText.contains("edición de un curso"))
        let deleted = learner.post("/me/delete", [("password", "correct horse battery staple")])
        #expect(deleted.status == .seeOther)
        #expect(try TestApp(sharing: app).get("/certificates/\(code)").status == .notFound)
    }
}
