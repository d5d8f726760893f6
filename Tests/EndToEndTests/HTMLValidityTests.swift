import Foundation
import Testing
import TestSupport

/// Every main page, signed out and signed in, as nginx serves it, passes the W3C's
/// Nu Html Checker without an error: browsers forgive broken markup in ways that
/// assistive technology does not.
@Suite(.serialized) final class HTMLValidityTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database)
    }

    deinit { stack.stop() }

    @Test func everyMainPageIsValidHTML() throws {
        // A checker that says nothing would pass every page: one page broken on purpose
        // goes along, and its errors must come back, each in its place.
        let broken = """
            <!doctype html><html lang="es"><head><meta charset="utf-8"><title>x</title></head>
            <body><p><div id="a"></div></p><input id="a" type="email" autocomplete="tel"></body></html>
            """
        let documents = try servedPages() + nginxErrorPages() + [(page: "broken on purpose", html: Array(broken.utf8))]
        let all = try HTMLChecker.errors(in: documents)
        let expected = all.filter { $0.page == "broken on purpose" }
        #expect(expected.count >= 3 && expected.allSatisfy { $0.line > 0 }, "the checker missed the broken page's errors: \(expected)")
        let errors = all.filter { $0.page != "broken on purpose" }
        if !errors.isEmpty {
            Issue.record(Comment(rawValue: "The HTML checker found \(errors.count) errors:\n" + errors.map(\.description).joined(separator: "\n")))
        }
    }

    /// The tour's pages as nginx serves them to each reader.
    func servedPages() throws -> [(page: String, html: [UInt8])] {
        let tour = try MainPages(database)
        var documents: [(page: String, html: [UInt8])] = []
        for reader in MainPages.Reader.allCases {
            let client = stack.client()
            if let email = reader.email { try signIn(client, email) }
            for page in tour.pages(for: reader) {
                let response = try fetch(page, with: client)
                // A page that sends the reader elsewhere (to sign in) would be checked in its stead.
                #expect(response.status != 303, "\(page) sent the reader to \(response.header("Location") ?? "")")
                // The page itself, not a refusal in its stead (what a sent form answers
                // depends on the form).
                if page.form == nil { #expect(response.status == page.status, "\(page) answered \(response.status)") }
                #expect(response.header("Content-Type")?.hasPrefix("text/html") == true, "\(page) answered \(response.status) without a page")
                documents.append((page: "\(page) → \(response.status)", html: response.body))
            }
        }
        return documents
    }

    /// nginx's own error pages (body too large, flood guard, responder down): files it
    /// sends as they are.
    func nginxErrorPages() throws -> [(page: String, html: [UInt8])] {
        let folder = TestEnvironment.home + "/www/static/errors"
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().filter { $0.hasSuffix(".html") }.map { file in
            (page: "nginx's \(file)", html: Array(try #require(FileManager.default.contents(atPath: folder + "/" + file))))
        }
    }

    func signIn(_ client: HTTPClient, _ email: String) throws {
        let form = try client.get("/login")
        let token = try #require(form.csrfToken)
        let answer = try client.post("/login", form: [("_csrf", token), ("email", email), ("password", MainPages.password)])
        try #require(answer.status == 303, "\(email) could not sign in: \(answer.status)")
    }

    /// The page as a browser would end up with it: a form is sent from its page, with
    /// that page's token, and a redirect after it is followed.
    func fetch(_ page: MainPages.Page, with client: HTTPClient) throws -> HTTPResponse {
        let opened = try client.get(page.path)
        guard let action = page.form else { return opened }
        let token = try #require(opened.csrfToken, "\(page) has no form token")
        let button = page.button.map { [($0.name, $0.value)] } ?? []
        let answer = try client.post(action, form: [("_csrf", token)] + page.fields.map { ($0.name, $0.value) } + button)
        guard answer.status == 303, let location = answer.header("Location"), let next = URLComponents(string: location) else { return answer }
        return try client.get(next.percentEncodedPath + (next.percentEncodedQuery.map { "?" + $0 } ?? ""))
    }
}
