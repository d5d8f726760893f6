import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Applying: a draft saved as the applicant goes, PDFs checked by their bytes, a submission
/// that says what is missing, one application per call and person, withdrawing.
@Suite struct ScholarshipApplyTests {
    let world: ScholarshipWorld
    let call: TestCall
    let city: Int64
    let user: Int64
    let browser: TestApp

    init() throws {
        world = try ScholarshipWorld()
        call = try world.call(edition: try world.edition())
        city = try world.city("Huancayo")
        user = try world.official("huancayo@example.org", name: "Rosa Quispe", city: city)
        browser = try world.browser(user)
    }

    func documents() throws -> Int { try world.documentsStored() }

    @Test func aDraftIsSavedAndResumedThenSubmittedWithItsEligibilityStored() throws {
        let saved = world.apply(browser, call, answer: "Primera versión.", letter: SampleFiles.pdf("Carta"), endorsement: nil, action: "save")
        #expect(saved.status == .seeOther)
        let id = try #require(try world.application(call, user: user))
        #expect(try world.status(id) == "draft")
        let resumed = browser.get("/scholarships/\(call.id)/apply").bodyText
        #expect(resumed.contains("Primera versión."))
        #expect(resumed.contains("Carta de motivación \(id).pdf"))
        // Submitting with the endorsement still missing says so, and keeps what was given.
        let incomplete = world.apply(browser, call, answer: "Versión final.", letter: nil, endorsement: nil)
        #expect(incomplete.status == .unprocessableContent)
        #expect(incomplete.bodyText.contains("Para enviarla falta:"))
        #expect(incomplete.bodyText.contains("<li>Aval de la ciudad</li>"))
        #expect(try world.status(id) == "draft")
        #expect(try world.db.query("SELECT answer FROM application_answers WHERE application_id = \(id)").first?["answer"] == "Versión final.")
        let submitted = world.apply(browser, call, answer: "Versión final.", letter: nil, endorsement: SampleFiles.pdf("Aval"))
        #expect(submitted.status == .seeOther)
        #expect(submitted.header("Location") == "/applications/\(id)")
        let row = try #require(try world.db.query("""
            SELECT status, eligibility, eligibility_checked_at IS NOT NULL AS checked, organization_id FROM applications WHERE id = \(id)
            """).first)
        #expect(try row["status"] as String == "submitted" && row["eligibility"] as String == "active" && row["checked"] as Bool)
        #expect(try row["organization_id"] as Int64 == city)
        #expect(try world.notices(user).first == "notice.scholarship.submitted")
        let page = browser.get("/applications/\(id)").bodyText
        #expect(page.contains("Enviada: espera a que el comité la evalúe."))
        #expect(page.contains("Al enviarla, Huancayo era socia activa y su vínculo estaba confirmado."))
        // The form again, or the same submission twice, leads to the application that exists.
        #expect(browser.get("/scholarships/\(call.id)/apply").header("Location") == "/applications/\(id)")
        #expect(world.apply(browser, call).header("Location") == "/applications/\(id)")
        #expect(try world.db.query("SELECT count(*)::int8 AS n FROM applications WHERE call_id = \(call.id)").first?["n"] == 1)
    }

    @Test func aFileThatIsNotAPDFIsRefusedWithTheTextKeptAndNothingStored() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)
        let page = world.apply(browser, call, answer: "Mi respuesta cuidada.", letter: png, letterName: "carta.pdf")
        #expect(page.status == .unprocessableContent)
        #expect(page.bodyText.contains("Ese archivo no es un PDF. Súbalo en formato PDF."))
        #expect(page.bodyText.contains("Mi respuesta cuidada."))
        #expect(try world.application(call, user: user) == nil)
        #expect(try documents() == 0)
    }

    @Test func aFileOverTheLimitIs422WithTheTextKeptAndNothingStored() throws {
        let world = try ScholarshipWorld(app: try TestApp(environment: ["CAMPUS_UPLOAD_MAX": "4096"]))
        let call = try world.call(edition: try world.edition())
        let user = try world.official("grande@example.org", city: try world.city("Tacna"))
        let page = world.apply(try world.browser(user), call, answer: "Texto que no se pierde.", letter: SampleFiles.pdf("Carta", size: 9000))
        #expect(page.status == .unprocessableContent)
        #expect(page.bodyText.contains("Texto que no se pierde."))
        #expect(page.bodyText.contains("El archivo pesa 9 KB y el máximo es 4 KB."))
        #expect(try world.documentsStored() == 0)
        #expect(try world.application(call, user: user) == nil)
    }

    @Test func aFileNamedAfterThePersonIsStoredUnderWhatItAnswers() throws {
        #expect(world.apply(browser, call, letterName: "Carta_Rosa_Quispe_Huancayo.pdf").status == .seeOther)
        let id = try #require(try world.application(call, user: user))
        let names: [String] = try world.db.query("SELECT filename FROM documents WHERE application_id = \(id) ORDER BY id").map { try $0["filename"] }
        #expect(names == ["Carta de motivación \(id).pdf", "Aval de la ciudad \(id).pdf"])
    }

    @Test func anAnswerTooLongIsRefusedBesideItsField() throws {
        let page = world.apply(browser, call, answer: String(repeating: "a", count: 201), action: "save")
        #expect(page.status == .unprocessableContent)
        #expect(page.bodyText.contains("La respuesta tiene 201 caracteres; el máximo es 200."))
        #expect(try world.application(call, user: user) == nil)
    }

    @Test func replacingAFileDeletesTheOneBefore() throws {
        #expect(world.apply(browser, call, letter: SampleFiles.pdf("Primera"), endorsement: nil, action: "save").status == .seeOther)
        #expect(world.apply(browser, call, letter: SampleFiles.pdf("Segunda"), endorsement: nil, action: "save").status == .seeOther)
        #expect(try documents() == 1)
    }

    @Test func theApplicantWithdrawsBeforeADecision() throws {
        #expect(world.apply(browser, call).status == .seeOther)
        let id = try #require(try world.application(call, user: user))
        #expect(browser.get("/applications/\(id)/withdraw").bodyText.contains("¿Retirar su solicitud?"))
        #expect(browser.post("/applications/\(id)/withdraw", []).header("Location") == "/applications/\(id)/withdraw")
        #expect(try world.status(id) == "submitted")
        #expect(browser.post("/applications/\(id)/withdraw", [("confirm", "yes")]).status == .seeOther)
        #expect(try world.status(id) == "withdrawn")
        #expect(try world.notices(user).first == "notice.scholarship.withdrawn")
        // Withdrawn is final: no second application, no second withdrawal.
        #expect(browser.post("/applications/\(id)/withdraw", [("confirm", "yes")]).status == .conflict)
        #expect(world.apply(browser, call).header("Location") == "/applications/\(id)")
    }

    @Test func applicantsSeeTheirOwnApplicationAndDocumentsOnly() throws {
        #expect(world.apply(browser, call).status == .seeOther)
        let id = try #require(try world.application(call, user: user))
        let other = try world.browser(try world.official("otra@example.org", city: try world.city("Piura")))
        let document = try #require(try world.db.query("SELECT id, filename FROM documents WHERE application_id = \(id) ORDER BY id LIMIT 1").first)
        let path = "/documents/\(try document["id"] as Int64)/\(try document["filename"] as String)"
        #expect(browser.get(path).status == .ok)
        #expect(other.get(path).status == .notFound)
        #expect(try TestApp(sharing: world.app).get(path).status == .notFound)
        #expect(world.admin.get(path).status == .ok)
        for page in ["/applications/\(id)", "/applications/\(id)/withdraw", "/applications/\(id)/review"] {
            #expect(other.get(page).status == .notFound, "\(page)")
        }
        #expect(other.post("/applications/\(id)/withdraw", [("confirm", "yes")]).status == .notFound)
        #expect(other.post("/applications/\(id)/accept", []).status == .notFound)
        #expect(!other.get("/me").bodyText.contains("/applications/\(id)"))
        #expect(browser.get("/me").bodyText.contains("/applications/\(id)"))
    }
}
