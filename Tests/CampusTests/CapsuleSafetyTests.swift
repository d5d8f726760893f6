import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Nothing an author or a learner types can run in anyone's page: every field of a capsule
/// comes out escaped, and lesson text goes through the safe Markdown renderer only.
@Suite struct CapsuleSafetyTests {
    static let script = "<script>alert(1)</script>"

    @Test func aScriptInEveryAuthoredFieldIsInertOnEveryPage() throws {
        let app = try TestApp()
        let script = Self.script
        let admin = try app.browser(signedInAs: try app.createUser("xss-autora@example.org", name: "Autora \(script)", roles: ["admin"]))
        let created = admin.post("/admin/capsules", [
            ("title", "Cápsula \(script)"), ("slug", "capsula-xss"), ("language", "es"), ("summary", "Resumen \(script)"),
            ("description", "Descripción \(script) [enlace](javascript:alert(1))"),
        ])
        #expect(created.status == .seeOther)
        let capsule = try #require(try app.connect().query("SELECT id FROM courses WHERE slug = 'capsula-xss'").first?["id"] as Int64?)
        _ = admin.post("/admin/capsules/\(capsule)/lessons", [("title", "Lección \(script)")])
        let lesson = try #require(try app.connect().query("SELECT id FROM lessons WHERE course_id = \(capsule)").first?["id"] as Int64?)
        let hostileURL = "https://x.example/\"><script>alert(1)</script>"
        #expect(admin.post("/admin/capsules/\(capsule)/lessons/\(lesson)", [
            ("title", "Lección \(script)"), ("body", "Texto \(script) <img src=x onerror=alert(1)>"), ("video_url", hostileURL),
        ]).status == .seeOther)
        #expect(admin.post("/admin/capsules/\(capsule)/lessons/\(lesson)/readings", [("reading_title", "Lectura \(script)"), ("reading_url", hostileURL)]).status == .seeOther)
        _ = admin.post("/admin/capsules/\(capsule)/lessons/\(lesson)/quiz", [("passing_score", "100"), ("max_attempts", "1"), ("review", "feedback"), ("reveal_key", "1")])
        #expect(admin.post("/admin/capsules/\(capsule)/lessons/\(lesson)/questions", [
            ("kind", "single"), ("prompt", "Pregunta \(script)"), ("answer_1", "Sí \(script)"), ("correct_1", "1"), ("feedback_1", "Bien \(script)"),
            ("answer_2", "No \(script)"), ("feedback_2", "Pista \(script)"),
        ]).status == .seeOther)
        #expect(admin.post("/admin/capsules/\(capsule)/publish", []).status == .seeOther)
        let question = try #require(try app.connect().query("SELECT id FROM questions ORDER BY id DESC LIMIT 1").first?["id"] as Int64?)

        let learner = try app.learner("xss-aprendiz@example.org")
        try app.connect().execute("UPDATE users SET name = \("Aprendiz " + script) WHERE email = 'xss-aprendiz@example.org'")
        _ = learner.post("/capsules/capsula-xss/start", [])
        let form = try #require(QuizForm(learner.post("/capsules/capsula-xss/lessons/1/quiz/start", []).status == .seeOther
            ? learner.get("/capsules/capsula-xss/lessons/1").bodyText : ""))
        _ = learner.post("/capsules/capsula-xss/lessons/1/quiz", form.answers(right: 0))
        _ = admin.post("/admin/capsules/\(capsule)/extra-attempts", [
            ("email", "xss-aprendiz@example.org"), ("quiz", String(try app.connect().query("SELECT id FROM quizzes ORDER BY id DESC LIMIT 1").first?["id"] ?? 0 as Int64)),
            ("attempts", "1"), ("reason", "Motivo \(script)"),
        ])

        let pages: [(TestApp, String)] = [
            (app, "/capsules"), (app, "/capsules/capsula-xss"), (app, "/"), (learner, "/capsules/capsula-xss/lessons/1"), (learner, "/me"),
            (learner, "/notifications"), (admin, "/admin/capsules"), (admin, "/admin/capsules/\(capsule)"),
            (admin, "/admin/capsules/\(capsule)/lessons/\(lesson)"), (admin, "/admin/capsules/\(capsule)/questions/\(question)"),
            (admin, "/admin/capsules/\(capsule)/questions/\(question)/delete"), (admin, "/admin/capsules/\(capsule)/lessons/\(lesson)/delete"),
            (admin, "/admin/capsules/\(capsule)/stats"), (admin, "/admin/capsules/\(capsule)/preview"),
            (admin, "/admin/capsules/\(capsule)/preview/lessons/1"), (admin, "/admin/audit"),
        ]
        for (browser, path) in pages {
            let page = browser.get(path)
            #expect(page.status == .ok, "\(path)")
            #expect(!page.bodyText.contains("<script"), "\(path) carries a live script tag")
            #expect(!page.bodyText.contains("<img src=x"), "\(path)")
            #expect(!page.bodyText.contains("href=\"javascript:"), "\(path)")
        }
        // The learner's review shows the feedback, escaped.
        #expect(learner.get("/capsules/capsula-xss/lessons/1").bodyText.contains("Pista &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(learner.get("/capsules/capsula-xss/lessons/1").bodyText.contains("href=\"https://x.example/&quot;&gt;&lt;script&gt;"))
    }

    /// The lesson's text is the renderer's output and nothing else, for every hostile input
    /// of the Markdown corpus (which the renderer's own tests prove inert).
    @Test func lessonTextIsRenderedOnlyThroughTheSafeMarkdown() throws {
        let app = try TestApp()
        let capsule = try CapsuleMaker(db: try app.connect()).make(lessons: 1, questions: nil)
        let learner = try app.learner("corpus@example.org")
        _ = learner.post(capsule.path + "/start", [])
        let corpus = try String(contentsOfFile: TestEnvironment.home + "/Tests/WebTests/Resources/markdown-xss-corpus.txt", encoding: .utf8)
        let cases = corpus.components(separatedBy: "\n----\n").map { $0.split(separator: "\n").filter { !$0.hasPrefix(";;") }.joined(separator: "\n") }
        #expect(cases.count >= 100)
        for source in cases where !source.contains("\\u{") {
            try app.connect().execute("UPDATE lessons SET body = \(source) WHERE id = \(capsule.lessonIDs[0])")
            let page = learner.get(capsule.lesson(1)).bodyText
            let expected = "<article class=\"prose lesson-body\" lang=\"es\">\(Markdown(headingOffset: 1).render(source).rendered)</article>"
            #expect(page.contains(expected), "\(source.prefix(80))")
            #expect(!page.contains("<script"), "\(source.prefix(80))")
        }
    }
}
