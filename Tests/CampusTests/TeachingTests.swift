import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Instructors find what they teach: a home listing their editions with the requests to
/// decide, links to it from the navigation and /me, and their own edition speaking to them
/// as its teacher.
@Suite struct TeachingTests {
    let app: TestApp
    let editions: EditionMaker
    let db: Connection

    init() throws {
        app = try TestApp()
        db = try app.connect()
        editions = EditionMaker(db: db)
    }

    func request(_ email: String, edition: Int64) throws {
        let learner = try app.browser(signedInAs: try app.createUser(email))
        #expect(learner.post("/editions/\(edition)/enroll", []).status == .seeOther)
    }

    @Test func theTeachingHomeListsCurrentAndComingEditionsBeforePastOnes() throws {
        let past = try editions.make(opensInHours: -24 * 90, closesInHours: -24 * 80, startsInDays: -70, lengthInDays: 30, name: "Edición pasada")
        let later = try editions.make(admission: "approval", startsInDays: 60, name: "Edición tardía")
        let sooner = try editions.make(admission: "approval", startsInDays: 20, name: "Edición próxima")
        let notMine = try editions.make(name: "Edición ajena")
        let teacherID = try app.createUser("docente@example.org", roles: ["instructor:edition=\(past)", "instructor:edition=\(later)", "instructor:edition=\(sooner)"])
        try request("uno@example.org", edition: sooner)
        try request("dos@example.org", edition: sooner)
        try request("tres@example.org", edition: later)
        let teacher = try app.browser(signedInAs: teacherID)

        let page = teacher.get("/teaching")
        #expect(page.status == .ok)
        let text = page.bodyText
        let order = ["Edición próxima", "Edición tardía", "Ya terminadas", "Edición pasada"].map { text.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(!text.contains("Edición ajena"))
        _ = notMine
        // Pending requests are counted, in the right plural, one click from deciding them.
        #expect(text.contains("href=\"/editions/\(sooner)/roster#pending\">Revisar 2 solicitudes pendientes</a>"))
        #expect(text.contains("href=\"/editions/\(later)/roster#pending\">Revisar 1 solicitud pendiente</a>"))
        #expect(text.contains("href=\"/editions/\(past)/roster\""))
        #expect(text.contains("0 de 10 plazas ocupadas"))
    }

    @Test func instructorsFindItFromTheNavigationAndTheirProfile() throws {
        let edition = try editions.make()
        let teacher = try app.browser(signedInAs: try app.createUser("docente@example.org", roles: ["instructor:edition=\(edition)"]))
        let home = teacher.get("/").bodyText
        #expect(home.contains("<a href=\"/teaching\">Mi docencia</a>"))
        let me = teacher.get("/me").bodyText
        #expect(me.contains("Forma parte del equipo docente de 1 edición."))
        #expect(me.contains("href=\"/teaching\""))
        // Learners see neither, and the page tells them what it is for.
        let learner = try app.browser(signedInAs: try app.createUser("alumna@example.org"))
        #expect(!learner.get("/").bodyText.contains("href=\"/teaching\""))
        #expect(!learner.get("/me").bodyText.contains("href=\"/teaching\""))
        let refused = learner.get("/teaching")
        #expect(refused.status == .forbidden)
        #expect(refused.bodyText.contains("Esta página es para el equipo docente"))
    }

    @Test func anAdminWhoTeachesNothingIsPointedToTheCourses() throws {
        let admin = try app.browser(signedInAs: try app.createUser("jefa@example.org", roles: ["admin"]))
        let page = admin.get("/teaching").bodyText
        #expect(page.contains("Todavía no forma parte del equipo docente de ninguna edición."))
        #expect(page.contains("href=\"/admin/courses\""))
        #expect(!admin.get("/").bodyText.contains("href=\"/teaching\""))
    }

    @Test func theirOwnEditionSpeaksToThemAsItsTeacher() throws {
        let edition = try editions.make(admission: "approval")
        try request("pide@example.org", edition: edition)
        let teacher = try app.browser(signedInAs: try app.createUser("docente@example.org", roles: ["instructor:edition=\(edition)"]))
        let page = teacher.get("/editions/\(edition)").bodyText
        #expect(page.contains("Usted enseña en esta edición"))
        #expect(!page.contains("Su plaza"))
        #expect(!page.contains("action=\"/editions/\(edition)/enroll\""))
        #expect(page.contains("href=\"/editions/\(edition)/roster\""))
        #expect(page.contains("Revisar 1 solicitud pendiente"))
        // Everyone else still sees their place.
        let learner = try app.browser(signedInAs: try app.createUser("alumna@example.org"))
        #expect(learner.get("/editions/\(edition)").bodyText.contains("Su plaza"))
    }
}
