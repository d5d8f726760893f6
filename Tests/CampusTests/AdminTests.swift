import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Staff pages: people and roles, organizations and affiliations, the audit log.
@Suite struct AdminTests {
    let app: TestApp
    let adminID: Int64
    let personID: Int64

    init() throws {
        app = try TestApp()
        adminID = try app.createUser("boss@example.org", name: "Boss", roles: ["admin"])
        personID = try app.createUser("person@example.org", name: "Pedro Páramo")
        _ = app.signIn("boss@example.org")
    }

    @Test func adminsFindPeopleByNameEmailOrOrganization() throws {
        let byName = app.get("/admin/users?q=p%C3%A1ramo")
        #expect(byName.status == .ok)
        #expect(byName.bodyText.contains("Pedro <mark>Páramo</mark>"))
        #expect(!byName.bodyText.contains("boss@example.org"))
        #expect(app.get("/admin/users?q=PERSON%40example").bodyText.contains("<mark>person@example</mark>.org"))
        #expect(app.get("/admin/users?q=Durango").bodyText.contains("María Torres"))
        #expect(app.get("/admin/users?q=zzzz").bodyText.contains("Nadie coincide"))
        // LIKE wildcards are plain characters in a search.
        #expect(app.get("/admin/users?q=%25").bodyText.contains("Nadie coincide"))
    }

    @Test func theUserListIsKeysetPaginated() throws {
        let db = try app.connect()
        try db.execute("""
            INSERT INTO users (email, name) SELECT 'bulk' || g || '@example.org', 'Bulk ' || lpad(g::text, 3, '0') FROM generate_series(1, 120) g
            """)
        let first = app.get("/admin/users?q=bulk")
        #expect(first.bodyText.contains("<mark>Bulk</mark> 001"))
        #expect(!first.bodyText.contains("<mark>Bulk</mark> 051"))
        let next = try #require(first.bodyText.range(of: "/admin/users\\?q=bulk&amp;after=[0-9]+", options: .regularExpression))
        let href = String(first.bodyText[next]).replacingOccurrences(of: "&amp;", with: "&")
        let second = app.get(href)
        #expect(second.bodyText.contains("<mark>Bulk</mark> 051"))
        #expect(!second.bodyText.contains("<mark>Bulk</mark> 050<"))
    }

    @Test func grantingAndRevokingRolesIsAuditedAndNotified() throws {
        let edition: Int64 = try app.connect().query("SELECT id FROM editions ORDER BY id LIMIT 1").first?["id"] ?? 0
        let grant = app.post("/admin/users/\(personID)/roles", [("role", "instructor"), ("scope", "edition"), ("scope_id", String(edition))])
        #expect(grant.status == .seeOther)
        let db = try app.connect()
        let audit = try #require(try db.query("SELECT actor_id, details->>'role' AS role, address FROM audit_log WHERE action = 'role.grant' AND subject_id = \(personID)").first)
        #expect(try audit["actor_id"] == adminID)
        #expect(try audit["role"] == "instructor:edition=\(edition)")
        #expect(try audit["address"] == "127.0.0.1")
        #expect(try db.query("SELECT 1 FROM notifications WHERE user_id = \(personID) AND message = 'notice.role_granted.instructor'").count == 1)
        // The same form again: 303 to the user, nothing doubled.
        #expect(app.post("/admin/users/\(personID)/roles", [("role", "instructor"), ("scope", "edition"), ("scope_id", String(edition))]).status == .seeOther)
        #expect(try db.query("SELECT 1 FROM role_grants WHERE user_id = \(personID)").count == 1)
        let grantID: Int64 = try db.query("SELECT id FROM role_grants WHERE user_id = \(personID)").first?["id"] ?? 0
        #expect(app.post("/admin/users/\(personID)/roles/\(grantID)/revoke", []).status == .seeOther)
        #expect(try db.query("SELECT 1 FROM role_grants WHERE user_id = \(personID)").isEmpty)
        #expect(try db.query("SELECT 1 FROM audit_log WHERE action = 'role.revoke' AND subject_id = \(personID)").count == 1)
    }

