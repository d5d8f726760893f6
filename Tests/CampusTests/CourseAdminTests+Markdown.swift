import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Descriptions of courses, editions and sessions are Markdown: written in the staff forms,
/// shown rendered and inert on the public pages, and previewed in the forms without saving.
extension CourseAdminTests {
    static let hostile = """
        **Negrita**, *cursiva* y [un enlace](https://example.org/agua).

        <script>alert(1)</script> <img src=x onerror=alert(2)> <a href="javascript:alert(3)">a</a>

        [clic](javascript:alert(4)) [otro](JaVaScRiPt:alert(5)) <svg onload=alert(6)> <p onclick="alert(7)">

        - uno
        - dos
        """

    func sessionForm(_ changes: [String: String] = [:]) -> [(String, String)] {
        replacing([
            ("kind", "master_class"), ("title", "Clase inaugural"), ("starts_at", day(70) + "T18:00"), ("time_zone", "America/Bogota"),
            ("duration_minutes", "90"), ("place", "Sala 1"), ("link", ""), ("description", Self.hostile),
        ], changes.mapValues { [$0] })
    }

    /// The rendered text's marks, its hostile parts as text, and nothing live.
    func expectInert(_ body: String, _ page: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for rendered in ["<strong>Negrita</strong>", "<em>cursiva</em>", "<li>uno</li>",
                         "<a href=\"https://example.org/agua\" rel=\"nofollow noopener\">un enlace</a>",
                         "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;"] {
            #expect(body.contains(rendered), "\(page) lacks \(rendered)", sourceLocation: sourceLocation)
        }
        // A tag that runs something; the same words escaped are only text.
        let live = /<(script|img|svg|iframe)|<[a-zA-Z][^>]*\son[a-z]+\s*=|href="\s*javascript:/.ignoresCase()
        #expect(body.firstMatch(of: live) == nil, "\(page) carries live markup", sourceLocation: sourceLocation)
        for block in ProseBlocks.all(in: body) {
            #expect(InertMarkup.problems(in: block) == [], "\(page)", sourceLocation: sourceLocation)
        }
    }

