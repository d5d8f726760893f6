import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The audit log reads as sentences about named things, in the reader's language.
@Suite struct AuditLogTests {
    let app: TestApp
    let editions: EditionMaker
    let adminID: Int64

    init() throws {
        app = try TestApp()
        editions = EditionMaker(db: try app.connect())
        adminID = try app.createUser("auditor@example.org", name: "Ana Auditora", roles: ["admin"])
        _ = app.signIn("auditor@example.org")
    }

    /// A request for edition `edition` by a new person; returns (person, enrollment).
    func request(_ email: String, name: String, edition: Int64) throws -> (Int64, Int64) {
        let id = try app.createUser(email, name: name)
        let browser = try TestApp(sharing: app)
        browser.cookies["campus_session"] = try app.sessionCookie(for: id)
        #expect(browser.post("/editions/\(edition)/enroll", []).status == .seeOther)
        return (id, try app.connect().query("SELECT id FROM enrollments WHERE edition_id = \(edition) AND user_id = \(id)").first?["id"] ?? 0)
    }

    /// The audit page in `language` (signing in set the account's language in a cookie).
    func audit(_ query: String = "", language: String = "es") -> String {
        app.cookies["lang"] = language
        return app.get("/admin/audit" + query).bodyText
    }

    @Test func actionsSubjectsAndDetailsAreWordsAndLinks() throws {
        let edition = try editions.make(admission: "approval", name: "Grupo de otoño")
        let course: (Int64, String) = try #require(try app.connect().query("SELECT c.id, c.title FROM editions e JOIN courses c ON c.id = e.course_id WHERE e.id = \(edition)").first.map { (try $0["id"], try $0["title"]) })
        let (person, enrollment) = try request("solicitante@example.org", name: "Sol Solicitante", edition: edition)
        let note = "<script>alert(1)</script> Gracias por su interés."
        #expect(app.post("/editions/\(edition)/enrollments/\(enrollment)/decide", [("decision", "reject"), ("note", note), ("confirm", "yes")]).status == .seeOther)
        #expect(app.post("/admin/users/\(person)/roles", [("role", "instructor"), ("scope", "edition"), ("scope_id", String(edition))]).status == .seeOther)

        let page = audit("?action=enrollment.reject")
        #expect(page.contains("No aceptó una solicitud"))
        #expect(!page.contains("enrollment.reject</"))
        // The subject names the person and the edition, each linked to its staff page.
        let personLink = "<a href=\"/admin/users/\(person)\">Sol Solicitante</a>"
        let editionLink = "<a href=\"/admin/editions/\(edition)\">Grupo de otoño</a> · <a href=\"/admin/courses/\(course.0)\">\(HTML.escape(course.1))</a>"
        #expect(page.contains("\(personLink) en \(editionLink)"))
        #expect(page.contains("<a href=\"/admin/users/\(adminID)\">Ana Auditora</a>"))
        // The details are a sentence, with the note escaped.
        #expect(page.contains("Nota para la persona: «&lt;script&gt;alert(1)&lt;/script&gt; Gracias por su interés.»."))
        #expect(!page.contains("<script>alert"))
        for code in ["user: ", "status: ", "edition: ", "note: "] { #expect(!page.contains(code), "\(code) shown as recorded") }

        let grant = audit("?action=role.grant", language: "en")
        #expect(grant.contains("Granted a role"))
        #expect(grant.contains("Role: instructor in \(editionLink)."))
        // The filter offers actions in words.
        #expect(page.contains("<option value=\"enrollment.reject\" selected>No aceptó una solicitud</option>"))
        #expect(grant.contains("<option value=\"role.grant\" selected>Granted a role</option>"))
    }

    @Test func changesSayFromWhatToWhat() throws {
        let db = try app.connect()
        let course: Int64 = try db.query("SELECT id FROM courses WHERE slug = 'resiliencia-urbana'").first?["id"] ?? 0
        try db.execute("""
            INSERT INTO audit_log (actor_id, action, subject_kind, subject_id, details, address)
            VALUES (\(adminID), 'course.update', 'course', \(course),
                    '{"language": "es → en", "published": "true → false", "summary": "edited", "kind": "course → programme"}', '10.0.0.9')
            """)
        let page = audit("?action=course.update", language: "fr")
        #expect(page.contains("A modifié un cours"))
        #expect(page.contains("<a href=\"/admin/courses/\(course)\">"))
        #expect(page.contains("de espagnol à anglais"))
        #expect(page.contains("de Au catalogue à Brouillon"))
        #expect(page.contains("texte modifié"))
        #expect(page.contains("de Cours de spécialisation à Programme"))
        #expect(!page.contains("es → en"))
    }

    @Test func deletedPeopleAreFormerParticipantsInTheReadersLanguage() throws {
        let person = try app.createUser("leaving@example.org", name: "Leo Leaving")
        #expect(app.post("/admin/users/\(person)/disable", []).status == .seeOther)
        let leaving = try TestApp(sharing: app)
        try app.connect().execute("UPDATE users SET disabled_at = NULL WHERE id = \(person)")
        _ = leaving.signIn("leaving@example.org")
        #expect(leaving.post("/me/delete", [("password", "correct horse battery staple")]).status == .seeOther)
        for (language, words) in [("es", "antiguo participante"), ("pt", "ex-participante"), ("fr", "ancien participant")] {
            let page = audit("?action=user.disable", language: language)
            #expect(page.contains("<a href=\"/admin/users/\(person)\">\(words)</a>"), "\(language)")
            #expect(!page.contains("former participant"), "\(language)")
            #expect(app.get("/admin/users/\(person)").bodyText.contains("<h1>\(words)</h1>"))
        }
        // Someone who deleted their own account is the actor of that entry.
        #expect(audit("?action=account.delete").contains("<a href=\"/admin/users/\(person)\">antiguo participante</a>"))
    }

    @Test func namesInTheLogAreEscaped() throws {
        let person = try app.createUser("xss-audit@example.org", name: "<script>alert(2)</script>")
        #expect(app.post("/admin/users/\(person)/disable", []).status == .seeOther)
        let page = audit("?action=user.disable")
        #expect(page.contains("<a href=\"/admin/users/\(person)\">&lt;script&gt;alert(2)&lt;/script&gt;</a>"))
        #expect(!page.contains("<script>alert"))
    }

    @Test func anEmptyLogSaysSoAndAnEmptyFilterSaysThat() throws {
        try app.connect().execute("DELETE FROM audit_log")
        let empty = audit()
        #expect(empty.contains("Todavía no hay nada en el registro"))
        #expect(!empty.contains("No hay entradas con esos filtros"))
        let filtered = audit("?action=role.grant")
        #expect(filtered.contains("No hay entradas con esos filtros"))
        #expect(!filtered.contains("Todavía no hay nada en el registro"))
        let person = try app.createUser("quiet@example.org", name: "Quieta")
        try app.connect().execute("DELETE FROM audit_log")
        #expect(app.get("/admin/users/\(person)").bodyText.contains("Todavía no hay acciones del equipo sobre esta persona."))
    }

    @Test func anActionWithoutWordsYetIsShownAsRecorded() throws {
        try app.connect().execute("""
            INSERT INTO audit_log (actor_id, action, subject_kind, subject_id, details) VALUES (NULL, 'forum.lock', 'topic', 7, '{"reason": "<b>spam</b>"}')
            """)
        let page = audit("?action=forum.lock")
        #expect(page.contains("<code>forum.lock</code>"))
        #expect(page.contains("topic 7"))
        #expect(page.contains("reason: &lt;b&gt;spam&lt;/b&gt;."))
        #expect(page.contains("Línea de órdenes"))
    }

    /// Every action the code records, and every field label the details use, has words in
    /// every language.
    @Test func everyRecordedActionHasWords() throws {
        let catalog = try MessageCatalog.load(directory: TestEnvironment.home + "/locales")
        let sources = TestEnvironment.home + "/Sources/Campus"
        let files = FileManager.default.enumerator(atPath: sources)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        var actions: Set<String> = ["enrollment.approve", "enrollment.reject", "enrollment.complete", "enrollment.not_complete", "affiliation.confirm", "affiliation.reject"]
        for file in files {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            for match in text.matches(of: /(?:audit\(|action: )"([a-z_]+\.[a-z_]+)"/) { actions.insert(String(match.output.1)) }
        }
        #expect(actions.count >= 20)
        let keys = actions.map { "admin.audit.action.\($0)" } + AuditDetails.fieldLabels.values
        for language in Language.allCases {
            let messages = try #require(catalog.messages[language])
            let missing = keys.filter { messages[$0] == nil }.sorted()
            #expect(missing.isEmpty, "\(language.rawValue) lacks \(missing)")
        }
    }
}