    @Test func invalidGrantsAreFormErrors() {
        #expect(app.post("/admin/users/\(personID)/roles", [("role", "admin"), ("scope", "edition"), ("scope_id", "1")]).status == .unprocessableContent)
        #expect(app.post("/admin/users/\(personID)/roles", [("role", "instructor"), ("scope", "edition"), ("scope_id", "99999")]).status == .unprocessableContent)
        #expect(app.post("/admin/users/\(personID)/roles", [("role", "overlord")]).status == .unprocessableContent)
        // A forum or a call that does not exist cannot be pointed at.
        #expect(app.post("/admin/users/\(personID)/roles", [("role", "moderator"), ("scope", "forum"), ("scope_id", "999999")]).status == .unprocessableContent)
        #expect(app.post("/admin/users/\(personID)/roles", [("role", "reviewer"), ("scope", "call"), ("scope_id", "999999")]).status == .unprocessableContent)
        #expect(app.post("/admin/users/999999/roles", [("role", "admin")]).status == .notFound)
        #expect(app.post("/admin/users/abc/roles", [("role", "admin")]).status == .badRequest)
    }

    @Test func theLastAdminCannotBeRevoked() throws {
        let db = try app.connect()
        // The demo admin is a second admin: disable her so only Boss remains.
        try db.execute("UPDATE users SET disabled_at = now() WHERE email = 'admin@campus.example'")
        let grantID: Int64 = try db.query("SELECT id FROM role_grants WHERE user_id = \(adminID) AND role = 'admin'").first?["id"] ?? 0
        let response = app.post("/admin/users/\(adminID)/roles/\(grantID)/revoke", [])
        #expect(response.status == .conflict)
        #expect(response.bodyText.contains("último rol de administración"))
    }

    @Test func disablingEndsTheSessionsAtOnce() throws {
        let person = try TestApp(sharing: app)
        _ = person.signIn("person@example.org")
        #expect(person.get("/me").status == .ok)
        #expect(app.post("/admin/users/\(personID)/disable", []).status == .seeOther)
        #expect(person.get("/me").status == .seeOther)
        #expect(person.signIn("person@example.org").status == .forbidden)
        #expect(app.post("/admin/users/\(adminID)/disable", []).status == .conflict)
        #expect(app.post("/admin/users/\(personID)/enable", []).status == .seeOther)
        #expect(person.signIn("person@example.org").status == .seeOther)
        let actions: [String] = try app.connect().query("SELECT action FROM audit_log WHERE subject_id = \(personID) ORDER BY id").map { try $0["action"] }
        #expect(actions == ["user.create", "user.disable", "user.enable"])
    }

    @Test func organizationsAreCreatedEditedAndAudited() throws {
        let created = app.post("/admin/organizations", [("name", "Cusco"), ("country", "pe"), ("network", "andina"), ("active_until", "2030-12-31"), ("email_domains", "cusco.gob.pe\nmunicusco.gob.pe")])
        #expect(created.status == .seeOther)
        let db = try app.connect()
        let row = try #require(try db.query("SELECT id, country, email_domains FROM organizations WHERE name = 'Cusco'").first)
        #expect(try row["country"] == "PE")
        #expect(try row["email_domains"] == ["cusco.gob.pe", "municusco.gob.pe"])
        let id: Int64 = try row["id"]
        #expect(created.header("Location") == "/admin/organizations/\(id)")
        // Submitted again: 303 to the one that exists.
        #expect(app.post("/admin/organizations", [("name", "Cusco"), ("country", "PE"), ("network", "andina")]).header("Location") == "/admin/organizations/\(id)")
        #expect(app.post("/admin/organizations/\(id)", [("name", "Cusco"), ("country", "PE"), ("network", "andina"), ("active_until", "2020-01-01"), ("email_domains", "cusco.gob.pe")]).status == .seeOther)
        let lapsed: Bool = try db.query("SELECT active_until < current_date AS lapsed FROM organizations WHERE id = \(id)").first?["lapsed"] ?? false
        #expect(lapsed)
        let audit: [String] = try db.query("SELECT action FROM audit_log WHERE subject_kind = 'organization' AND subject_id = \(id) ORDER BY id").map { try $0["action"] }
        #expect(audit == ["organization.create", "organization.update"])
    }

