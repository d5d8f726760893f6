import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Files attached to courses and editions: uploaded by staff, checked by their bytes,
/// served only to those who may see what they are attached to.
@Suite struct DocumentTests {
    let app: TestApp
    let db: Connection
    let adminID: Int64
    /// The demo's flagship programme (published) and one of its editions.
    let programmeID: Int64
    let editionID: Int64

    init() throws {
        app = try TestApp()
        adminID = try app.createUser("boss@example.org", name: "Boss", roles: ["admin"])
        _ = app.signIn("boss@example.org")
        db = try app.connect()
        programmeID = try db.query("SELECT id FROM courses WHERE slug = 'programa-pensamiento-estrategico-urbano'").first?["id"] ?? 0
        editionID = try db.query("SELECT id FROM editions WHERE course_id = \(programmeID) ORDER BY id LIMIT 1").first?["id"] ?? 0
    }

    // MARK: - Helpers

    func upload(
        to path: String, _ bytes: [UInt8], filename: String = "programa.pdf", type: String = "application/pdf",
        title: String = "Programa 2027", csrf: String? = ""
    ) -> Response {
        app.postMultipart(path, [("document_title", title)], files: [.init(filename: filename, contentType: type, bytes: bytes)], csrf: csrf)
    }

    /// Uploads to the programme and returns the new document's id.
    func uploadToProgramme(_ bytes: [UInt8], filename: String = "programa.pdf", title: String = "Programa 2027") throws -> Int64 {
        let response = upload(to: "/admin/courses/\(programmeID)/documents", bytes, filename: filename, title: title)
        #expect(response.status == .seeOther)
        #expect(response.header("Location") == "/admin/courses/\(programmeID)#documents")
        return try #require(try db.query("SELECT max(id) AS id FROM documents").first?["id"])
    }

    /// A reader of the same application with a session of their own (or none).
    func reader(_ email: String? = nil, roles: [String] = []) throws -> TestApp {
        let browser = try TestApp(sharing: app)
        if let email {
            let id = try app.createUser(email, roles: roles)
            browser.cookies["campus_session"] = try app.sessionCookie(for: id)
        }
        return browser
    }

    func stored() throws -> [Int] {
        try ["documents", "document_contents", "audit_log"].map { table in
            try db.query("SELECT count(*)::int8 AS n FROM \(unsafeRaw: table)").first?["n"] ?? -1
        }
    }

    // MARK: - Upload and download

