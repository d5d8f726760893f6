import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The request pipeline every route goes through: statuses, error pages in the
/// reader's language, headers, CSRF.
@Suite struct PipelineTests {
    let app: TestApp

    init() throws { app = try TestApp() }

    @Test func unknownPathsAreNotFoundInTheReadersLanguage() {
        let spanish = app.get("/no-such-page")
        #expect(spanish.status == .notFound)
        #expect(spanish.bodyText.contains("Página no encontrada"))
        let french = app.get("/no-such-page", headers: ["accept-language": "fr-FR,fr;q=0.9"])
        #expect(french.bodyText.contains("Page introuvable"))
        #expect(french.bodyText.contains("<html lang=\"fr\">"))
    }

    @Test func wrongMethodsAreRefusedWithAllow() {
        let response = app.send("DELETE", "/courses")
        #expect(response.status == .methodNotAllowed)
        #expect(response.header("Allow") == "GET, HEAD")
    }

    @Test func headAnswersLikeGetWithoutABody() {
        let get = app.get("/courses")
        let head = app.send("HEAD", "/courses")
        #expect(head.status == .ok)
        #expect(head.body.isEmpty)
        #expect(head.header("Content-Length") == String(get.body.count))
    }

    @Test func malformedRequestsAreBadRequests() {
        #expect(app.get("/courses/%FF").status == .badRequest)
        #expect(app.send("POST", "/locale", defect: .bodyTruncated).status == .badRequest)
        #expect(app.send("GET", "/", defect: .malformed).status == .badRequest)
        let tooLarge = app.send("POST", "/locale", defect: .bodyTooLarge)
        #expect(tooLarge.status == .payloadTooLarge)
        #expect(tooLarge.bodyText.contains("Envío demasiado grande"))
    }

    @Test func brokenFormsAreBadRequestsNotServerErrors() {
        let invalidUTF8 = app.send("POST", "/locale", headers: ["content-type": "application/x-www-form-urlencoded"], body: [0x6C, 0x61, 0x6E, 0x67, 0x3D, 0xFF])
        #expect(invalidUTF8.status == .badRequest)
        let brokenMultipart = app.send("POST", "/locale", headers: ["content-type": "multipart/form-data; boundary=zz"], body: Array("--zz\r\nbroken".utf8))
        #expect(brokenMultipart.status == .badRequest)
        #expect(brokenMultipart.bodyText.contains("archivos llegó dañado"))
    }

    @Test func aTrailingSlashRedirectsToTheCanonicalAddress() {
        let response = app.get("/courses/?q=x")
        #expect(response.status == .permanentRedirect)
        #expect(response.header("Location") == "/courses?q=x")
    }

    @Test func everyResponseCarriesTheSecurityHeaders() {
        for response in [app.get("/courses"), app.get("/nope"), app.send("PUT", "/")] {
            #expect(response.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
            #expect(response.header("Content-Security-Policy")?.contains("object-src 'none'") == true)
            #expect(response.header("X-Content-Type-Options") == "nosniff")
            #expect(response.header("Referrer-Policy") == "same-origin")
            #expect(response.header("X-Request-Id") == "test-request")
            #expect(response.header("Strict-Transport-Security") == nil)
        }
    }

    @Test func overHTTPSCookiesAreSecureAndHSTSIsSent() {
        let request = Request(method: "GET", uri: "/", headers: Headers(["host": "campus.test"]), isHTTPS: true)
        let response = app.responder.respond(to: request)
        #expect(response.header("Strict-Transport-Security") != nil)
        let cookie = response.headers(named: "Set-Cookie").first ?? ""
        #expect(cookie.hasPrefix("__Host-campus_csrf="))
        #expect(cookie.contains("Secure"))
    }

