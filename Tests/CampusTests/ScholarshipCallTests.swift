import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Calls: the committee creates and sets them up; officials see them and are told before
/// writing anything whether they may apply; the reviewer role points at a call.
@Suite struct ScholarshipCallTests {
    let world: ScholarshipWorld

    init() throws { world = try ScholarshipWorld() }

    func callForm(edition: Int64, quota: String = "4", maximum: String = "", title: String = "Becas XIX edición") -> [(String, String)] {
        [
            ("edition_id", String(edition)), ("title", title), ("description", "Para **funcionarios** de ciudades socias."),
            ("opens_at", "2026-01-10T09:00"), ("closes_at", "2030-03-01T00:00"), ("time_zone", "America/Lima"), ("quota", quota),
            ("coverage_percent", "100"), ("max_per_organization", maximum), ("reviews_per_application", "2"),
            ("acceptance_days", "7"), ("retention_days", "90"), ("blind", "1"), ("published", "1"),
        ]
    }

    @Test func anAdminCreatesACallAndWhatItAsksAllAudited() throws {
        let edition = try world.edition()
        let created = world.admin.post("/admin/scholarships", callForm(edition: edition))
        #expect(created.status == .seeOther)
        let id = try #require(try world.db.query("SELECT id FROM scholarship_calls WHERE title = 'Becas XIX edición'").first?["id"] as Int64?)
        #expect(created.header("Location") == "/admin/scholarships/\(id)/settings")
        let row = try #require(try world.db.query("""
            SELECT quota, coverage_percent, blind, published, acceptance_days, retention_days,
                   to_char(closes_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS closes FROM scholarship_calls WHERE id = \(id)
            """).first)
        #expect(try row["quota"] as Int == 4 && row["blind"] as Bool && row["published"] as Bool)
        #expect(try row["closes"] as String == "2030-03-01 05:00")
        #expect(world.admin.post("/admin/scholarships/\(id)/questions", [("prompt", "¿Por qué ahora?"), ("max_length", "500"), ("required", "1")]).status == .seeOther)
        #expect(world.admin.post("/admin/scholarships/\(id)/documents", [("label", "Aval de la ciudad"), ("visibility", "staff"), ("required", "1")]).status == .seeOther)
        #expect(world.admin.post("/admin/scholarships/\(id)/criteria", [("name", "Pertinencia"), ("weight", "3")]).status == .seeOther)
        let settings = world.admin.get("/admin/scholarships/\(id)/settings").bodyText
        #expect(settings.contains("¿Por qué ahora?") && settings.contains("Aval de la ciudad") && settings.contains("Solo el equipo de la red"))
        #expect(try world.audit("call.create") == 1 && world.audit("call.part_add") == 3)
        // The audit log names the call and what was added, in words.
        let log = world.admin.get("/admin/audit?action=call.part_add").bodyText
        #expect(log.contains("Añadió una pregunta, un documento o un criterio a una convocatoria"))
        #expect(log.contains("Criterio «Pertinencia»."))
    }

    @Test func aCallFormWithMistakesComesBackWithItsValues() throws {
        let edition = try world.edition()
        var fields = callForm(edition: edition, quota: "0", title: "X")
        fields.append(("closes_at", "not a date"))
        let page = world.admin.post("/admin/scholarships", fields)
        #expect(page.status == .unprocessableContent)
        #expect(page.bodyText.contains("Escriba un título de 3 a 200 caracteres."))
        #expect(page.bodyText.contains("Escriba un número entero entre 1 y 10000."))
        #expect(page.bodyText.contains("Para **funcionarios** de ciudades socias."))
        #expect(try world.db.query("SELECT 1 FROM scholarship_calls WHERE edition_id = \(edition)").isEmpty)
    }

    @Test func whatACallAsksComesBackWithItsValuesWhenWrong() throws {
        let call = try world.call(edition: try world.edition())
        func parts() throws -> Int {
            try world.db.query("""
                SELECT ((SELECT count(*) FROM call_questions WHERE call_id = \(call.id)) + (SELECT count(*) FROM call_documents WHERE call_id = \(call.id))
                        + (SELECT count(*) FROM call_criteria WHERE call_id = \(call.id)))::int8 AS n
                """).first?["n"] ?? -1
        }
        let before = try parts()
        let question = world.admin.post("/admin/scholarships/\(call.id)/questions", [("prompt", "¿?"), ("max_length", "10")])
        #expect(question.status == .unprocessableContent)
        #expect(question.bodyText.contains("Escriba la pregunta (de 3 a 1000 caracteres)."))
        #expect(question.bodyText.contains("Escriba un número entero entre 50 y 20000."))
        #expect(question.bodyText.contains(">¿?</textarea>"))
        let document = world.admin.post("/admin/scholarships/\(call.id)/documents", [("label", "Aval del concejo"), ("visibility", "todos")])
        #expect(document.status == .unprocessableContent)
        #expect(document.bodyText.contains("Elija una de las opciones."))
        #expect(document.bodyText.contains("value=\"Aval del concejo\""))
        let criterion = world.admin.post("/admin/scholarships/\(call.id)/criteria", [("name", "Impacto en la ciudad"), ("weight", "0")])
        #expect(criterion.status == .unprocessableContent)
        #expect(criterion.bodyText.contains("Escriba un número entero entre 1 y 100."))
        #expect(criterion.bodyText.contains("value=\"Impacto en la ciudad\""))
        #expect(try parts() == before)
        #expect(try world.audit("call.part_add") == 0)
    }

    @Test func theQuotaAndTheMaximumCannotDropBelowTheAwardsStanding() throws {
        let edition = try world.edition()
        let call = try world.call(edition: edition, quota: 3, maximum: 2)
        let city = try world.city("Arequipa")
        for n in 1...2 {
            let user = try world.official("arequipa\(n)@example.org", city: city)
            let application = try world.submitted(call, user: user, city: city)
            try world.db.execute("UPDATE applications SET status = 'awarded', accept_by = now() + interval '5 days' WHERE id = \(application)")
        }
        let page = world.admin.post("/admin/scholarships/\(call.id)/settings", callForm(edition: edition, quota: "1", maximum: "1"))
        #expect(page.status == .unprocessableContent)
        #expect(page.bodyText.contains("Ya hay 2 becas concedidas: el número no puede ser menor."))
        #expect(page.bodyText.contains("Una ciudad ya tiene 2 becas: el máximo no puede ser menor."))
        // And the database holds the line whatever the code does.
        #expect(throws: PostgresError.self) { try world.db.execute("UPDATE scholarship_calls SET quota = 1 WHERE id = \(call.id)") }
        #expect(throws: PostgresError.self) { try world.db.execute("UPDATE scholarship_calls SET max_per_organization = 1 WHERE id = \(call.id)") }
    }

    @Test func anInactiveMemberIsToldWhyBeforeWritingAnything() throws {
        let call = try world.call(edition: try world.edition())
        let lapsed = try world.city("Puno", active: false)
        let user = try world.official("puno@example.org", city: lapsed)
        let browser = try world.browser(user)
        let reason = "La membresía de Puno en la red no está activa: sus funcionarios no pueden pedir becas por ahora."
        #expect(browser.get("/scholarships/\(call.id)").bodyText.contains(reason))
        let form = browser.get("/scholarships/\(call.id)/apply")
        #expect(form.status == .ok)
        #expect(form.bodyText.contains(reason))
        #expect(!form.bodyText.contains("name=\"answer_"))
        let posted = world.apply(browser, call)
        #expect(posted.status == .conflict)
        #expect(posted.bodyText.contains(reason))
        #expect(try world.application(call, user: user) == nil)
        #expect(try world.documentsStored() == 0)
    }

    @Test func anAffiliationAwaitingConfirmationPointsToTheProfile() throws {
        let call = try world.call(edition: try world.edition())
        let user = try world.official("pendiente@example.org", city: try world.city("Cusco"), confirmed: false)
        let page = try world.browser(user).get("/scholarships/\(call.id)/apply").bodyText
        #expect(page.contains("Su vínculo con Cusco aún no está confirmado."))
        #expect(page.contains("href=\"/me\""))
    }

    @Test func aClosedCallAndAnUnpublishedOneSayWhatTheyAre() throws {
        let edition = try world.edition()
        let closed = try world.call(edition: edition, open: false)
        let user = try world.official("tarde@example.org", city: try world.city("Trujillo"))
        let browser = try world.browser(user)
        #expect(browser.get("/scholarships/\(closed.id)/apply").bodyText.contains("La convocatoria cerró el"))
        #expect(world.apply(browser, closed).status == .conflict)
        try world.db.execute("UPDATE scholarship_calls SET published = false WHERE id = \(closed.id)")
        #expect(browser.get("/scholarships/\(closed.id)").status == .notFound)
        #expect(!browser.get("/scholarships").bodyText.contains("/scholarships/\(closed.id)\""))
        #expect(world.admin.get("/scholarships/\(closed.id)").status == .ok)
    }

    @Test func theReviewerRoleIsGrantedOnACallOnTheStaffPageAndTheCommandLine() throws {
        let call = try world.call(edition: try world.edition())
        let person = try world.app.createUser("evaluadora@example.org")
        let granted = world.admin.post("/admin/users/\(person)/roles", [("role", "reviewer"), ("scope", "call"), ("scope_id", String(call.id))])
        #expect(granted.status == .seeOther)
        #expect(world.admin.get("/admin/users/\(person)").bodyText.contains("<option value=\"call\""))
        let missing = world.admin.post("/admin/users/\(person)/roles", [("role", "reviewer"), ("scope", "call"), ("scope_id", "999999")])
        #expect(missing.status == .unprocessableContent)
        #expect(try AccountCommands.addUser(world.db, email: "otra@example.org", name: "Otra", password: "correct horse battery staple", roles: ["reviewer:call=\(call.id)"]) > 0)
        #expect(throws: (any Error).self) {
            try AccountCommands.addUser(world.db, email: "nadie@example.org", name: "Nadie", password: "correct horse battery staple", roles: ["reviewer:call=999999"])
        }
        // A reviewer of the call cannot also apply to it.
        try world.db.execute("UPDATE users SET organization_id = \(try world.city("Lima Sur")), affiliation_confirmed_at = now() WHERE id = \(person)")
        let page = try world.browser(person).get("/scholarships/\(call.id)/apply").bodyText
        #expect(page.contains("Evalúa solicitudes de esta convocatoria, así que no puede presentarse a ella."))
        #expect(try world.browser(person).get("/").bodyText.contains("href=\"/review\""))
    }

    @Test func textIsEscapedOnEveryCallPage() throws {
        let call = try world.call(edition: try world.edition())
        try world.db.execute("UPDATE scholarship_calls SET title = '<script>alert(1)</script>' WHERE id = \(call.id)")
        try world.db.execute("UPDATE call_questions SET prompt = '<img src=x onerror=alert(1)>' WHERE call_id = \(call.id)")
        let user = try world.official("escape@example.org", city: try world.city("Ica"))
        for (browser, path) in [(world.admin, "/scholarships"), (world.admin, "/scholarships/\(call.id)"), (try world.browser(user), "/scholarships/\(call.id)/apply"),
                                (world.admin, "/admin/scholarships"), (world.admin, "/admin/scholarships/\(call.id)/settings"), (world.admin, "/admin/scholarships/\(call.id)")] {
            let body = browser.get(path).bodyText
            #expect(!body.contains("<script>alert") && !body.contains("<img src=x"), "\(path)")
        }
    }
}
