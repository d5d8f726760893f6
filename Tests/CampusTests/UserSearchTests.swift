import Testing
import TestSupport
@testable import Campus

/// The admin's search for people marks what it found, by the same rule.
@Suite struct UserSearchTests {
    @Test func theMatchIsMarkedAndMarkupInNamesStaysText() throws {
        let app = try TestApp()
        try app.createUser("boss@example.org", name: "Boss", roles: ["admin"])
        try app.createUser("zoe@example.org", name: "<b>Zoë</b> <mark>Ruiz</mark>")
        _ = app.signIn("boss@example.org")
        let page = app.get("/admin/users?q=zo%C3%AB").bodyText
        #expect(page.contains("&lt;b&gt;<mark>Zoë</mark>&lt;/b&gt; &lt;mark&gt;Ruiz&lt;/mark&gt;"))
        #expect(app.get("/admin/users?q=ZOE%40").bodyText.contains("<mark>zoe@</mark>example.org"))
        #expect(page.components(separatedBy: "<mark>").count - 1 == 1)
    }
}