    @Test func hostileDescriptionsAreInertOnTheCourseTheEditionAndItsSessions() throws {
        let course = try #require(createdID(app.post("/admin/courses", courseForm(["description": [Self.hostile]])), under: "/admin/courses/"))
        let edition = try #require(createdID(
            app.post("/admin/courses/\(course)/editions", editionForm(["description": Self.hostile])), under: "/admin/editions/"))
        #expect(app.post("/admin/editions/\(edition)/sessions", sessionForm()).status == .seeOther)
        #expect(try db.query("SELECT description FROM editions WHERE id = \(edition)").first?["description"] == Self.hostile)
        #expect(try db.query("SELECT description FROM edition_sessions WHERE edition_id = \(edition)").first?["description"] == Self.hostile)

        let visitor = try TestApp(sharing: app)
        expectInert(visitor.get("/courses/gestion-del-agua").bodyText, "the course page")
        let editionPage = visitor.get("/editions/\(edition)").bodyText
        expectInert(editionPage, "the edition page")
        // The edition's text under its facts, each session's under the session, a level down.
        let facts = try #require(editionPage.range(of: "</dl>\n<div class=\"prose\" lang=\"es\">"))
        let sessions = try #require(editionPage.range(of: "id=\"sessions-title\""))
        #expect(facts.upperBound < sessions.lowerBound)
        let session = try #require(editionPage.range(of: "<strong>Clase inaugural</strong>"))
        #expect(editionPage[session.upperBound...].contains("<strong>Negrita</strong>"))
        #expect(ProseBlocks.all(in: editionPage).count == 2)
        // Staff pages show the text in the form, escaped, never rendered.
        let staff = app.get("/admin/editions/\(edition)").bodyText
        #expect(staff.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!staff.contains("<script"))
    }

    @Test func eachFormHasTheSyntaxHintAndAPreviewButton() throws {
        let edition = try createEdition()
        let forms = [
            ("/admin/courses/new", "/admin/courses", "description"), ("/admin/courses/\(programmeID)", "/admin/courses/\(programmeID)", "description"),
            ("/admin/courses/\(programmeID)/editions/new", "/admin/courses/\(programmeID)/editions", "description"),
            ("/admin/editions/\(edition)", "/admin/editions/\(edition)", "description"),
            ("/admin/editions/\(edition)", "/admin/editions/\(edition)/sessions", "session_description"),
        ]
        for (page, action, id) in forms {
            let body = app.get(page).bodyText
            #expect(body.contains("formaction=\"\(action)#\(id)-preview\">Ver la vista previa</button>"), "\(page) → \(action)")
            #expect(body.contains("<p class=\"hint\" id=\"\(id)-hint\">Admite Markdown: **negrita**, *cursiva*, - listas, [enlace](https://…)."), "\(page)")
            #expect(!body.contains("id=\"\(id)-preview\""), "\(page) previews before being asked")
        }
    }

    @Test func thePreviewShowsTheTextRenderedKeepsTheFormAndSavesNothing() throws {
        let edition = try createEdition()
        let before = try writes()
        let descriptions: SQL = "SELECT string_agg(description, '|' ORDER BY id) FROM editions"
        let editionTexts = try db.query("SELECT (\(descriptions)) AS d").first?["d"] as String?
        let posts: [(String, [(String, String)], String)] = [
            ("/admin/courses", courseForm(["description": [Self.hostile], "title": ["Título que no se guarda"]]), "description"),
            ("/admin/courses/\(programmeID)", courseForm(["description": [Self.hostile], "slug": ["otra-direccion"]]), "description"),
            ("/admin/courses/\(programmeID)/editions", editionForm(["description": Self.hostile]), "description"),
            ("/admin/editions/\(edition)", editionForm(["description": Self.hostile, "capacity": "3"]), "description"),
            ("/admin/editions/\(edition)/sessions", sessionForm(), "session_description"),
        ]
        for (action, fields, id) in posts {
            let answer = app.post(action, fields + [("preview", "1")])
            #expect(answer.status == .ok, "\(action)")
            let body = answer.bodyText
            let preview = try #require(body.range(of: "<div class=\"markdown-preview\" id=\"\(id)-preview\""), "\(action)")
            expectInert(String(body[preview.lowerBound...]), "the preview of \(action)")
            // What was typed stays in the form, as text.
            #expect(body.contains("**Negrita**, *cursiva* y [un enlace](https://example.org/agua)."), "\(action)")
            #expect(!body.contains("role=\"alert\""), "\(action) reports errors")
        }
        #expect(app.get("/admin/courses/new").status == .ok)
        #expect(try writes() == before)
        #expect(try db.query("SELECT (\(descriptions)) AS d").first?["d"] as String? == editionTexts)
        #expect(try db.query("SELECT slug FROM courses WHERE id = \(programmeID)").first?["slug"] == "programa-pensamiento-estrategico-urbano")
    }

    @Test func aPreviewIsAPostLikeAnyOther() throws {
        let learner = try app.learner("previa@example.org")
        let before = try writes()
        #expect(app.post("/admin/courses", courseForm() + [("preview", "1")], csrf: nil).status == .forbidden)
        #expect(app.post("/admin/courses", courseForm() + [("preview", "1")], csrf: "not-the-token").status == .forbidden)
        #expect(learner.post("/admin/courses/\(programmeID)", courseForm() + [("preview", "1")]).status == .forbidden)
        #expect(app.post("/admin/editions/999999", editionForm() + [("preview", "1")]).status == .notFound)
        #expect(app.post("/admin/editions/999999/sessions", sessionForm() + [("preview", "1")]).status == .notFound)
        // An empty text says there is nothing to show yet.
        let empty = app.post("/admin/courses", courseForm(["description": ["  "]]) + [("preview", "1")])
        #expect(empty.bodyText.contains("El texto está vacío: no hay nada que mostrar."))
        #expect(try writes() == before)
    }

    @Test func longDescriptionsAreRefusedBesideTheirField() throws {
        let edition = try createEdition()
        let before = try writes()
        expectErrors(app.post("/admin/editions/\(edition)", editionForm(["description": String(repeating: "x", count: 20_001)])), ["description"])
        let session = app.post("/admin/editions/\(edition)/sessions", sessionForm(["description": String(repeating: "x", count: 5001)]))
        expectErrors(session, ["session_description"])
        #expect(session.bodyText.contains("La descripción admite como máximo 5000 caracteres."))
        #expect(try writes() == before)
        // Within the limits, saved; an edition's new text is audited as edited, not copied.
        #expect(app.post("/admin/editions/\(edition)", editionForm(["description": "Nueva *descripción*."])).status == .seeOther)
        #expect(try db.query("SELECT details->>'description' AS d FROM audit_log WHERE action = 'edition.update' AND subject_id = \(edition)").first?["d"] == "edited")
        #expect(app.get("/admin/audit?action=edition.update").bodyText.contains("Descripción de la edición: texto modificado."))
    }
}

/// The `prose` blocks of a page: the rendered Markdown, without their wrapper.
enum ProseBlocks {
    static func all(in page: String) -> [String] {
        var blocks: [String] = [], rest = Substring(page)
        while let open = rest.range(of: "<div class=\"prose\""), let start = rest[open.upperBound...].firstIndex(of: ">") {
            // Markdown never writes a div, so the block ends at the first </div>.
            guard let end = rest[start...].range(of: "</div>") else { break }
            blocks.append(String(rest[rest.index(after: start)..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return blocks
    }
}
