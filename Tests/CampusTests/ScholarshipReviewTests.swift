import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Review: assignment by hand and automatic, never within the applicant's organization;
/// conflicts and reassignment; blind review; reviewers see only what is assigned to them.
@Suite struct ScholarshipReviewTests {
    let world: ScholarshipWorld
    let call: TestCall
    /// Cities of the applicants and of the reviewers.
    let cusco: Int64
    let lima: Int64
    let quito: Int64

    init() throws {
        world = try ScholarshipWorld()
        call = try world.call(edition: try world.edition(), blind: true)
        cusco = try world.city("Cusco")
        lima = try world.city("Lima Norte")
        quito = try world.city("Quito Sur")
    }

    func reviewer(_ email: String, city: Int64?) throws -> Int64 {
        try world.official(email, name: "Evaluadora \(email.prefix(4))", city: city, roles: ["reviewer:call=\(call.id)"])
    }

    func assigned(_ application: Int64) throws -> [Int64] {
        try world.db.query("""
            SELECT reviewer_id FROM review_assignments WHERE application_id = \(application) AND conflict_at IS NULL ORDER BY reviewer_id
            """).map { try $0["reviewer_id"] }
    }

    /// A real application through the form, by a named official of Cusco.
    func applyAsCusco(_ email: String = "ana@cusco.example", name: String = "Ana Mamani Huamán") throws -> (user: Int64, application: Int64) {
        let user = try world.official(email, name: name, city: cusco)
        #expect(world.apply(try world.browser(user), call, letterName: "Carta de \(name) - Cusco.pdf").status == .seeOther)
        return (user, try #require(try world.application(call, user: user)))
    }

    @Test func automaticAssignmentSpreadsTheWorkAndNeverWithinTheApplicantsCity() throws {
        let fromCusco = try reviewer("rev1@example.org", city: cusco)
        let others = try [reviewer("rev2@example.org", city: lima), reviewer("rev3@example.org", city: quito), reviewer("rev4@example.org", city: nil)]
        var applications: [Int64] = []
        for n in 1...6 {
            let city = n % 2 == 0 ? cusco : lima
            applications.append(try world.submitted(call, user: try world.official("app\(n)@example.org", city: city), city: city))
        }
        #expect(world.admin.post("/admin/scholarships/\(call.id)/assign", []).status == .seeOther)
        var load: [Int64: Int] = [:]
        for (index, application) in applications.enumerated() {
            let reviewers = try assigned(application)
            #expect(reviewers.count == 2)
            let city = index % 2 == 1 ? cusco : lima
            if city == cusco { #expect(!reviewers.contains(fromCusco)) }
            if city == lima { #expect(!reviewers.contains(others[0])) }
            for reviewer in reviewers { load[reviewer, default: 0] += 1 }
        }
        // Twelve reviews over four reviewers: three each.
        #expect(load.values.sorted() == [3, 3, 3, 3])
        #expect(try world.audit("application.assign") == 12)
        #expect(try applications.allSatisfy { try world.status($0) == "under_review" })
        // Running it again assigns nothing more.
        #expect(world.admin.post("/admin/scholarships/\(call.id)/assign", []).status == .seeOther)
        #expect(try world.audit("application.assign") == 12)
    }

    @Test func byHandNeverSomeoneOfTheApplicantsOrganization() throws {
        let fromCusco = try reviewer("rev1@example.org", city: cusco)
        let fromLima = try reviewer("rev2@example.org", city: lima)
        let (applicant, application) = try applyAsCusco()
        let refused = world.admin.post("/applications/\(application)/assign", [("reviewer_id", String(fromCusco))])
        #expect(refused.status == .conflict)
        #expect(refused.bodyText.contains("Esa persona es de la misma ciudad o entidad que quien solicita"))
        #expect(world.admin.post("/applications/\(application)/assign", [("reviewer_id", String(fromLima))]).status == .seeOther)
        #expect(try assigned(application) == [fromLima])
        #expect(try world.notices(applicant).first == "notice.scholarship.under_review")
        // Someone without the role on this call cannot be assigned either.
        let outsider = try world.official("fuera@example.org", city: quito)
        #expect(world.admin.post("/applications/\(application)/assign", [("reviewer_id", String(outsider))]).status == .conflict)
    }

    @Test func aDeclaredConflictPassesTheApplicationToSomeoneElse() throws {
        let first = try reviewer("rev1@example.org", city: lima)
        let second = try reviewer("rev2@example.org", city: quito)
        let (_, application) = try applyAsCusco()
        #expect(world.admin.post("/applications/\(application)/assign", [("reviewer_id", String(first))]).status == .seeOther)
        let browser = try world.browser(first)
        #expect(browser.get("/applications/\(application)/review").status == .ok)
        #expect(browser.post("/applications/\(application)/conflict", [("reason", "Trabajé con esa municipalidad.")]).status == .seeOther)
        #expect(try assigned(application) == [second])
        #expect(browser.get("/applications/\(application)/review").status == .notFound)
        #expect(!browser.get("/review").bodyText.contains("/applications/\(application)/review"))
        #expect(try world.browser(second).get("/review").bodyText.contains("/applications/\(application)/review"))
        #expect(try world.audit("application.conflict") == 1)
        let committee = world.admin.get("/applications/\(application)").bodyText
        #expect(committee.contains("Trabajé con esa municipalidad."))
        // Once someone has reviewed, a conflict is no longer declared: the committee is told instead.
        try world.review(call, application: application, reviewer: second, score: 4)
        #expect(try world.browser(second).post("/applications/\(application)/conflict", []).status == .conflict)
    }

    @Test func anAssignmentOrAConflictWithMistakesComesBackWithItsValues() throws {
        let rev = try reviewer("rev1@example.org", city: lima)
        let (_, application) = try applyAsCusco()
        let unchosen = world.admin.post("/applications/\(application)/assign", [("reviewer_id", "")])
        #expect(unchosen.status == .unprocessableContent)
        #expect(unchosen.bodyText.contains("Elija a la persona evaluadora."))
        #expect(unchosen.bodyText.contains("action=\"/applications/\(application)/assign\""))
        #expect(try assigned(application).isEmpty)
        #expect(world.admin.post("/applications/\(application)/assign", [("reviewer_id", String(rev))]).status == .seeOther)
        let reason = String(repeating: "Motivo largo. ", count: 80)
        let refused = try world.browser(rev).post("/applications/\(application)/conflict", [("reason", reason)])
        #expect(refused.status == .unprocessableContent)
        #expect(refused.bodyText.contains("El motivo no puede superar los 1000 caracteres."))
        #expect(refused.bodyText.contains("Motivo largo. Motivo largo."))
        #expect(try assigned(application) == [rev])
        #expect(try world.audit("application.conflict") == 0)
    }

    @Test func aBlindCallLeaksNoNameNorCityToItsReviewers() throws {
        let rev = try reviewer("rev1@example.org", city: lima)
        let (_, application) = try applyAsCusco()
        #expect(world.admin.post("/applications/\(application)/assign", [("reviewer_id", String(rev))]).status == .seeOther)
        let browser = try world.browser(rev)
        var pages = [browser.get("/review"), browser.get("/applications/\(application)/review"), browser.get("/applications/\(application)"),
                     browser.get("/notifications")]
        let documents = try world.db.query("SELECT id, filename FROM documents WHERE application_id = \(application)").map {
            "/documents/\(try $0["id"] as Int64)/\(try $0["filename"] as String)"
        }
        for document in documents { pages.append(browser.get(document)) }
        pages.append(browser.post("/applications/\(application)/review", [("comment", "")]))
        for page in pages {
            let text = page.bodyText + page.headers.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
            for secret in ["Ana", "Mamani", "Huamán", "Cusco", "ana@cusco.example"] {
                #expect(!text.contains(secret), "a reviewer's page shows “\(secret)”")
            }
        }
        #expect(try world.browser(rev).get("/applications/\(application)/review").bodyText.contains("Solicitud n.º \(application)"))
        // The committee sees who it is.
        #expect(world.admin.get("/applications/\(application)").bodyText.contains("Ana Mamani Huamán"))
    }

    @Test func staffOnlyDocumentsNeverReachAReviewer() throws {
        let rev = try reviewer("rev1@example.org", city: lima)
        let (applicant, application) = try applyAsCusco()
        #expect(world.admin.post("/applications/\(application)/assign", [("reviewer_id", String(rev))]).status == .seeOther)
        let endorsement = try #require(try world.db.query("""
            SELECT d.id, d.filename FROM application_documents ad JOIN documents d ON d.id = ad.document_id
            WHERE ad.application_id = \(application) AND ad.requirement_id = \(call.endorsement)
            """).first.map { "/documents/\(try $0["id"] as Int64)/\(try $0["filename"] as String)" })
        let browser = try world.browser(rev)
        let page = browser.get("/applications/\(application)/review").bodyText
        #expect(page.contains("Carta de motivación"))
        #expect(!page.contains("Aval de la ciudad"))
        #expect(!page.contains(endorsement))
        #expect(browser.get(endorsement).status == .notFound)
        #expect(try world.browser(applicant).get(endorsement).status == .ok)
        #expect(world.admin.get(endorsement).status == .ok)
        // Lists agree with the download: the reviewer's readable documents leave it out.
        let reader = try #require(try Sessions.load(world.db, token: try world.app.sessionCookie(for: rev), settings: world.app.app.settings))
        let readable = try DocumentQueries.fetchReadableDocuments(world.db, owners: [.application(application)], reader: reader).map(\.path)
        #expect(readable.count == 1 && !readable.contains(endorsement))
    }

    @Test func aReviewerSeesOthersScoresOnlyAfterTheirOwnAndEveryScoreIsAudited() throws {
        let first = try reviewer("rev1@example.org", city: lima)
        let second = try reviewer("rev2@example.org", city: quito)
        let (_, application) = try applyAsCusco()
        for rev in [first, second] { #expect(world.admin.post("/applications/\(application)/assign", [("reviewer_id", String(rev))]).status == .seeOther) }
        let browser = try world.browser(first)
        try world.review(call, application: application, reviewer: second, score: 1)
        #expect(browser.get("/applications/\(application)/review").bodyText.contains("Verá las puntuaciones de las demás personas evaluadoras cuando envíe la suya."))
        let refused = browser.post("/applications/\(application)/review", [("score_\(call.criteria[0])", "7"), ("comment", "")])
        #expect(refused.status == .unprocessableContent)
        #expect(refused.bodyText.contains("Elija una puntuación de 0 a 5."))
        let fields = [("score_\(call.criteria[0])", "5"), ("score_\(call.criteria[1])", "2"), ("comment", "Propuesta sólida.")]
        #expect(browser.post("/applications/\(application)/review", fields).status == .seeOther)
        let after = browser.get("/applications/\(application)/review").bodyText
        #expect(after.contains("Las otras evaluaciones"))
        #expect(after.contains("<strong>1,0</strong>"))
        // (5 × 2 + 2 × 1) / 3 = 4.0, averaged with 1.0: 2.5, a spread of 3.0.
        let ranking = world.admin.get("/admin/scholarships/\(call.id)").bodyText
        #expect(ranking.contains("2,5") && ranking.contains("3,0"))
        let log = world.admin.get("/admin/audit?action=application.review").bodyText
        #expect(log.contains("Puntuaciones: Pertinencia: 5; Trayectoria: 2; ponderada: 4.00."))
    }

    @Test func reviewersSeeOnlyTheirAssignments() throws {
        let first = try reviewer("rev1@example.org", city: lima)
        let second = try reviewer("rev2@example.org", city: quito)
        let (_, mine) = try applyAsCusco()
        let (_, theirs) = try applyAsCusco("luis@cusco.example", name: "Luis Condori")
        #expect(world.admin.post("/applications/\(mine)/assign", [("reviewer_id", String(first))]).status == .seeOther)
        #expect(world.admin.post("/applications/\(theirs)/assign", [("reviewer_id", String(second))]).status == .seeOther)
        let browser = try world.browser(first)
        let list = browser.get("/review").bodyText
        #expect(list.contains("/applications/\(mine)/review") && !list.contains("/applications/\(theirs)/review"))
        #expect(list.contains("0 de 1 evaluadas"))
        #expect(browser.get("/applications/\(theirs)/review").status == .notFound)
        #expect(browser.get("/applications/\(theirs)").status == .notFound)
        #expect(browser.post("/applications/\(theirs)/review", []).status == .notFound)
        // A reviewer whose role on the call is revoked loses the assignment's pages too.
        try world.db.execute("DELETE FROM role_grants WHERE user_id = \(first)")
        #expect(try world.browser(first).get("/applications/\(mine)/review").status == .notFound)
    }
}
