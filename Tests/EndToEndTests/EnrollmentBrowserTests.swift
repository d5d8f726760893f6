import Foundation
import Postgres
import Testing
import TestSupport

/// The first job people come for, in a real browser on a phone: find a course in plain
/// words, get a seat, see it on the profile, give it back.
@Suite(.serialized, .browserEvidence) final class EnrollmentBrowserTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database)
    }

    deinit { stack.stop() }

    @Test func anOfficialFindsACourseEnrollsAndWithdraws() throws {
        // An edition with room, open now, of the sustainable-mobility course.
        try database.connect().execute("""
            INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at, enrollment_closes_at, capacity)
            SELECT id, 'Cohorte abierta de prueba', 'es', current_date + 30, current_date + 80, now() - interval '1 day', now() + interval '20 days', 25
            FROM courses WHERE title ILIKE 'Movilidad urbana sostenible%'
            """)
        let browser = try Browser(baseURL: stack.baseURL)
        try browser.open("/login")
        try browser.fill("#email", "alcaldesa@campus.example")
        try browser.fill("#password", "campus-demo-2026")
        try browser.submit("form.form")

        try browser.open("/courses")
        try browser.fill("#q", "movilidad sostenible")
        try browser.submit("form.filters")
        #expect(try browser.path.hasPrefix("/courses?q=movilidad+sostenible"))
        #expect(try browser.text(".card h2 a").hasPrefix("Movilidad urbana sostenible"))
        try browser.follow(".card h2 a")
        let editionID: Int64 = try database.connect().query("SELECT id FROM editions WHERE name = 'Cohorte abierta de prueba'").first?["id"] ?? 0
        try browser.follow(".edition-list h3 a[href='/editions/\(editionID)']")
        #expect(try browser.text("h1").contains("Cohorte abierta de prueba"))
        #expect(try browser.text(".state").contains("Inscripción abierta"))
        try browser.submit("#enrollment-title + form")
        #expect(try browser.text(".flash") == "¡Listo! Tiene plaza en esta edición.")
        #expect(try browser.pageSource().contains("Inscripción confirmada."))

        try browser.follow(".user-menu a[href='/me']")
        #expect(try browser.text("#enrollments-title") == "Mis inscripciones")
        #expect(try browser.pageSource().contains("Cohorte abierta de prueba"))

        // Leaving asks first, on a page of its own; going back changes nothing.
        try browser.open("/editions/\(editionID)")
        try browser.follow("a[href='/editions/\(editionID)/withdraw']")
        #expect(try browser.text("h1") == "¿Retirarse de Cohorte abierta de prueba?")
        #expect(try browser.text("main").contains("Dejará su plaza."))
        try browser.follow("main a.button.secondary")
        #expect(try browser.path == "/editions/\(editionID)")
        #expect(try browser.pageSource().contains("Inscripción confirmada."))
        try browser.follow("a[href='/editions/\(editionID)/withdraw']")
        try browser.follow("form[action$='/withdraw'] button")
        #expect(try browser.text(".flash") == "Se retiró de la edición.")
        #expect(try browser.exists("form[action$='/enroll']"))
        let status: String? = try database.connect().query("""
            SELECT x.status FROM enrollments x JOIN users u ON u.id = x.user_id
            WHERE u.email = 'alcaldesa@campus.example' AND x.edition_id = \(editionID)
            """).first?["status"]
        #expect(status == "withdrawn")
    }
}
