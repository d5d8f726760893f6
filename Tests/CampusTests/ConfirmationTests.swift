import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Actions that cannot be undone ask first, on a page of their own: leaving an edition and
/// not accepting a request (deleting a session: CourseAdminTests). A post without `confirm`
/// changes nothing.
@Suite struct ConfirmationTests {
    let app: TestApp
    let editions: EditionMaker

    init() throws {
        app = try TestApp()
        editions = EditionMaker(db: try app.connect())
    }

    func person(_ email: String, roles: [String] = []) throws -> TestApp {
        try app.browser(signedInAs: try app.createUser(email, roles: roles))
    }

    @Test func withdrawingAsksFirstAndSaysWhatHappensToTheSeat() throws {
        let edition = try editions.make(capacity: 1)
        let ana = try person("ana@example.org")
        let luis = try person("luis@example.org")
        _ = ana.post("/editions/\(edition)/enroll", [])
        _ = luis.post("/editions/\(edition)/enroll", [])
        let ask = "/editions/\(edition)/withdraw"
        // The edition page links to the question; it no longer posts in one click.
        let page = ana.get("/editions/\(edition)").bodyText
        #expect(page.contains("href=\"\(ask)\""))
        #expect(!page.contains("action=\"\(ask)\""))
        let unconfirmed = ana.post(ask, [])
        #expect(unconfirmed.status == .seeOther)
        #expect(unconfirmed.header("Location") == ask)
        #expect(try editions.statuses(edition)["ana@example.org"] == "enrolled")

        let question = ana.get(ask)
        #expect(question.status == .ok)
        #expect(question.bodyText.contains("Dejará su plaza. Si hay personas en la lista de espera, la primera la ocupará"))
        #expect(question.bodyText.contains("action=\"\(ask)\""))
        #expect(question.bodyText.contains("name=\"confirm\" value=\"yes\""))
        #expect(question.bodyText.contains("href=\"/editions/\(edition)\""))
        #expect(luis.get(ask).bodyText.contains("Dejará su puesto 1 en la lista de espera."))

        #expect(ana.post(ask, [("confirm", "yes")]).status == .seeOther)
        #expect(try editions.statuses(edition) == ["ana@example.org": "withdrawn", "luis@example.org": "enrolled"])
        // Afterwards the page says there is nothing left to withdraw, and offers no button.
        let after = ana.get(ask).bodyText
        #expect(after.contains("no hay nada que retirar"))
        #expect(!after.contains("name=\"confirm\""))
    }

    @Test func notAcceptingARequestAsksFirstAndKeepsTheNote() throws {
        let edition = try editions.make(admission: "approval")
        let teacher = try person("docente@example.org", roles: ["instructor:edition=\(edition)"])
        _ = try person("pide@example.org").post("/editions/\(edition)/enroll", [])
        let enrollment: Int64 = try app.connect().query("SELECT id FROM enrollments WHERE edition_id = \(edition)").first?["id"] ?? 0
        let decide = "/editions/\(edition)/enrollments/\(enrollment)/decide"

        // The roster's button posts without `confirm`: the answer is the question, the note kept.
        let question = teacher.post(decide, [("decision", "reject"), ("note", "Faltan <datos> del cargo.")])
        #expect(question.status == .ok)
        #expect(question.bodyText.contains("¿No aceptar la solicitud de Test Person?"))
        #expect(question.bodyText.contains("no podrá volver a pedir plaza en esta edición"))
        #expect(question.bodyText.contains(">Faltan &lt;datos&gt; del cargo.</textarea>"))
        #expect(question.bodyText.contains("action=\"\(decide)\""))
        #expect(try editions.statuses(edition)["pide@example.org"] == "pending")
        // The same page can be opened on its own.
        let page = teacher.get("/editions/\(edition)/enrollments/\(enrollment)/reject")
        #expect(page.status == .ok)
        #expect(page.bodyText.contains("name=\"decision\" value=\"reject\""))
        #expect(try app.browser(signedInAs: "pide@example.org").get("/editions/\(edition)/enrollments/\(enrollment)/reject").status == .forbidden)

        #expect(teacher.post(decide, [("decision", "reject"), ("note", "Faltan datos del cargo."), ("confirm", "yes")]).status == .seeOther)
        #expect(try editions.statuses(edition)["pide@example.org"] == "rejected")
        // Approving stays one click.
        let other = try editions.make(admission: "approval")
        let approver = try person("aprueba@example.org", roles: ["instructor:edition=\(other)"])
        _ = try person("otra@example.org").post("/editions/\(other)/enroll", [])
        let second: Int64 = try app.connect().query("SELECT id FROM enrollments WHERE edition_id = \(other)").first?["id"] ?? 0
        #expect(approver.post("/editions/\(other)/enrollments/\(second)/decide", [("decision", "approve")]).status == .seeOther)
        #expect(try editions.statuses(other)["otra@example.org"] == "enrolled")
    }
}
