import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// A constraint the handler did not expect becomes an answer in words — 409 when the thing
/// exists already, 422 when a value breaks a rule — never a 500, never SQL on the page.
@Suite struct ConstraintAnswerTests {
    let app: TestApp
    let db: Connection

    init() throws {
        app = try TestApp()
        try app.createUser("boss@example.org", name: "Boss", roles: ["admin"])
        _ = app.signIn("boss@example.org")
        db = try app.connect()
        // Rules the organization form knows nothing about.
        try db.run("""
            ALTER TABLE organizations ADD CONSTRAINT organizations_hidden_unique_rule UNIQUE (email_domains);
            ALTER TABLE organizations ADD CONSTRAINT organizations_hidden_check_rule CHECK (name <> 'Ciudad Prohibida');
            """)
    }

    func organization(_ name: String, domains: String) -> Response {
        app.post("/admin/organizations", [("name", name), ("country", "PE"), ("network", "andina"), ("active_until", ""), ("email_domains", domains)])
    }

    func expectNoInternals(_ response: Response, sourceLocation: SourceLocation = #_sourceLocation) {
        for word in ["organizations_hidden", "duplicate key", "violates", "constraint", "SQL", "23505", "23514"] {
            #expect(!response.bodyText.contains(word), "the page shows \(word)", sourceLocation: sourceLocation)
        }
    }

    func audited() throws -> Int {
        try db.query("SELECT count(*)::int8 AS n FROM audit_log WHERE action = 'organization.create'").first?["n"] ?? -1
    }

    @Test func anUnexpectedUniqueViolationIsAConflictInWords() throws {
        #expect(organization("Arequipa", domains: "muniarequipa.gob.pe").status == .seeOther)
        let before = try audited()
        let clash = organization("Cusco", domains: "muniarequipa.gob.pe")
        #expect(clash.status == .conflict)
        #expect(clash.bodyText.contains("Esto ya existe"))
        expectNoInternals(clash)
        #expect(try audited() == before)
        #expect(try db.query("SELECT 1 FROM organizations WHERE name = 'Cusco'").isEmpty)
        // In the reader's language.
        app.language = "en"
        _ = app.post("/locale", [("lang", "en"), ("next", "/")])
        #expect(organization("Cusco", domains: "muniarequipa.gob.pe").bodyText.contains("This already exists"))
    }

    @Test func anUnexpectedCheckViolationIsUnprocessableInWords() throws {
        let refused = organization("Ciudad Prohibida", domains: "")
        #expect(refused.status == .unprocessableContent)
        #expect(refused.bodyText.contains("no cumple las reglas de Campus"))
        expectNoInternals(refused)
        #expect(try db.query("SELECT 1 FROM organizations WHERE name = 'Ciudad Prohibida'").isEmpty)
    }

    @Test func eachKindOfViolationHasItsStatus() {
        #expect(CampusResponder.refusal("23505")?.status == .conflict)
        for state in ["23514", "23502", "22001"] { #expect(CampusResponder.refusal(state)?.status == .unprocessableContent) }
        // Others stay errors: a foreign key, a syntax error, a deadlock.
        for state in ["23503", "42601", "40P01", nil] { #expect(CampusResponder.refusal(state) == nil) }
    }
}
