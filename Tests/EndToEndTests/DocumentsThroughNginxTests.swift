import Foundation
import Postgres
import Testing
import TestSupport

/// Documents as they travel for real: a browser's multipart upload through nginx to the
/// responder and PostgreSQL, and the download back, with nginx's own body limit in front.
@Suite(.serialized) final class DocumentsThroughNginxTests {
    let database: TestDatabase
    let stack: Stack
    let db: Connection
    let programmeID: Int64

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database)
        db = try database.connect()
        programmeID = try db.query("SELECT id FROM courses WHERE slug = 'programa-pensamiento-estrategico-urbano'").first?["id"] ?? 0
    }

    deinit { stack.stop() }

    func signedIn(_ email: String) throws -> HTTPClient {
        let client = stack.client()
        let login = try client.get("/login")
        let response = try client.post("/login", form: [("_csrf", try #require(login.csrfToken)), ("email", email), ("password", "campus-demo-2026")])
        #expect(response.status == 303, "signing in as \(email)")
        return client
    }

    /// Posts the upload form of the programme's staff page, as its page gives it.
    func upload(_ client: HTTPClient, _ bytes: [UInt8], filename: String = "programa.pdf", title: String = "Programa") throws -> HTTPResponse {
        let page = try client.get("/admin/courses/\(programmeID)")
        let token = try #require(page.csrfToken)
        return try client.postMultipart(
            "/admin/courses/\(programmeID)/documents", fields: [("_csrf", token), ("document_title", title)],
            files: [.init(filename: filename, contentType: "application/pdf", bytes: bytes)])
    }

    func documentCount() throws -> Int {
        try db.query("SELECT count(*)::int8 AS n FROM documents").first?["n"] ?? -1
    }

    @Test func aSyllabusGoesUpAndComesDownOnlyToThoseAllowed() throws {
        let admin = try signedIn("admin@campus.example")
        let pdf = SampleFiles.pdf("Programa completo", size: 300_000)
        let uploaded = try upload(admin, pdf, filename: "Programa del curso.pdf")
        #expect(uploaded.status == 303)
        #expect(uploaded.header("Location") == "/admin/courses/\(programmeID)#documents")
        let id: Int64 = try #require(try db.query("SELECT max(id) AS id FROM documents").first?["id"])
        let path = "/documents/\(id)/Programa%20del%20curso.pdf"
        #expect(try stack.client().get("/courses/programa-pensamiento-estrategico-urbano").text.contains("href=\"\(path)\""))

        let visitor = try stack.client().get(path)
        #expect(visitor.status == 200)
        #expect(visitor.body == pdf)
        #expect(visitor.header("Content-Type") == "application/pdf")
        #expect(visitor.header("Content-Disposition")?.hasPrefix("attachment; filename=\"Programa del curso.pdf\"") == true)
        #expect(visitor.header("Cache-Control")?.hasPrefix("private") == true)
        #expect(visitor.header("X-Content-Type-Options") == "nosniff")
        let etag = try #require(visitor.header("ETag"))
        let cached = try stack.client().get(path, headers: [("If-None-Match", etag)])
        #expect(cached.status == 304)
        #expect(cached.body.isEmpty)

        // Back to draft: the syllabus goes with the page.
        try db.execute("UPDATE courses SET published = false WHERE id = \(programmeID)")
        #expect(try stack.client().get(path).status == 404)
        let learner = try signedIn("alcaldesa@campus.example")
        #expect(try learner.get(path).status == 404)
        #expect(try learner.get(path, headers: [("If-None-Match", etag)]).status == 404)
        let staff = try admin.get(path)
        #expect(staff.status == 200)
        #expect(staff.body == pdf)
        try db.execute("UPDATE courses SET published = true WHERE id = \(programmeID)")
    }

    @Test func aFileOverTheLimitIs422AndABodyOverNginxsIs413() throws {
        let admin = try signedIn("admin@campus.example")
        let before = try documentCount()
        // 9.9 MB: under nginx's 10 MiB, over CAMPUS_UPLOAD_MAX's 8 MiB.
        let large = try upload(admin, SampleFiles.pdf(size: 9_900_000), title: "Programa ampliado")
        #expect(large.status == 422)
        #expect(large.text.contains("el máximo es 8 MB"))
        #expect(large.text.contains("value=\"Programa ampliado\""))
        #expect(try documentCount() == before)
        // Over nginx's limit, nginx answers before the responder hears of it.
        let huge = try upload(admin, SampleFiles.pdf(size: (10 << 20) + 1024))
        #expect(huge.status == 413)
        #expect(huge.text.contains("demasiado grande"))
        #expect(try documentCount() == before)
        #expect(!stack.responderLog.contains(" 413 "))
    }

    /// The body arrives once into memory, the file is a slice of it, and PostgreSQL gets
    /// it in binary: taking an 8 MB upload, and serving it back, each add less than four
    /// times the file to the responder's peak memory (hex text and copies took ten).
    @Test func theResponderStaysSmallWhileTakingAnEightMegabyteUpload() throws {
        let admin = try signedIn("admin@campus.example")
        let pid = try #require(stack.responder?.pid)
        let size = 8 << 20
        let pdf = SampleFiles.pdf("Programa grande", size: size)
        // From here: signing in hashed a password with Argon2id, which takes 64 MiB for a moment.
        try ProcessMemory.resetPeak(of: pid)
        var before = try #require(ProcessMemory.resident(of: pid))
        #expect(try upload(admin, pdf).status == 303)
        let uploading = try #require(ProcessMemory.peak(of: pid))
        #expect(uploading - before < 4 * size, "uploading took the responder from \(before) to \(uploading) bytes")
        #expect(uploading < (64 << 20) + 4 * size)

        let id: Int64 = try #require(try db.query("SELECT max(id) AS id FROM documents").first?["id"])
        try ProcessMemory.resetPeak(of: pid)
        before = try #require(ProcessMemory.resident(of: pid))
        #expect(try stack.client().get("/documents/\(id)/programa.pdf").body == pdf)
        let serving = try #require(ProcessMemory.peak(of: pid))
        #expect(serving - before < 4 * size, "serving took the responder from \(before) to \(serving) bytes")
    }
}
