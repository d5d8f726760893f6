import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Members-only editions say who may enroll, and why not, before the click; the POST
/// that the page no longer offers answers 409 with the same words.
@Suite struct EligibilityTests {
    let app: TestApp
    let editions: EditionMaker
    let db: Connection

    init() throws {
        app = try TestApp()
        db = try app.connect()
        editions = EditionMaker(db: db)
    }

    /// A verified official of `city` (nil: none chosen), signed in on a browser of their own.
    func official(_ email: String, city: String?, confirmed: Bool = false, rejected: Bool = false) throws -> TestApp {
        let id = try app.createUser(email)
        if let city {
            try db.execute("""
                UPDATE users SET organization_id = (SELECT id FROM organizations WHERE name = \(city)),
                       affiliation_confirmed_at = CASE WHEN \(confirmed) THEN now() END,
                       affiliation_rejected_at = CASE WHEN \(rejected) THEN now() END
                WHERE id = \(id)
                """)
        }
        return try app.browser(signedInAs: id)
    }

    /// The page says `reason` instead of offering the button; the POST says it too, with 409.
    func expectRefusal(_ browser: TestApp, edition: Int64, _ reason: String, profileLink: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
        let page = browser.get("/editions/\(edition)").bodyText
        #expect(page.contains(reason), sourceLocation: sourceLocation)
        #expect(!page.contains("action=\"/editions/\(edition)/enroll\""), sourceLocation: sourceLocation)
        #expect(page.contains(">Ir a mi perfil</a>") == profileLink, sourceLocation: sourceLocation)
        let refused = browser.post("/editions/\(edition)/enroll", [])
        #expect(refused.status == .conflict, sourceLocation: sourceLocation)
        #expect(refused.bodyText.contains(reason), sourceLocation: sourceLocation)
        #expect(refused.bodyText.contains(">Ir a mi perfil</a>") == profileLink, sourceLocation: sourceLocation)
    }

    @Test func noCityChosen() throws {
        let edition = try editions.make(admission: "members")
        let browser = try official("sin-ciudad@example.org", city: nil)
        expectRefusal(browser, edition: edition, "su perfil no indica ninguna ciudad", profileLink: true)
    }

    @Test func anAffiliationAwaitingConfirmationIsNamed() throws {
        let edition = try editions.make(admission: "members")
        // The email is not on Bogotá's domains, and no one has confirmed it yet.
        let browser = try official("espera@example.org", city: "Bogotá")
        expectRefusal(browser, edition: edition, "Su vínculo con Bogotá aún espera la confirmación del equipo de la red", profileLink: true)
        // Not the advice to name a city, which this person already did.
        #expect(!browser.post("/editions/\(edition)/enroll", []).bodyText.contains("indíquelo en su perfil"))
    }

    @Test func aRejectedAffiliationSaysSo() throws {
        let edition = try editions.make(admission: "members")
        let browser = try official("rechazo@example.org", city: "Bogotá", rejected: true)
        expectRefusal(browser, edition: edition, "no pudo confirmar su vínculo con Bogotá", profileLink: true)
    }

    @Test func aLapsedMembershipIsNotTheReadersToFix() throws {
        let edition = try editions.make(admission: "members")
        let browser = try official("lapaz@example.org", city: "La Paz", confirmed: true)
        expectRefusal(browser, edition: edition, "la membresía de La Paz no está activa en este momento", profileLink: false)
    }

    @Test func aConfirmedOfficialOfAnActiveCityIsOfferedTheButton() throws {
        let edition = try editions.make(admission: "members")
        // Confirmed by the verified email's domain, with no one's action.
        let browser = try official("ana@bogota.gov.co", city: "Bogotá")
        let page = browser.get("/editions/\(edition)").bodyText
        #expect(page.contains("action=\"/editions/\(edition)/enroll\""))
        #expect(!page.contains("reservada a personas de ciudades socias"))
        #expect(browser.post("/editions/\(edition)/enroll", []).status == .seeOther)
        #expect(try editions.statuses(edition)["ana@bogota.gov.co"] == "enrolled")
    }

    @Test func openEditionsAskNothingOfTheAffiliation() throws {
        let edition = try editions.make(admission: "approval")
        let browser = try official("cualquiera@example.org", city: nil)
        #expect(browser.get("/editions/\(edition)").bodyText.contains("action=\"/editions/\(edition)/enroll\""))
    }

    @Test func theWindowComesFirstAndIsSaidTheSameWay() throws {
        let edition = try editions.make(admission: "members", opensInHours: 48, closesInHours: 96)
        let browser = try official("pronto@example.org", city: nil)
        let page = browser.get("/editions/\(edition)").bodyText
        #expect(page.contains("La inscripción se abre el"))
        #expect(!page.contains("su perfil no indica ninguna ciudad"))
        let refused = browser.post("/editions/\(edition)/enroll", [])
        #expect(refused.status == .conflict)
        #expect(refused.bodyText.contains("La inscripción se abre el"))
    }

    @Test func refusalsAreEscaped() throws {
        try db.execute("UPDATE organizations SET name = '<b>Ciudad</b>' WHERE name = 'Quito'")
        let edition = try editions.make(admission: "members")
        let browser = try official("escape@example.org", city: "<b>Ciudad</b>")
        let page = browser.get("/editions/\(edition)").bodyText
        #expect(page.contains("&lt;b&gt;Ciudad&lt;/b&gt;"))
        #expect(!page.contains("<b>Ciudad</b>"))
    }
}