    @Test func badOrganizationInputIs422() {
        let response = app.post("/admin/organizations", [("name", "X"), ("country", "Peru"), ("network", "atlantis"), ("active_until", "31/12/2030"), ("email_domains", "not a@domain")])
        #expect(response.status == .unprocessableContent)
        for field in ["name", "country", "network", "active_until", "email_domains"] {
            #expect(response.bodyText.contains("id=\"\(field)-error\""), "no error beside \(field)")
        }
    }

    @Test func affiliationsCountByDomainOrByConfirmation() throws {
        let db = try app.connect()
        let lima: Int64 = try db.query("SELECT id FROM organizations WHERE name = 'Lima'").first?["id"] ?? 0
        let byDomain = try app.createUser("jefa@munlima.gob.pe", name: "Jefa")
        let other = try app.createUser("vecino@gmail.example", name: "Vecino")
        try db.execute("UPDATE users SET organization_id = \(lima) WHERE id IN (\(byDomain), \(other))")
        func counts(_ id: Int64) throws -> Bool {
            try db.query("SELECT coalesce(\(AccountQueries.affiliationCounts), false) AS c FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.id = \(id)").first?["c"] ?? false
        }
        #expect(try counts(byDomain))
        #expect(try !counts(other))
        let queue = app.get("/admin/organizations").bodyText
        #expect(queue.contains("vecino@gmail.example"))
        #expect(!queue.contains("jefa@munlima.gob.pe"))
        #expect(app.post("/admin/users/\(other)/affiliation", [("decision", "confirm"), ("next", "/admin/organizations")]).header("Location") == "/admin/organizations")
        #expect(try counts(other))
        #expect(!app.get("/admin/organizations").bodyText.contains("vecino@gmail.example"))
        #expect(try db.query("SELECT 1 FROM notifications WHERE user_id = \(other) AND message = 'notice.affiliation_confirmed'").count == 1)
        #expect(app.post("/admin/users/\(other)/affiliation", [("decision", "maybe")]).status == .unprocessableContent)
        #expect(app.post("/admin/users/\(personID)/affiliation", [("decision", "confirm")]).status == .conflict)
    }

    @Test func theAuditLogFiltersAndPages() throws {
        let db = try app.connect()
        try db.execute("""
            INSERT INTO audit_log (actor_id, action, subject_kind, subject_id, address, at)
            SELECT \(adminID), 'test.bulk', 'user', g, '10.0.0.1', now() - make_interval(days => g) FROM generate_series(1, 70) g
            """)
        let all = app.get("/admin/audit?action=test.bulk")
        #expect(all.status == .ok)
        #expect(all.bodyText.components(separatedBy: "<code>test.bulk</code>").count - 1 == 50)
        #expect(all.bodyText.contains("rel=\"next\""))
        let byDate = app.get("/admin/audit?action=test.bulk&from=\(day(-10))&to=\(day(-6))")
        #expect(byDate.bodyText.components(separatedBy: "<code>test.bulk</code>").count - 1 == 5)
        #expect(app.get("/admin/audit?actor=person%40example.org&action=test.bulk").bodyText.contains("No hay entradas"))
        #expect(app.get("/admin/audit?actor=boss%40example.org&action=test").bodyText.contains("<code>test.bulk</code>"))
        #expect(app.get("/admin/audit?from=yesterday").status == .unprocessableContent)
        #expect(app.get("/admin/audit?before=xyz").status == .badRequest)
    }

