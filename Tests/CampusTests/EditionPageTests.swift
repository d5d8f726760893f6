import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// An edition's page in words people read right: when the window closes, what a fee
/// means, which sessions are over.
@Suite struct EditionPageTests {
    let app: TestApp
    let editions: EditionMaker
    let db: Connection

    init() throws {
        app = try TestApp()
        db = try app.connect()
        editions = EditionMaker(db: db)
    }

    func reader(in zone: String) throws -> TestApp {
        let id = try app.createUser("lectora-\(Int.random(in: 1...1_000_000))@example.org")
        try db.execute("UPDATE users SET time_zone = \(zone) WHERE id = \(id)")
        return try app.browser(signedInAs: id)
    }

    @Test func theWindowSaysUntilWhenInTheReadersZoneNamed() throws {
        let edition = try editions.make()
        // Midnight starting 9 January 2099 in Bogotá: people read it as the end of the 8th.
        try db.execute("UPDATE editions SET enrollment_closes_at = '2099-01-09 00:00-05' WHERE id = \(edition)")
        let bogota = try reader(in: "America/Bogota").get("/editions/\(edition)").bodyText
        #expect(bogota.contains("Abierta hasta el 8 de enero de 2099, 23:59 (America/Bogota)"))
        let madrid = try reader(in: "Europe/Madrid").get("/editions/\(edition)", headers: ["accept-language": "en"]).bodyText
        #expect(madrid.contains("Open until 9 January 2099, 06:00 (Europe/Madrid)"))
        // A visitor's zone is unknown: the page says which one it uses.
        #expect(app.get("/editions/\(edition)").bodyText.contains("Abierta hasta el 9 de enero de 2099, 05:00 (UTC)"))
        // The course page words it the same way.
        let slug: String = try db.query("SELECT c.slug FROM courses c JOIN editions e ON e.course_id = c.id WHERE e.id = \(edition)").first?["slug"] ?? ""
        #expect(app.get("/courses/\(slug)").bodyText.contains("Abierta hasta el 9 de enero de 2099, 05:00 (UTC)"))
    }

    @Test func closedAndComingWindowsAreWordedForWhereTheyAre() throws {
        let closed = try editions.make(opensInHours: -96, closesInHours: -1)
        try db.execute("UPDATE editions SET enrollment_opens_at = '2020-01-01 00:00Z', enrollment_closes_at = '2021-03-04 18:30Z' WHERE id = \(closed)")
        let page = app.get("/editions/\(closed)").bodyText
        #expect(page.contains("Cerró el 4 de marzo de 2021, 18:30 (UTC)"))
        #expect(page.contains("La inscripción cerró el 4 de marzo de 2021, 18:30 (UTC)."))
        let coming = try editions.make(opensInHours: 48, closesInHours: 96)
        try db.execute("UPDATE editions SET enrollment_opens_at = '2098-12-01 14:00Z', enrollment_closes_at = '2099-01-01 00:00Z' WHERE id = \(coming)")
        #expect(app.get("/editions/\(coming)").bodyText.contains("Se abre el 1 de diciembre de 2098, 14:00 y cierra el 31 de diciembre de 2098, 23:59 (UTC)"))
    }

    @Test func thisYearsDatesLeaveOutTheYear() throws {
        let t = app.app.localizer(.es)
        let zone = try #require(TimeZone(identifier: "America/Bogota"))
        let deadline = Date(timeIntervalSince1970: 1_799_470_800)  // 2027-01-09 05:00 UTC, midnight in Bogotá
        let now = Date(timeIntervalSince1970: 1_798_848_000)  // 2027-01-02 00:00 UTC
        #expect(WindowText.moment(deadline, t: t, zone: zone, deadline: true, named: true, now: now) == "8 de enero, 23:59 (America/Bogota)")
        #expect(WindowText.moment(deadline, t: t, zone: zone, now: now) == "9 de enero, 00:00")
        #expect(WindowText.moment(deadline, t: app.app.localizer(.en), zone: zone, deadline: true, now: now) == "8 January, 23:59")
        #expect(WindowText.moment(deadline, t: t, zone: .gmt, deadline: true, named: true, now: now) == "9 de enero, 05:00 (UTC)")
    }

    @Test func aFeeSaysWhatItMeansAndHowPaymentIsArranged() throws {
        let paid = try editions.make(fee: 450)
        let page = app.get("/editions/\(paid)").bodyText
        #expect(page.contains("Pedir plaza no obliga a pagar: la matrícula se abona solo si el equipo docente acepta su solicitud"))
        #expect(page.contains("instrucciones de pago"))
        #expect(app.get("/editions/\(paid)", headers: ["accept-language": "fr"]).bodyText.contains("instructions de paiement"))
        let free = try editions.make()
        #expect(!app.get("/editions/\(free)").bodyText.contains("instrucciones de pago"))
    }

    @Test func pastSessionsAreMarkedPast() throws {
        let edition = try editions.make(opensInHours: -24 * 30, closesInHours: 24, startsInDays: -10, lengthInDays: 40)
        try db.execute("""
            INSERT INTO edition_sessions (edition_id, kind, title, starts_at, time_zone, place) VALUES
            (\(edition), 'master_class', 'Clase ya dada', now() - interval '3 days', 'UTC', 'Sala 1'),
            (\(edition), 'expert_dialogue', 'Diálogo por venir', now() + interval '3 days', 'UTC', 'Sala 2')
            """)
        let page = app.get("/editions/\(edition)").bodyText
        let past = try #require(page.range(of: "<strong>Clase ya dada</strong>"))
        let coming = try #require(page.range(of: "<strong>Diálogo por venir</strong>"))
        #expect(page[past.upperBound...].hasPrefix(" <span class=\"state state-finished\">Ya se celebró</span>"))
        #expect(!page[coming.upperBound...].hasPrefix(" <span class=\"state"))
    }
}
