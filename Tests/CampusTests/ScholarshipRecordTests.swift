import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The record of a call: the audit log in words, the CSV with scores, the statistics by
/// network and organization, documents deleted after retention; and what the feature adds
/// to /me's export, account deletion and /metrics.
@Suite struct ScholarshipRecordTests {
    let world: ScholarshipWorld
    let call: TestCall

    init() throws {
        world = try ScholarshipWorld()
        call = try world.call(edition: try world.edition())
    }

    /// Two applicants through the form, scored by a reviewer: Ana 5, Beto 2.
    func twoScored() throws -> (ana: (user: Int64, application: Int64), beto: (user: Int64, application: Int64)) {
        let cusco = try world.city("Cusco", network: "andina")
        let recife = try world.city("Recife", network: "brasil")
        let ana = try world.official("ana@example.org", name: "Ana Quispe", city: cusco)
        let beto = try world.official("beto@example.org", name: "=HYPERLINK(\"x\")", city: recife)
        for user in [ana, beto] { #expect(world.apply(try world.browser(user), call).status == .seeOther) }
        let reviewer = try world.official("rev@example.org", city: nil, roles: ["reviewer:call=\(call.id)"])
        let a = try #require(try world.application(call, user: ana))
        let b = try #require(try world.application(call, user: beto))
        try world.review(call, application: a, reviewer: reviewer, score: 5)
        try world.review(call, application: b, reviewer: reviewer, score: 2)
        return ((ana, a), (beto, b))
    }

    @Test func theCSVListsEveryApplicationWithItsScoresSafeForASpreadsheet() throws {
        let (ana, beto) = try twoScored()
        try world.decide(ana.application, "award", note: "Muy pertinente.")
        let csv = world.admin.get("/admin/scholarships/\(call.id)/applications.csv")
        #expect(csv.status == .ok)
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
        let text = csv.bodyText
        #expect(text.hasPrefix("\u{FEFF}"))
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first?.contains("Puesto,Solicitud,Nombre") == true)
        #expect(lines.first?.contains("Pertinencia,Trayectoria") == true)
        #expect(lines[1].hasPrefix("1,\(ana.application),Ana Quispe,ana@example.org,Cusco,Red Andina,"))
        #expect(lines[1].contains("\"5,0\"") && lines[1].contains("Beca,Muy pertinente."))
        #expect(lines[2].hasPrefix("2,\(beto.application),"))
        #expect(!text.contains(",=HYPERLINK"))
    }

    @Test func statisticsCountApplicationsAndAwardsByNetworkAndCity() throws {
        let (ana, _) = try twoScored()
        try world.db.execute("UPDATE applications SET status = 'awarded', accept_by = now() + interval '3 days' WHERE id = \(ana.application)")
        let page = world.admin.get("/admin/scholarships/\(call.id)/stats")
        #expect(page.status == .ok)
        let text = page.bodyText
        #expect(text.contains("Por red territorial") && text.contains("Red Andina") && text.contains("Red Brasil"))
        #expect(text.contains("Cusco") && text.contains("Recife"))
        #expect(text.contains("<td data-label=\"Solicitudes\">2</td>"))
    }

    @Test func theAuditLogSaysWhoseApplicationEachStepConcerned() throws {
        let (ana, _) = try twoScored()
        let reviewer = try world.official("rev2@example.org", city: nil, roles: ["reviewer:call=\(call.id)"])
        #expect(world.admin.post("/applications/\(ana.application)/assign", [("reviewer_id", String(reviewer))]).status == .seeOther)
        #expect(world.admin.post("/applications/\(ana.application)/decide", [("decision", "award"), ("note", "Adelante.")]).status == .seeOther)
        let log = world.admin.get("/admin/audit").bodyText
        #expect(log.contains("Asignó una solicitud a una persona evaluadora"))
        #expect(log.contains("Decidió sobre una solicitud"))
        #expect(log.contains("la solicitud de <a href=\"/admin/users/\(ana.user)\">Ana Quispe</a> para"))
        #expect(log.contains("Decisión provisional: Beca."))
        #expect(log.contains("Nota para la persona: «Adelante.»."))
        #expect(log.contains("A la persona evaluadora n.º \(reviewer), a mano."))
    }

    @Test func documentsOfApplicationsNotAwardedAreDeletedAfterRetentionAndTheDeletionIsLogged() throws {
        let (ana, beto) = try twoScored()
        try world.decide(ana.application, "award")
        try world.decide(beto.application, "decline")
        #expect(world.admin.post("/admin/scholarships/\(call.id)/release", [("confirm", "yes")]).status == .seeOther)
        func documents(_ application: Int64) throws -> Int {
            try world.db.query("SELECT count(*)::int8 AS n FROM documents WHERE application_id = \(application)").first?["n"] ?? -1
        }
        // Within the retention period nothing goes.
        #expect(try ScholarshipSweep.run(world.db, app: world.app.app).purged == 0)
        try world.db.execute("UPDATE scholarship_calls SET released_at = now() - interval '200 days', retention_days = 180 WHERE id = \(call.id)")
        #expect(try ScholarshipSweep.run(world.db, app: world.app.app).purged == 1)
        #expect(try documents(beto.application) == 0 && documents(ana.application) == 2)
        #expect(try world.audit("application.purge_documents") == 1)
        #expect(try world.browser(beto.user).get("/applications/\(beto.application)").bodyText.contains("Borrado al terminar el plazo de conservación."))
        #expect(try ScholarshipSweep.run(world.db, app: world.app.app).purged == 0)
        #expect(world.admin.get("/admin/audit?action=application.purge_documents").bodyText.contains("2 documentos borrados."))
    }

    @Test func theExportDeletionAndMetricsKnowOfApplications() throws {
        let (ana, beto) = try twoScored()
        let anaBrowser = try world.browser(ana.user)
        let export = anaBrowser.get("/me/export").bodyText
        #expect(export.contains("\"scholarship_applications\"") && export.contains("Una estrategia de movilidad sostenible."))
        #expect(export.contains("Enviada: espera a que el comité la evalúe"))
        try world.decide(ana.application, "award")
        try world.decide(beto.application, "waitlist")
        #expect(world.admin.post("/admin/scholarships/\(call.id)/release", [("confirm", "yes")]).status == .seeOther)
        #expect(world.admin.get("/metrics").bodyText.contains("scholarship_awards_awaiting_acceptance 1"))
        // Deleting Ana's account withdraws her award: its seat goes to Beto, next on the waitlist.
        #expect(anaBrowser.post("/me/delete", [("password", "correct horse battery staple")]).status == .seeOther)
        #expect(try world.status(ana.application) == "withdrawn" && world.status(beto.application) == "awarded")
        #expect(try world.seat(call.edition, user: ana.user) == "withdrawn" && world.seat(call.edition, user: beto.user) == "held")
        #expect(try world.db.query("SELECT 1 FROM documents WHERE application_id = \(ana.application)").isEmpty)
        #expect(try world.db.query("SELECT 1 FROM application_answers WHERE application_id = \(ana.application)").isEmpty)
    }
}
