import Foundation
import Postgres
import Testing
import TestSupport

/// The promise of a certificate, in real browsers through nginx: the teaching team marks
/// a person completed, the person finds the certificate on their profile, and anyone they
/// hand the link to — signed out, on a phone — sees it valid, with a QR code a camera
/// reads back as the same address.
@Suite(.serialized, .browserEvidence) final class CertificateBrowserTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database)
    }

    deinit { stack.stop() }

    /// A finished edition the demo instructor teaches, with the demo mayor enrolled.
    func finishedEdition() throws -> (edition: Int64, enrollment: Int64) {
        let db = try database.connect()
        let edition: Int64 = try db.query("""
            INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at, enrollment_closes_at, capacity)
            SELECT id, 'Cohorte terminada', 'es', current_date - 60, current_date - 1, now() - interval '90 days', now() - interval '61 days', 20
            FROM courses WHERE title ILIKE 'Movilidad urbana sostenible%' RETURNING id
            """).first?["id"] ?? 0
        let enrollment: Int64 = try db.query("""
            INSERT INTO enrollments (edition_id, user_id, status)
            SELECT \(edition), id, 'enrolled' FROM users WHERE email = 'alcaldesa@campus.example' RETURNING id
            """).first?["id"] ?? 0
        try db.execute("""
            INSERT INTO role_grants (user_id, role, scope_kind, scope_id)
            SELECT id, 'instructor', 'edition', \(edition) FROM users WHERE email = 'instructora@campus.example'
            """)
        return (edition, enrollment)
    }

    @Test func aVisitorOpensTheLinkAndSeesAValidCertificate() throws {
        let (edition, enrollment) = try finishedEdition()
        let teacher = try Browser(name: "certificate-teacher", baseURL: stack.baseURL)
        try teacher.signIn("instructora@campus.example")
        try teacher.open("/editions/\(edition)/roster")
        try teacher.follow("form[action='/editions/\(edition)/enrollments/\(enrollment)/assess'] button[value='completed']")
        #expect(try teacher.text(".flash") == "Resultado guardado.")
        teacher.quit()

        let holder = try Browser(name: "certificate-holder", baseURL: stack.baseURL)
        try holder.signIn("alcaldesa@campus.example")
        try holder.open("/me")
        let link = try #require(try holder.attribute("#certificates a", "href"))
        holder.quit()
        let path = try #require(URLComponents(string: link)?.path)
        #expect(path.hasPrefix("/certificates/"))

        let visitor = try Browser(name: "certificate-visitor", baseURL: stack.baseURL)
        try visitor.open(path)
        #expect(try !visitor.exists(".user-menu a[href='/me']"))
        #expect(try visitor.text("h1") == "Certificado de finalización")
        #expect(try visitor.text("#status") == "Válido")
        #expect(try visitor.text(".certificate-holder") == "María Torres")
        #expect(try visitor.text(".certificate-claim").contains("Cohorte terminada"))
        let address = try visitor.text(".certificate-qr figcaption a")
        #expect(address.hasSuffix(path))

        // What a phone's camera reads from the code drawn on the page.
        let image = try TestEnvironment.temporaryDirectory("qr") + "/qr.png"
        try visitor.screenshot(of: "svg.qr-code", to: image)
        let decoded = try Subprocess.run("/usr/bin/zbarimg", ["--raw", "--quiet", "--nodbus", image])
        #expect(decoded.status == 0)
        #expect(decoded.output.trimmingCharacters(in: .whitespacesAndNewlines) == address)
        visitor.quit()
    }
}