    @Test func yearZeroIsAFormErrorNotACrash() throws {
        #expect(app.get("/admin/audit?from=0000-01-01").status == .unprocessableContent)
        let response = app.post("/admin/organizations", [("name", "Cusco"), ("country", "PE"), ("network", "andina"), ("active_until", "0000-01-01")])
        #expect(response.status == .unprocessableContent)
        #expect(response.bodyText.contains("id=\"active_until-error\""))
    }

    func day(_ offset: Int) -> String {
        let date = Date().addingTimeInterval(Double(offset) * 86_400)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    @Test func aDeletedAccountOffersNoActionsAndRefusesThem() throws {
        let db = try app.connect()
        let lima: Int64 = try db.query("SELECT id FROM organizations WHERE name = 'Lima'").first?["id"] ?? 0
        try db.execute("UPDATE users SET organization_id = \(lima) WHERE id = \(personID)")
        let leaving = try TestApp(sharing: app)
        _ = leaving.signIn("person@example.org")
        #expect(leaving.post("/me/delete", [("password", "correct horse battery staple")]).status == .seeOther)

        let page = app.get("/admin/users/\(personID)").bodyText
        #expect(page.contains("Esta cuenta fue eliminada"))
        #expect(!page.contains("action=\"/admin/users/\(personID)/"), "a form acts on a deleted account")
        let attempts: [(String, [(String, String)])] = [
            ("roles", [("role", "admin")]), ("roles/1/revoke", []), ("disable", []), ("enable", []), ("affiliation", [("decision", "confirm")]),
        ]
        for (action, fields) in attempts {
            let response = app.post("/admin/users/\(personID)/\(action)", fields)
            #expect(response.status == .conflict, "\(action)")
            #expect(response.bodyText.contains("Esta cuenta fue eliminada"), "\(action)")
        }
        #expect(try db.query("SELECT 1 FROM role_grants WHERE user_id = \(personID)").isEmpty)
    }

    @Test func onlyScopesThatExistAreOffered() throws {
        let page = app.get("/admin/users/\(personID)").bodyText
        #expect(page.contains("<option value=\"edition\""))
        // Forums and scholarship calls have come: their scopes and the reviewer role are offered.
        for value in ["forum", "call", "reviewer"] { #expect(page.contains("<option value=\"\(value)\""), "\(value) not offered") }
    }

    /// A forum's moderator, granted on the user's page or from the command line.
    @Test func aForumModeratorIsGrantedLikeAnyScopedRole() throws {
        let db = try app.connect()
        let forum: Int64 = try db.query("INSERT INTO forums (title, language) VALUES ('Red Andina', 'es') RETURNING id").first?["id"] ?? 0
        #expect(app.post("/admin/users/\(personID)/roles", [("role", "moderator"), ("scope", "forum"), ("scope_id", String(forum))]).status == .seeOther)
        #expect(try db.query("SELECT 1 FROM role_grants WHERE user_id = \(personID) AND role = 'moderator' AND scope_kind = 'forum' AND scope_id = \(forum)").count == 1)
        let id = try AccountCommands.addUser(db, email: "moderadora@example.org", name: "Mod", password: "correct horse battery staple", roles: ["moderator:forum=\(forum)"])
        #expect(try db.query("SELECT 1 FROM role_grants WHERE user_id = \(id) AND scope_kind = 'forum' AND scope_id = \(forum)").count == 1)
        #expect(throws: AccountCommands.Failure.self) {
            try AccountCommands.addUser(db, email: "otra-mod@example.org", name: "Mod", password: "correct horse battery staple", roles: ["moderator:forum=999999"])
        }
    }

    @Test func userTextIsEscapedOnAdminPages() throws {
        try app.createUser("xss@example.org", name: "<script>alert(1)</script>")
        let page = app.get("/admin/users?q=xss")
        #expect(!page.bodyText.contains("<script>alert"))
        #expect(page.bodyText.contains("&lt;script&gt;"))
    }
}
