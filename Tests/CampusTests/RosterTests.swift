import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The roster: instructors and admins see who is in, decide requests, record completion,
/// export CSV. Every decision is audited and reaches the person.
@Suite struct RosterTests {
    let app: TestApp
    let editions: EditionMaker
    let instructor: TestApp

    init() throws {
        app = try TestApp()
        editions = EditionMaker(db: try app.connect())
        instructor = try TestApp(sharing: app)
    }

    func teacher(of edition: Int64) throws -> TestApp {
        let id = try app.createUser("teacher\(edition)@example.org", name: "Marta Docente", roles: ["instructor:edition=\(edition)"])
        instructor.cookies["campus_session"] = try app.sessionCookie(for: id)
        return instructor
    }

    func request(_ email: String, name: String = "Persona", edition: Int64) throws -> Int64 {
        let id = try app.createUser(email, name: name)
        let browser = try TestApp(sharing: app)
        browser.cookies["campus_session"] = try app.sessionCookie(for: id)
        #expect(browser.post("/editions/\(edition)/enroll", []).status == .seeOther)
        return try app.connect().query("SELECT id FROM enrollments WHERE edition_id = \(edition) AND user_id = \(id)").first?["id"] ?? 0
    }

    @Test func onlyThisEditionsInstructorsAndAdminsSeeIt() throws {
        let edition = try editions.make()
        let other = try editions.make()
        let teacher = try teacher(of: edition)
        #expect(teacher.get("/editions/\(edition)/roster").status == .ok)
        #expect(teacher.get("/editions/\(other)/roster").status == .forbidden)
        #expect(teacher.get("/editions/\(edition)").bodyText.contains("Ver las personas inscritas"))
        // Everyone sees who teaches it.
        let page = app.get("/editions/\(edition)").bodyText
        #expect(page.contains("<dt>Equipo docente</dt><dd>Marta Docente</dd>"))
        #expect(!page.contains("Ver las personas inscritas"))
    }

    @Test func requestsAreApprovedOrRejectedWithANote() throws {
        let edition = try editions.make(capacity: 1, admission: "approval")
        let teacher = try teacher(of: edition)
        let first = try request("first@example.org", name: "Primera", edition: edition)
        let second = try request("second@example.org", name: "Segunda", edition: edition)
        let third = try request("third@example.org", name: "Tercera", edition: edition)
        let page = teacher.get("/editions/\(edition)/roster")
        #expect(page.bodyText.contains("Solicitudes pendientes"))
        #expect(page.bodyText.contains("Primera"))

        #expect(teacher.post("/editions/\(edition)/enrollments/\(first)/decide", [("decision", "approve")]).status == .seeOther)
        #expect(teacher.post("/editions/\(edition)/enrollments/\(second)/decide", [("decision", "approve")]).status == .seeOther)
        #expect(teacher.post("/editions/\(edition)/enrollments/\(third)/decide", [("decision", "reject"), ("note", "El perfil no encaja con esta edición."), ("confirm", "yes")]).status == .seeOther)
        #expect(try editions.statuses(edition) == ["first@example.org": "enrolled", "second@example.org": "waitlisted 1", "third@example.org": "rejected"])
        let db = try app.connect()
        let audit: [String] = try db.query("SELECT action FROM audit_log WHERE action LIKE 'enrollment.%' ORDER BY id").map { try $0["action"] }
        #expect(audit == ["enrollment.approve", "enrollment.approve", "enrollment.reject"])
        #expect(try app.outbox(to: "third@example.org").first?.body.contains("El perfil no encaja con esta edición.") == true)
        // Deciding again changes nothing; a rejected person cannot simply ask again.
        #expect(teacher.post("/editions/\(edition)/enrollments/\(third)/decide", [("decision", "approve")]).status == .seeOther)
        #expect(teacher.get("/editions/\(edition)/enrollments/\(third)/reject").header("Location") == "/editions/\(edition)/roster")
        #expect(try editions.statuses(edition)["third@example.org"] == "rejected")
        let rejected = try TestApp(sharing: app)
        _ = rejected.signIn("third@example.org")
        #expect(rejected.post("/editions/\(edition)/enroll", []).status == .conflict)
    }