    @Test func anAdminUploadsASyllabusAndAVisitorDownloadsItExactly() throws {
        let pdf = SampleFiles.pdf()
        let id = try uploadToProgramme(pdf, filename: "Programa del curso (2027).PDF")
        let row = try #require(try db.query("""
            SELECT owner_kind, owner_id, uploaded_by, filename, title, media_type, size, encode(sha256, 'hex') AS sha
            FROM documents WHERE id = \(id)
            """).first)
        #expect(try row["owner_kind"] == "course")
        #expect(try row["owner_id"] == programmeID)
        #expect(try row["uploaded_by"] == adminID)
        #expect(try row["filename"] == "Programa del curso (2027).pdf")
        #expect(try row["media_type"] == "application/pdf")
        #expect(try row["size"] == pdf.count)
        let sha: String = try row["sha"]
        #expect(sha == Crypto.hex(Crypto.sha256(pdf)))
        let audit = try #require(try db.query("""
            SELECT actor_id, subject_kind, subject_id, details->>'document' AS document, details->>'sha256' AS sha
            FROM audit_log WHERE action = 'document.upload'
            """).first)
        #expect(try audit["actor_id"] == adminID)
        #expect(try audit["subject_kind"] == "course")
        #expect(try audit["subject_id"] == programmeID)
        #expect(try audit["document"] == String(id))
        #expect(try audit["sha"] == sha)

        let path = "/documents/\(id)/Programa%20del%20curso%20%282027%29.pdf"
        // Listed on the staff page, linked on the public one.
        let admin = app.get("/admin/courses/\(programmeID)").bodyText
        #expect(admin.contains("href=\"\(path)\""))
        #expect(admin.contains("id=\"documents\""))
        let course = try reader().get("/courses/programa-pensamiento-estrategico-urbano").bodyText
        #expect(course.contains("Programa del curso</h2>"))
        #expect(course.contains("<a href=\"\(path)\" download>Programa 2027</a>"))
        // The course's syllabus shows on its editions' pages too.
        #expect(try reader().get("/editions/\(editionID)").bodyText.contains("href=\"\(path)\""))

        let download = try reader().get(path)
        #expect(download.status == .ok)
        #expect(download.body == pdf)
        #expect(download.header("Content-Type") == "application/pdf")
        #expect(download.header("Content-Disposition")
            == "attachment; filename=\"Programa del curso (2027).pdf\"; filename*=UTF-8''Programa%20del%20curso%20%282027%29.pdf")
        #expect(download.header("Cache-Control")?.hasPrefix("private") == true)
        #expect(download.header("ETag") == "\"\(sha)\"")
        #expect(download.header("X-Content-Type-Options") == "nosniff")
        #expect(download.header("Content-Length") == String(pdf.count))
        #expect(download.header("Content-Security-Policy")?.contains("sandbox") == false)

        // The name in the path is only what a browser saves; the id decides.
        #expect(try reader().get("/documents/\(id)/anything.pdf").body == pdf)
        let head = try reader().send("HEAD", path)
        #expect(head.status == .ok)
        #expect(head.body.isEmpty)
        #expect(head.header("Content-Length") == String(pdf.count))
        #expect(head.header("ETag") == "\"\(sha)\"")
    }

    @Test func imagesAreShownSandboxedAndOfferALineForTheDescription() throws {
        let id = try uploadToProgramme(SampleFiles.png, filename: "mapa [red].png", title: "Mapa de la red *andina*")
        let image = try reader().get("/documents/\(id)/mapa%20%5Bred%5D.png")
        #expect(image.status == .ok)
        #expect(image.body == SampleFiles.png)
        #expect(image.header("Content-Type") == "image/png")
        #expect(image.header("Content-Security-Policy") == "sandbox")
        #expect(image.headers(named: "Content-Security-Policy").count == 1)
        #expect(image.header("Content-Disposition")?.hasPrefix("inline;") == true)
        #expect(image.header("X-Content-Type-Options") == "nosniff")
        #expect(image.header("Cache-Control")?.hasPrefix("private") == true)
        // The line to paste into a description, its text escaped for Markdown.
        let admin = app.get("/admin/courses/\(programmeID)").bodyText
        let snippet = "![Mapa de la red \\*andina\\*](/documents/\(id)/mapa%20%5Bred%5D.png)"
        #expect(admin.contains(snippet))
        // Pasted into a description, it is that image and nothing else.
        #expect(Markdown().render(snippet).description.trimmingWhitespace() == "<p><img src=\"/documents/\(id)/mapa%20%5Bred%5D.png\" alt=\"Mapa de la red *andina*\"></p>")
        // Images are not offered as the syllabus.
        #expect(!(try reader().get("/courses/programa-pensamiento-estrategico-urbano").bodyText.contains("/documents/\(id)/")))
    }

    @Test func anUnchangedFileIsNotSentAgain() throws {
        let id = try uploadToProgramme(SampleFiles.pdf())
        let first = try reader().get("/documents/\(id)/programa.pdf")
        let etag = try #require(first.header("ETag"))
        for header in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
            let again = try reader().get("/documents/\(id)/programa.pdf", headers: ["If-None-Match": header])
            #expect(again.status == .notModified, "\(header)")
            #expect(again.body.isEmpty)
            #expect(again.header("ETag") == etag)
            #expect(again.header("Cache-Control")?.hasPrefix("private") == true)
            #expect(again.header("Content-Length") == nil)
        }
        #expect(try reader().get("/documents/\(id)/programa.pdf", headers: ["If-None-Match": "\"stale\""]).status == .ok)
    }

    // MARK: - Who may read

    @Test func aDraftCoursesDocumentsAreForItsStaffOnly() throws {
        let courseDocument = try uploadToProgramme(SampleFiles.pdf())
        let edition = upload(to: "/admin/editions/\(editionID)/documents", SampleFiles.pdf("Edición"), filename: "calendario.pdf")
        #expect(edition.status == .seeOther)
        #expect(edition.header("Location") == "/admin/editions/\(editionID)#documents")
        let editionDocument: Int64 = try #require(try db.query("SELECT max(id) AS id FROM documents").first?["id"])
        try db.execute("UPDATE courses SET published = false WHERE id = \(programmeID)")
        let otherEdition: Int64 = try #require(try db.query("SELECT id FROM editions WHERE course_id <> \(programmeID) ORDER BY id LIMIT 1").first?["id"])

        let visitor = try reader()
        let learner = try reader("learner@example.org")
        let teacher = try reader("teacher@example.org", roles: ["instructor:edition=\(editionID)"])
        let otherTeacher = try reader("other@example.org", roles: ["instructor:edition=\(otherEdition)"])
        for document in [courseDocument, editionDocument] {
            let path = "/documents/\(document)/programa.pdf"
            #expect(visitor.get(path).status == .notFound)
            #expect(learner.get(path).status == .notFound)
            #expect(otherTeacher.get(path).status == .notFound)
            // Refused with the right tag too: a 304 would say the file exists.
            let etag = try #require(app.get(path).header("ETag"))
            #expect(learner.get(path, headers: ["If-None-Match": etag]).status == .notFound)
            #expect(app.get(path).status == .ok)
            #expect(teacher.get(path).status == .ok)
        }
        // The edition's page, which its teacher still sees, lists both.
        let page = teacher.get("/editions/\(editionID)").bodyText
        #expect(page.contains("/documents/\(courseDocument)/") && page.contains("/documents/\(editionDocument)/"))
    }

    @Test func missingAndMalformedIdsAreNotFoundAndBad() throws {
        #expect(app.get("/documents/999999/x.pdf").status == .notFound)
        #expect(app.get("/documents/abc/x.pdf").status == .badRequest)
    }

    // MARK: - Refused uploads

    @Test func aFileOverTheLimitIs422WithTheRestKeptAndNothingStored() throws {
        let before = try stored()
        let limit = app.app.settings.uploadMax
        #expect(limit == 8 << 20)
        let response = upload(to: "/admin/courses/\(programmeID)/documents", SampleFiles.pdf(size: limit + 1), title: "Programa <b>largo</b>")
        #expect(response.status == .unprocessableContent)
        let body = response.bodyText
        #expect(body.contains("id=\"file-error\""))
        #expect(body.contains("el máximo es 8 MB"))
        #expect(body.contains("name=\"document_title\" type=\"text\" value=\"Programa &lt;b&gt;largo&lt;/b&gt;\""))
        // The course's own form is there as stored.
        #expect(body.contains("value=\"programa-pensamiento-estrategico-urbano\""))
        #expect(try stored() == before)
        // Exactly at the limit is fine.
        #expect(upload(to: "/admin/courses/\(programmeID)/documents", SampleFiles.pdf(size: limit)).status == .seeOther)
    }

    /// The limit leaves room below the body limit for the rest of the form, so a file
    /// just under it gets the form's answer, not nginx's 413.
    @Test func theUploadLimitStaysBelowTheBodyLimit() throws {
        func settings(_ values: [String: String]) throws -> Settings {
            try Settings.fromEnvironment(["CAMPUS_HOME": TestEnvironment.home].merging(values) { $1 })
        }
        #expect(try settings([:]).uploadMax == 8 << 20)
        #expect(try settings(["CAMPUS_UPLOAD_MAX": "1048576"]).uploadMax == 1 << 20)
        #expect(try settings(["CAMPUS_BODY_LIMIT": "2097152"]).uploadMax == (2 << 20) - (64 << 10))
        #expect(throws: SettingsError.self) { try settings(["CAMPUS_UPLOAD_MAX": "10485760"]) }
        #expect(throws: SettingsError.self) { try settings(["CAMPUS_UPLOAD_MAX": "9999999999999", "CAMPUS_BODY_LIMIT": "4194304"]) }
        #expect(throws: SettingsError.self) { try settings(["CAMPUS_UPLOAD_MAX": "lots"]) }
    }

    @Test func whatTheBytesAreDecidesNotTheNameOrTheDeclaredType() throws {
        let before = try stored()
        let disguised: [(String, [UInt8])] = [
            ("programa.pdf", Array("<html><script>alert(1)</script></html>".utf8)),
            ("foto.png", Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8)),
            ("foto.jpg", Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0]),
        ]
        for (name, bytes) in disguised {
            let response = upload(to: "/admin/editions/\(editionID)/documents", bytes, filename: name, type: name.hasSuffix("pdf") ? "application/pdf" : "image/png")
            #expect(response.status == .unprocessableContent, "\(name)")
            #expect(response.bodyText.contains("Solo se admiten archivos PDF, PNG, JPEG y WebP"))
            #expect(response.bodyText.contains("value=\"Programa 2027\""))
        }
        let empty = app.postMultipart("/admin/courses/\(programmeID)/documents", [("document_title", "x")], files: [])
        #expect(empty.status == .unprocessableContent)
        #expect(empty.bodyText.contains("Elija un archivo."))
        #expect(try stored() == before)
        // A real PDF named like an image is stored as the PDF it is.
        let id = try uploadToProgramme(SampleFiles.pdf(), filename: "foto.png")
        #expect(try db.query("SELECT filename, media_type FROM documents WHERE id = \(id)").first.map { [try $0["filename"], try $0["media_type"]] as [String] }
            == ["foto.png.pdf", "application/pdf"])
    }

    @Test func withoutTheCSRFTokenNothingIsStored() throws {
        let learner = try reader("learner@example.org")
        let before = try stored()
        let response = upload(to: "/admin/courses/\(programmeID)/documents", SampleFiles.pdf(), csrf: nil)
        #expect(response.status == .forbidden)
        #expect(try stored() == before)
        let refused = learner.postMultipart(
            "/admin/courses/\(programmeID)/documents", [], files: [.init(filename: "a.pdf", contentType: "application/pdf", bytes: SampleFiles.pdf())])
        #expect(refused.status == .forbidden)
        #expect(try stored() == before)
        #expect(upload(to: "/admin/courses/999999/documents", SampleFiles.pdf()).status == .notFound)
        #expect(upload(to: "/admin/editions/999999/documents", SampleFiles.pdf()).status == .notFound)
    }

    @Test func theSameFileTwiceIsStoredOnce() throws {
        _ = try uploadToProgramme(SampleFiles.pdf())
        let again = upload(to: "/admin/courses/\(programmeID)/documents", SampleFiles.pdf())
        #expect(again.status == .seeOther)
        #expect(try db.query("SELECT count(*)::int8 AS n FROM documents WHERE owner_kind <> 'application'").first?["n"] == 1)
        #expect(try db.query("SELECT count(*)::int8 AS n FROM audit_log WHERE action = 'document.upload'").first?["n"] == 1)
    }

    // MARK: - Deleting

    @Test func deletingAsksFirstThenRemovesTheFileForEveryone() throws {
        let id = try uploadToProgramme(SampleFiles.pdf())
        let confirm = app.get("/admin/documents/\(id)/delete")
        #expect(confirm.status == .ok)
        #expect(confirm.bodyText.contains("action=\"/admin/documents/\(id)/delete\""))
        #expect(confirm.bodyText.contains("«programa.pdf»"))
        #expect(try reader("learner@example.org").post("/admin/documents/\(id)/delete", []).status == .forbidden)
        let deleted = app.post("/admin/documents/\(id)/delete", [])
        #expect(deleted.status == .seeOther)
        #expect(deleted.header("Location") == "/admin/courses/\(programmeID)#documents")
        #expect(app.get("/documents/\(id)/programa.pdf").status == .notFound)
        #expect(try db.query("SELECT count(*)::int8 AS n FROM document_contents WHERE document_id = \(id)").first?["n"] == 0)
        let audit = try #require(try db.query("""
            SELECT actor_id, subject_id, details->>'filename' AS filename FROM audit_log WHERE action = 'document.delete'
            """).first)
        #expect(try audit["actor_id"] == adminID)
        #expect(try audit["subject_id"] == programmeID)
        #expect(try audit["filename"] == "programa.pdf")
        #expect(!app.get("/admin/courses/\(programmeID)").bodyText.contains("/documents/\(id)/"))
        #expect(app.post("/admin/documents/\(id)/delete", []).status == .notFound)
        #expect(app.get("/admin/documents/\(id)/delete").status == .notFound)
    }

    @Test func namesAndTitlesAreEscapedEverywhere() throws {
        let id = try uploadToProgramme(SampleFiles.pdf(), filename: "<script>alert(1)<\\script>.pdf", title: "<script>alert(2)</script>")
        let pages = [
            app.get("/admin/courses/\(programmeID)").bodyText,
            try reader().get("/courses/programa-pensamiento-estrategico-urbano").bodyText,
            app.get("/admin/documents/\(id)/delete").bodyText,
        ]
        for page in pages {
            #expect(!page.contains("<script>"))
        }
        #expect(pages[1].contains("&lt;script&gt;alert(2)&lt;/script&gt;"))
    }
}