    @Test func signedOutFormsNeedAValidToken() {
        _ = app.get("/")
        #expect(app.post("/locale", [("lang", "pt")], csrf: nil).status == .forbidden)
        #expect(app.post("/locale", [("lang", "pt")], csrf: "forged").status == .forbidden)
        let refused = app.post("/locale", [("lang", "pt")], headers: ["origin": "https://evil.example"])
        #expect(refused.status == .forbidden)
        #expect(refused.bodyText.contains("caducó"))
        // A token issued for another browser's cookie does not transfer.
        let other = try? TestApp()
        let foreign = other?.token()
        #expect(app.post("/locale", [("lang", "pt")], csrf: foreign).status == .forbidden)
    }

    @Test func aRefusedFormOffersTheWayBack() {
        _ = app.get("/")
        let refused = app.post("/locale", [("lang", "pt")], csrf: "forged", headers: ["referer": "http://campus.test/courses?q=x"])
        #expect(refused.status == .forbidden)
        #expect(refused.bodyText.contains("href=\"/courses?q=x\">Volver a la página anterior</a>"))
        let foreign = app.post("/locale", [("lang", "pt")], csrf: "forged", headers: ["referer": "https://evil.example/courses"])
        #expect(!foreign.bodyText.contains("Volver a la página anterior"))
    }

    @Test func choosingALanguageSticksAndReturnsToThePage() {
        let response = app.post("/locale", [("lang", "pt"), ("next", "/courses?q=mobilidade")], headers: ["origin": "http://campus.test"])
        #expect(response.status == .seeOther)
        #expect(response.header("Location") == "/courses?q=mobilidade")
        #expect(app.cookies["lang"] == "pt")
        let page = app.get("/courses", headers: ["accept-language": "en"])
        #expect(page.bodyText.contains("<html lang=\"pt\">"))
        #expect(page.bodyText.contains("Catálogo de cursos"))
    }

    @Test(arguments: ["//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)", ""])
    func languageChoiceNeverLeavesTheSite(_ next: String) {
        let response = app.post("/locale", [("lang", "en"), ("next", next)])
        #expect(response.status == .seeOther)
        #expect(response.header("Location") == "/")
    }

    @Test func anUnknownLanguageIsAFormError() {
        let response = app.post("/locale", [("lang", "de")])
        #expect(response.status == .unprocessableContent)
        #expect(response.bodyText.contains("Elija uno de los idiomas disponibles"))
        #expect(app.post("/locale", []).status == .unprocessableContent)
    }

    @Test func theLanguageSwitcherIsOnEveryPage() {
        let page = app.get("/courses?q=a%22b")
        #expect(page.bodyText.contains("action=\"/locale\""))
        #expect(page.bodyText.contains("name=\"next\" value=\"/courses?q=a%22b\""))
        #expect(page.bodyText.contains("aria-pressed=\"true\">ES</button>"))
    }
}

/// When PostgreSQL cannot be reached: a 503 page, never a crash or a 500.
@Suite struct UnavailableDatabaseTests {
    @Test func pagesSayTheServiceIsUnavailable() throws {
        let app = try TestApp(unreachable: ())
        let page = app.get("/courses", headers: ["accept-language": "en"])
        #expect(page.status == .serviceUnavailable)
        #expect(page.header("Retry-After") == "10")
        #expect(page.bodyText.contains("Campus is not available right now"))
        let health = app.get("/healthz")
        #expect(health.status == .serviceUnavailable)
        #expect(health.bodyText == "unavailable\n")
        // Without the signing secret no form can be checked: refused as unavailable, not forbidden.
        #expect(app.post("/locale", [("lang", "pt")], csrf: "x").status == .serviceUnavailable)
    }

    @Test func aSignedInReaderIsNotSignedOutByAnOutage() throws {
        let app = try TestApp(unreachable: ())
        app.cookies["campus_session"] = Crypto.randomToken()
        let page = app.get("/me")
        #expect(page.status == .serviceUnavailable)
        #expect(!page.headers(named: "Set-Cookie").contains { $0.hasPrefix("campus_session=") })
        #expect(app.post("/logout", [], csrf: "x").status == .serviceUnavailable)
    }
}
