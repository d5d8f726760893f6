import Foundation
import Postgres
import Testing
import TestSupport

/// The whole path — client → nginx → campus serve → PostgreSQL — with real processes.
@Suite(.serialized) final class ThroughNginxTests {
    let stack: Stack

    init() throws {
        stack = try Stack(database: try TestDatabase(.demo))
    }

    deinit { stack.stop() }

    @Test func theCatalogShowsTheSeededCourses() throws {
        let page = try stack.client().get("/courses")
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.text.contains("Programa de Especialización en Pensamiento Estratégico Urbano"))
        #expect(page.text.contains("Ciudades hexagonales"))
        let course = try stack.client().get("/courses/programa-pensamiento-estrategico-urbano")
        #expect(course.status == 200)
        #expect(course.text.contains("Durango"))
    }

    @Test func aTwentyMegabyteBodyIsTooLarge() throws {
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: 20 << 20)
        let response = try stack.client().send("POST", "/locale", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: body)
        #expect(response.status == 413)
        // nginx's own page, with the same protective headers as the responder's.
        #expect(response.text.contains("demasiado grande"))
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        #expect(response.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
    }

    @Test func brokenMultipartIsABadRequest() throws {
        let response = try stack.client().send(
            "POST", "/locale", headers: [("Content-Type", "multipart/form-data; boundary=XX")],
            body: Array("--XX\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\npt".utf8))
        #expect(response.status == 400)
        #expect(response.text.contains("Solicitud no válida"))
    }

    @Test func invalidUTF8InAFormIsABadRequest() throws {
        let response = try stack.client().send(
            "POST", "/locale", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: [0x6C, 0x61, 0x6E, 0x67, 0x3D, 0xC3, 0x28])
        #expect(response.status == 400)
        let escaped = try stack.client().post("/locale", form: [("lang", "pt")], headers: [])
        #expect(escaped.status == 403)
        let percentEncoded = try stack.client().send(
            "POST", "/locale", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array("lang=%C3%28".utf8))
        #expect(percentEncoded.status == 400)
    }

    @Test func unknownPathsAndWrongMethods() throws {
        #expect(try stack.client().get("/nowhere").status == 404)
        #expect(try stack.client().get("/courses/%FF").status == 400)
        let wrong = try stack.client().send("DELETE", "/courses")
        #expect(wrong.status == 405)
        #expect(wrong.header("Allow") == "GET, HEAD")
        let head = try stack.client().send("HEAD", "/courses")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
    }

    @Test func everyResponseHasARequestIDAndSecurityHeaders() throws {
        let first = try stack.client().get("/")
        let second = try stack.client().get("/")
        let id = try #require(first.header("X-Request-Id"))
        #expect(id.count == 32)
        #expect(id != second.header("X-Request-Id"))
        // nginx's $request_id reaches the responder's log.
        #expect(stack.responderLog.contains("\(id) GET / 200"))
        #expect(first.header("Content-Security-Policy")?.contains("object-src 'none'") == true)
    }

    @Test func staticFilesAreCachedCompressedAndSafe() throws {
        let css = try stack.client().get("/static/campus.css", headers: [("Accept-Encoding", "gzip")])
        #expect(css.status == 200)
        #expect(css.header("Content-Encoding") == "gzip")
        #expect(css.header("Cache-Control")?.contains("immutable") == true)
        #expect(css.header("X-Content-Type-Options") == "nosniff")
        #expect(css.header("Content-Security-Policy") != nil)
        #expect(try stack.client().get("/static/no-such-file.css").status == 404)
    }

    @Test func theCatalogPageFitsTheWeightBudget() throws {
        let client = stack.client()
        let page = try client.get("/courses", headers: [("Accept-Encoding", "gzip")])
        let css = try client.get("/static/campus.css", headers: [("Accept-Encoding", "gzip")])
        let favicon = try client.get("/static/favicon.svg", headers: [("Accept-Encoding", "gzip")])
        #expect(page.status == 200 && css.status == 200 && favicon.status == 200)
        let total = page.body.count + css.body.count + favicon.body.count
        #expect(total < 60 * 1024, "catalog page with its CSS weighs \(total) bytes")
    }

    @Test func switchingLanguageWorksWithCookiesAndToken() throws {
        let client = stack.client()
        let home = try client.get("/")
        let token = try #require(home.csrfToken)
        let switched = try client.post("/locale", form: [("_csrf", token), ("lang", "fr"), ("next", "/courses")],
                                       headers: [("Origin", stack.baseURL)])
        #expect(switched.status == 303)
        #expect(switched.header("Location") == "/courses")
        let page = try client.get("/courses")
        #expect(page.text.contains("<html lang=\"fr\">"))
        #expect(page.text.contains("Catalogue des formations"))
    }

    @Test func nginxAnswersWhileTheResponderIsDownAndRecovers() throws {
        #expect(stack.stopResponder() == 0)
        let down = try stack.client().get("/courses")
        #expect(down.status == 502)
        #expect(down.text.contains("Campus"))
        #expect(down.header("X-Content-Type-Options") == "nosniff")
        try stack.startResponder()
        #expect(try stack.client().get("/courses").status == 200)
    }
}