    /// The note travels with approvals as with rejections: in the notification and the email,
    /// whose subject keeps to the decision.
    @Test func theTeamsNoteReachesThePersonOnEveryDecision() throws {
        let edition = try editions.make(capacity: 1, admission: "approval")
        let teacher = try teacher(of: edition)
        let cases = [
            ("aceptada@example.org", "approve", "Bienvenida: traiga su plan de movilidad.", "notice.enrollment.approved_note"),
            ("espera@example.org", "approve", "Queda primera en la lista.", "notice.enrollment.approved_waitlisted_note"),
            ("rechazada@example.org", "reject", "El cupo es para equipos técnicos.", "notice.enrollment.rejected_note"),
        ]
        for (email, decision, note, message) in cases {
            let id = try request(email, edition: edition)
            var fields = [("decision", decision), ("note", note)]
            if decision == "reject" { fields.append(("confirm", "yes")) }
            #expect(teacher.post("/editions/\(edition)/enrollments/\(id)/decide", fields).status == .seeOther)
            let person = try app.browser(signedInAs: email)
            let notice = person.get("/notifications").bodyText
            #expect(notice.contains(note), "in-app notice for \(email)")
            let mail = try #require(try app.outbox(to: email).first)
            #expect(mail.body.contains("Nota del equipo docente: \(note)"), "email for \(email)")
            #expect(!mail.subject.contains(note))
            #expect(try app.connect().query("""
                SELECT 1 FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = \(email) AND n.message = \(message)
                """).count == 1)
        }
        // Without a note, the plain message.
        let plain = try editions.make(admission: "approval")
        let other = try self.teacher(of: plain)
        let id = try request("sin-nota@example.org", edition: plain)
        #expect(other.post("/editions/\(plain)/enrollments/\(id)/decide", [("decision", "approve")]).status == .seeOther)
        #expect(try app.outbox(to: "sin-nota@example.org").first?.body.contains("Nota del equipo docente") == false)
    }

    @Test func theRosterShowsWhetherEachAffiliationIsConfirmed() throws {
        let edition = try editions.make()
        let teacher = try teacher(of: edition)
        _ = try request("confirmada@bogota.gov.co", name: "Confirmada", edition: edition)
        _ = try request("sin-confirmar@example.org", name: "Sin Confirmar", edition: edition)
        try app.connect().execute("""
            UPDATE users SET organization_id = (SELECT id FROM organizations WHERE name = 'Bogotá')
            WHERE email IN ('confirmada@bogota.gov.co', 'sin-confirmar@example.org')
            """)
        let page = teacher.get("/editions/\(edition)/roster").bodyText
        let confirmed = try #require(page.range(of: "Confirmada<br>"))
        let unconfirmed = try #require(page.range(of: "Sin Confirmar<br>"))
        #expect(page[confirmed.upperBound...].prefix(600).contains("vínculo confirmado"))
        #expect(page[unconfirmed.upperBound...].prefix(600).contains("vínculo sin confirmar"))
        let csv = teacher.get("/editions/\(edition)/roster.csv").bodyText
        #expect(csv.contains("Vínculo con la ciudad"))
        #expect(csv.contains("Bogotá,Red Andina,vínculo confirmado") || csv.contains(",vínculo confirmado,"))
        #expect(csv.contains(",vínculo sin confirmar,"))
    }

    @Test func theCSVSaysDatesAndStatusesInWords() throws {
        let edition = try editions.make(capacity: 1)
        let teacher = try teacher(of: edition)
        try app.connect().execute("UPDATE users SET time_zone = 'America/Bogota' WHERE email = \("teacher\(edition)@example.org")")
        let first = try request("primera@example.org", edition: edition)
        _ = try request("segunda@example.org", edition: edition)
        // 03:00 UTC on 1 March is still 28 February in Bogotá, where the reader is.
        try app.connect().execute("UPDATE enrollments SET requested_at = '2026-03-01 03:00+00' WHERE id = \(first)")
        let rows = teacher.get("/editions/\(edition)/roster.csv").bodyText.components(separatedBy: "\r\n")
        let primera = try #require(rows.first { $0.contains("primera@example.org") })
        let segunda = try #require(rows.first { $0.contains("segunda@example.org") })
        #expect(primera.contains(",Con plaza,,2026-02-28,"))
        #expect(segunda.contains(",En lista de espera,1,"))
        #expect(segunda.range(of: ",[0-9]{4}-[0-9]{2}-[0-9]{2},", options: .regularExpression) != nil)
        #expect(!segunda.contains("+00"))
    }

    @Test func countsTakeTheirPluralForm() throws {
        let edition = try editions.make(capacity: 1, admission: "approval")
        let teacher = try teacher(of: edition)
        _ = try request("una@example.org", edition: edition)
        let page = teacher.get("/editions/\(edition)/roster").bodyText
        #expect(page.contains("0 de 1 plaza ocupada · 0 personas en lista de espera · 1 solicitud pendiente"))
        #expect(!page.contains("1 plazas"))
        let english = teacher.get("/editions/\(edition)/roster", headers: ["accept-language": "en"]).bodyText
        #expect(english.contains("0 of 1 place taken · 0 people on the waiting list · 1 pending request"))
        let admin = try TestApp(sharing: app)
        admin.cookies["campus_session"] = try app.sessionCookie(for: try app.createUser("jefa@example.org", roles: ["admin"]))
        #expect(admin.get("/admin/editions/\(edition)").bodyText.contains("0 de 1 plaza ocupada"))
    }

    @Test func badDecisionsAreFormErrors() throws {
        let edition = try editions.make(admission: "approval")
        let teacher = try teacher(of: edition)
        let id = try request("someone@example.org", edition: edition)
        #expect(teacher.post("/editions/\(edition)/enrollments/\(id)/decide", [("decision", "maybe")]).status == .unprocessableContent)
        #expect(teacher.post("/editions/\(edition)/enrollments/\(id)/decide", [("decision", "approve"), ("note", String(repeating: "x", count: 2001))]).status == .unprocessableContent)
        #expect(try editions.statuses(edition)["someone@example.org"] == "pending")
        #expect(teacher.post("/editions/\(edition)/enrollments/abc/decide", [("decision", "approve")]).status == .badRequest)
    }

    @Test func completionIsRecordedOnceTheEditionEnds() throws {
        let edition = try editions.make(opensInHours: -24 * 60, closesInHours: -24 * 50, startsInDays: -40, lengthInDays: 39)
        let teacher = try teacher(of: edition)
        let db = try app.connect()
        let userID = try app.createUser("done@example.org")
        let enrollment: Int64 = try db.query("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(edition), \(userID), 'enrolled') RETURNING id").first?["id"] ?? 0
        #expect(teacher.post("/editions/\(edition)/enrollments/\(enrollment)/assess", [("result", "completed"), ("note", "Estrategia excelente.")]).status == .seeOther)
        #expect(try editions.statuses(edition)["done@example.org"] == "completed")
        #expect(try db.query("SELECT 1 FROM audit_log WHERE action = 'enrollment.complete' AND subject_id = \(enrollment)").count == 1)
        let learner = try TestApp(sharing: app)
        learner.cookies["campus_session"] = try app.sessionCookie(for: userID)
        let me = learner.get("/me").bodyText
        #expect(me.contains("Completó la edición."))
        #expect(me.contains("Estrategia excelente."))
        #expect(teacher.post("/editions/\(edition)/enrollments/\(enrollment)/assess", [("result", "not_completed")]).status == .seeOther)
        #expect(learner.get("/me").bodyText.contains("No completó la edición."))
        #expect(teacher.post("/editions/\(edition)/enrollments/\(enrollment)/assess", [("result", "perhaps")]).status == .unprocessableContent)
    }

    @Test func completionWaitsForTheEnd() throws {
        let edition = try editions.make()
        let teacher = try teacher(of: edition)
        let id = try request("early@example.org", edition: edition)
        let response = teacher.post("/editions/\(edition)/enrollments/\(id)/assess", [("result", "completed")])
        #expect(response.status == .conflict)
        #expect(response.bodyText.contains("cuando la edición termina"))
    }

    @Test func theCSVIsSafeForSpreadsheets() throws {
        let edition = try editions.make()
        let teacher = try teacher(of: edition)
        _ = try request("formula@example.org", name: "=HYPERLINK(\"http://evil.example\",\"x\")", edition: edition)
        _ = try request("comma@example.org", name: "Pérez, \"Pepe\"", edition: edition)
        _ = try request("plus@example.org", name: "+34 Núñez", edition: edition)
        let response = teacher.get("/editions/\(edition)/roster.csv")
        #expect(response.status == .ok)
        #expect(response.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(response.header("Content-Disposition")?.contains("attachment") == true)
        #expect(Array(response.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = response.bodyText
        #expect(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""))
        #expect(text.contains("\"Pérez, \"\"Pepe\"\"\""))
        #expect(text.contains("'+34 Núñez"))
        #expect(text.contains("\r\n"))
        #expect(text.split(separator: "\r\n").count == 4)
    }

    @Test func rosterTextIsEscaped() throws {
        let edition = try editions.make()
        let teacher = try teacher(of: edition)
        _ = try request("xss@example.org", name: "<script>alert(1)</script>", edition: edition)
        let page = teacher.get("/editions/\(edition)/roster")
        #expect(!page.bodyText.contains("<script>alert"))
        #expect(page.bodyText.contains("&lt;script&gt;"))
    }

    @Test func csvCellsAreNeutralised() {
        let csv = String(decoding: CSV.render([["=1+1", "-2", "@cmd", "a\nb", " padded", "plain"]]), as: UTF8.self)
        #expect(csv == "\u{FEFF}'=1+1,'-2,'@cmd,\"a\nb\",\" padded\",plain\r\n")
    }
}
