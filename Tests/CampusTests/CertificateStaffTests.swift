import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Staff work on certificates: revocation with a reason, and name corrections the holder
/// asks for and an admin decides — on the same code, audited, the holder told.
@Suite struct CertificateStaffTests {
    let app: TestApp
    let edition: CompletedEdition
    let admin: TestApp
    let code: String

    init() throws {
        app = try TestApp()
        edition = try CompletedEdition(app)
        _ = edition.complete()
        code = try edition.code() ?? ""
        admin = try app.browser(signedInAs: try app.createUser("admin-cert@example.org", name: "Admin", roles: ["admin"]))
    }

    func audited(_ action: String) throws -> [String: String] {
        guard let details: String = try app.connect().query("""
            SELECT details::text FROM audit_log WHERE action = \(action) AND subject_kind = 'certificate' ORDER BY id DESC LIMIT 1
            """).first?["details"] else { return [:] }
        return (try JSONSerialization.jsonObject(with: Data(details.utf8)) as? [String: String]) ?? [:]
    }

    @Test func revokingNeedsAReasonAndShowsEverywhere() throws {
        let missing = admin.post("/admin/certificates/\(code)/revoke", [("reason", "  ")])
        #expect(missing.status == .unprocessableContent)
        #expect(missing.bodyText.contains("Escriba el motivo"))
        #expect(app.get("/certificates/\(code)").bodyText.contains("Válido"))
        #expect(try audited("certificate.revoke").isEmpty)

        let learner = try app.browser(signedInAs: edition.learnerID)
        #expect(learner.post("/admin/certificates/\(code)/revoke", [("reason", "Mine")]).status == .forbidden)

        #expect(admin.post("/admin/certificates/\(code)/revoke", [("reason", "Plagio <b>comprobado</b> en el trabajo final")]).status == .seeOther)
        #expect(try audited("certificate.revoke")["reason"] == "Plagio <b>comprobado</b> en el trabajo final")
        let page = app.get("/certificates/\(code)").bodyText
        #expect(page.contains("Revocado el "))
        #expect(page.contains("Motivo: Plagio &lt;b&gt;comprobado&lt;/b&gt; en el trabajo final"))
        #expect(!page.contains("linkedin.com"))
        let json = app.get("/certificates/\(code).json").bodyText
        #expect(json.contains("\"status\":\"revoked\""))
        #expect(json.contains("\"revocationReason\":\"Plagio <b>comprobado</b> en el trabajo final\""))
        #expect(json.contains("\"validUntil\":"))
        let notified: Int = try app.connect().query("""
            SELECT count(*)::int8 AS n FROM notifications WHERE user_id = \(edition.learnerID) AND message = 'notice.certificate.revoked'
            """).first?["n"] ?? 0
        #expect(notified == 1)
        // Again: nothing changes, and the holder can no longer ask for changes.
        #expect(admin.post("/admin/certificates/\(code)/revoke", [("reason", "Otra vez")]).status == .seeOther)
        #expect(try app.connect().query("SELECT 1 FROM audit_log WHERE action = 'certificate.revoke'").count == 1)
        #expect(learner.post("/certificates/\(code)/name", [("name", "Ana María Pérez")]).status == .conflict)
    }

    @Test func aNameCorrectionKeepsTheCodeAndIsAudited() throws {
        let learner = try app.browser(signedInAs: edition.learnerID)
        #expect(learner.get("/certificates/\(code)").bodyText.contains("Pida una corrección"))
        #expect(learner.get("/certificates/\(code)/name").status == .ok)
        let stranger = try app.browser(signedInAs: try app.createUser("stranger@example.org"))
        #expect(stranger.get("/certificates/\(code)/name").status == .forbidden)
        #expect(stranger.post("/certificates/\(code)/name", [("name", "Otra")]).status == .forbidden)
        #expect(app.get("/certificates/\(code)/name").status == .seeOther)

        let empty = learner.post("/certificates/\(code)/name", [("name", " "), ("reason", "Falta mi segundo nombre")])
        #expect(empty.status == .unprocessableContent)
        #expect(empty.bodyText.contains("Falta mi segundo nombre"))
        #expect(learner.post("/certificates/\(code)/name", [("name", "Ana Pérez")]).status == .unprocessableContent)
        #expect(learner.post("/certificates/\(code)/name", [("name", "Ana María Pérez"), ("reason", "Falta mi segundo nombre")]).status == .seeOther)
        // Asking twice leaves one request waiting.
        #expect(learner.post("/certificates/\(code)/name", [("name", "Ana M. Pérez")]).status == .seeOther)
        #expect(learner.get("/certificates/\(code)").bodyText.contains("«Ana María Pérez» espera la revisión"))

        let queue = admin.get("/admin/certificates").bodyText
        #expect(queue.contains("De «Ana Pérez» a «Ana María Pérez»"))
        let id: Int64 = try app.connect().query("SELECT id FROM certificate_name_corrections WHERE status = 'pending'").first?["id"] ?? 0
        #expect(learner.post("/admin/certificates/corrections/\(id)/decide", [("decision", "approve")]).status == .forbidden)
        #expect(admin.post("/admin/certificates/corrections/\(id)/decide", [("decision", "maybe")]).status == .unprocessableContent)
        #expect(admin.post("/admin/certificates/corrections/\(id)/decide", [("decision", "approve"), ("note", "Corregido.")]).status == .seeOther)

        let page = app.get("/certificates/\(code)").bodyText
        #expect(page.contains("Ana María Pérez completó"))
        #expect(try edition.code() == code)
        let details = try audited("certificate.name_approve")
        #expect(details["from"] == "Ana Pérez" && details["to"] == "Ana María Pérez" && details["code"] == code)
        let notice: String? = try app.connect().query("""
            SELECT message FROM notifications WHERE user_id = \(edition.learnerID) AND message LIKE 'notice.certificate.name%'
            """).first?["message"]
        #expect(notice == "notice.certificate.name_approved_note")
        // Decided once: the same form again changes nothing.
        #expect(admin.post("/admin/certificates/corrections/\(id)/decide", [("decision", "reject")]).status == .seeOther)
        #expect(try audited("certificate.name_reject").isEmpty)
        #expect(admin.get("/admin/certificates/\(code)").bodyText.contains("aprobada"))
    }

    @Test func staffFindACertificateByItsCode() throws {
        #expect(admin.get("/admin/certificates?code=\(code.lowercased())").header("Location") == "/admin/certificates/\(code)")
        let missing = admin.get("/admin/certificates?code=ZZZ")
        #expect(missing.status == .ok)
        #expect(missing.bodyText.contains("Ningún certificado tiene ese código."))
        #expect(admin.get("/admin/certificates").bodyText.contains("Ana Pérez"))
    }
}
