import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Authoring capsules: admins and the capsule's own instructors create and edit them,
/// preview them, publish them; no edit ever takes away a learner's progress.
@Suite struct CapsuleAuthoringTests {
    let app: TestApp
    let capsules: CapsuleMaker

    init() throws {
        app = try TestApp()
        capsules = CapsuleMaker(db: try app.connect())
    }

    func admin() throws -> TestApp {
        try app.browser(signedInAs: try app.createUser("autora-\(Int.random(in: 1...1_000_000))@example.org", roles: ["admin"]))
    }

    func lessonIDs(_ capsule: Int64) throws -> [Int64] {
        try app.connect().query("SELECT id FROM lessons WHERE course_id = \(capsule) ORDER BY position").map { try $0["id"] }
    }

    @Test func anAdminBuildsACapsuleFromNothingAndPublishesIt() throws {
        let admin = try admin()
        let created = admin.post("/admin/capsules", [
            ("title", "Cápsula nueva de prueba"), ("slug", "capsula-nueva-de-prueba"), ("language", "es"), ("workload_hours", "3"),
            ("summary", "Un resumen."), ("description", "Una **descripción**."), ("topics", "resiliencia-urbana"),
        ])
        #expect(created.status == .seeOther)
        let db = try app.connect()
        let capsule = try #require(try db.query("SELECT id FROM courses WHERE slug = 'capsula-nueva-de-prueba' AND kind = 'capsule' AND NOT published AND workload_hours = 3").first?["id"] as Int64?)
        #expect(created.header("Location") == "/admin/capsules/\(capsule)")
        // Publishing a capsule without lessons is refused with the reason.
        let early = admin.post("/admin/capsules/\(capsule)/publish", [])
        #expect(early.status == .conflict)
        #expect(early.bodyText.contains("añádale al menos una lección"))

        #expect(admin.post("/admin/capsules/\(capsule)/lessons", [("title", "Primera lección")]).status == .seeOther)
        let lesson = try #require(try lessonIDs(capsule).first)
        let saved = admin.post("/admin/capsules/\(capsule)/lessons/\(lesson)", [
            ("title", "Primera lección"), ("body", "# Un título\n\nUn párrafo con *énfasis*."), ("video_url", "https://video.example.org/v/1"),
        ])
        #expect(saved.status == .seeOther)
        #expect(admin.post("/admin/capsules/\(capsule)/lessons/\(lesson)/readings", [("reading_title", "Una lectura"), ("reading_url", "https://example.org/lectura")]).status == .seeOther)
        #expect(admin.post("/admin/capsules/\(capsule)/lessons/\(lesson)/quiz", [("passing_score", "50"), ("max_attempts", ""), ("draw_count", "2"), ("review", "feedback"), ("shuffle_answers", "1")]).status == .seeOther)
        // A quiz asking more questions than its bank holds keeps the capsule from being published.
        #expect(admin.post("/admin/capsules/\(capsule)/publish", []).status == .conflict)
        for n in 1...2 {
            let question = admin.post("/admin/capsules/\(capsule)/lessons/\(lesson)/questions", [
                ("kind", "single"), ("prompt", "¿Pregunta \(n)?"), ("answer_1", "Sí"), ("correct_1", "1"), ("feedback_1", "Bien."), ("answer_2", "No"),
            ])
            #expect(question.status == .seeOther)
        }
        #expect(admin.post("/admin/capsules/\(capsule)/publish", []).status == .seeOther)
        let page = app.get("/capsules/capsula-nueva-de-prueba").bodyText
        #expect(page.contains("<strong>descripción</strong>"))
        #expect(page.contains("3 horas"))
        let learner = try app.learner("primera@example.org")
        _ = learner.post("/capsules/capsula-nueva-de-prueba/start", [])
        let lessonPage = learner.get("/capsules/capsula-nueva-de-prueba/lessons/1").bodyText
        #expect(lessonPage.contains("<h2>Un título</h2>"))
        #expect(lessonPage.contains("href=\"https://video.example.org/v/1\" rel=\"nofollow noopener\">Ver el video en video.example.org</a>"))
        #expect(lessonPage.contains("Una lectura"))
        #expect(!lessonPage.contains("<iframe"))
        let actions: [String] = try db.query("SELECT action FROM audit_log WHERE subject_kind = 'course' AND subject_id = \(capsule) ORDER BY id").map { try $0["action"] }
        #expect(actions == ["course.create", "lesson.create", "lesson.update", "lesson.update", "quiz.create", "question.create", "question.create", "capsule.publish"])
    }

    @Test func formsWithMistakesComeBackWithTheirValues() throws {
        let admin = try admin()
        let capsule = try capsules.make(published: false)
        let lesson = capsule.lessonIDs[0]
        let bad: [(String, [(String, String)], String)] = [
            ("/admin/capsules/\(capsule.id)/lessons/\(lesson)", [("title", "Título"), ("body", "x"), ("video_url", "javascript:alert(1)")], "dirección https:// del video"),
            ("/admin/capsules/\(capsule.id)/lessons/\(lesson)", [("title", "Título"), ("body", "x"), ("video_url", "http://sin-cifrar.example.org/v")], "dirección https:// del video"),
            ("/admin/capsules/\(capsule.id)/lessons/\(lesson)/readings", [("reading_title", "Lectura"), ("reading_url", "ftp://example.org/x")], "https:// o http://"),
            ("/admin/capsules/\(capsule.id)/lessons/\(lesson)/quiz", [("passing_score", "101"), ("review", "questions")], "porcentaje entre 1 y 100"),
            ("/admin/capsules/\(capsule.id)/lessons/\(capsule.lessonIDs[2])/questions",
             [("kind", "single"), ("prompt", "¿Cuál?"), ("answer_1", "Una"), ("correct_1", "1"), ("answer_2", "Otra"), ("correct_2", "1")], "una sola respuesta correcta"),
            ("/admin/capsules/\(capsule.id)/lessons/\(capsule.lessonIDs[2])/questions", [("kind", "multiple"), ("prompt", "¿Cuál?"), ("answer_1", "Una")], "al menos dos respuestas"),
            ("/admin/capsules/\(capsule.id)", [("title", "Cápsula"), ("slug", "capsula-x"), ("language", "es"), ("summary", "R"), ("workload_hours", "1e3")], "entre 1 y 2000"),
        ]
        for (path, fields, message) in bad {
            let response = admin.post(path, fields)
            #expect(response.status == .unprocessableContent, "\(path) \(fields)")
            #expect(response.bodyText.contains(message), "\(path): \(message)")
            #expect(response.bodyText.contains("value=\"\(fields[0].1)\"") || response.bodyText.contains(">\(fields[0].1)<"), "\(path) keeps its values")
        }
    }

    @Test func lessonsMoveUpAndDownAndOnlyUntouchedOnesCanBeDeleted() throws {
        let admin = try admin()
        let capsule = try capsules.make(lessons: 3, questions: nil)
        let ids = capsule.lessonIDs
        #expect(admin.post("/admin/capsules/\(capsule.id)/lessons/\(ids[2])/move", [("direction", "up")]).status == .seeOther)
        #expect(try lessonIDs(capsule.id) == [ids[0], ids[2], ids[1]])
        // At the top, "up" changes nothing.
        _ = admin.post("/admin/capsules/\(capsule.id)/lessons/\(ids[0])/move", [("direction", "up")])
        #expect(try lessonIDs(capsule.id) == [ids[0], ids[2], ids[1]])
        #expect(admin.post("/admin/capsules/\(capsule.id)/lessons/\(ids[0])/move", [("direction", "sideways")]).status == .unprocessableContent)
        let outline = admin.get("/admin/capsules/\(capsule.id)").bodyText
        #expect(outline.contains("Subir «Lección 3»"))

        let learner = try app.learner("hizo-una@example.org")
        _ = learner.post(capsule.path + "/start", [])
        _ = learner.post(capsule.lesson(1) + "/complete", [])
        // Deleting asks first; a lesson someone did is part of their record.
        #expect(admin.get("/admin/capsules/\(capsule.id)/lessons/\(ids[0])/delete").bodyText.contains("¿Eliminar la lección «Lección 1»?"))
        #expect(admin.post("/admin/capsules/\(capsule.id)/lessons/\(ids[0])/delete", []).header("Location") == "/admin/capsules/\(capsule.id)/lessons/\(ids[0])/delete")
        let refused = admin.post("/admin/capsules/\(capsule.id)/lessons/\(ids[0])/delete", [("confirm", "yes")])
        #expect(refused.status == .conflict)
        #expect(refused.bodyText.contains("forma parte de su historial"))
        #expect(admin.post("/admin/capsules/\(capsule.id)/lessons/\(ids[2])/delete", [("confirm", "yes")]).status == .seeOther)
        #expect(try lessonIDs(capsule.id) == [ids[0], ids[1]])
        #expect(learner.get(capsule.path).bodyText.contains("1 de 2 lecciones hechas"))
    }

    @Test func editingAPublishedCapsuleKeepsEveryonesProgressAndCompletion() throws {
        let admin = try admin()
        let capsule = try capsules.make(lessons: 2, questions: nil)
        let finished = try app.learner("termino@example.org")
        _ = finished.post(capsule.path + "/start", [])
        _ = finished.post(capsule.lesson(1) + "/complete", [])
        _ = finished.post(capsule.lesson(2) + "/complete", [])
        let halfway = try app.learner("a-medias@example.org")
        _ = halfway.post(capsule.path + "/start", [])
        _ = halfway.post(capsule.lesson(1) + "/complete", [])

        // A new lesson, a renamed one, a reorder, unpublishing and publishing again.
        #expect(admin.post("/admin/capsules/\(capsule.id)/lessons", [("title", "Lección añadida después")]).status == .seeOther)
        _ = admin.post("/admin/capsules/\(capsule.id)/lessons/\(capsule.lessonIDs[0])", [("title", "Lección 1 renombrada"), ("body", "Texto nuevo.")])
        _ = admin.post("/admin/capsules/\(capsule.id)/lessons/\(capsule.lessonIDs[0])/move", [("direction", "down")])
        #expect(admin.post("/admin/capsules/\(capsule.id)/unpublish", []).status == .seeOther)
        #expect(finished.get(capsule.path).status == .notFound)
        #expect(admin.post("/admin/capsules/\(capsule.id)/publish", []).status == .seeOther)

        let done = finished.get(capsule.path).bodyText
        #expect(done.contains("Completada el"))
        #expect(done.contains("2 de 3 lecciones hechas"))
        #expect(done.contains("Lección añadida después</a> <span class=\"state state-upcoming\">Nueva</span>"))
        let going = halfway.get(capsule.path).bodyText
        #expect(going.contains("1 de 3 lecciones hechas"))
        #expect(going.contains("Lección 1 renombrada</a> <span class=\"state state-open\">Hecha</span>"))
        #expect(!going.contains("Completada el"))
    }

    @Test func thePreviewShowsTheLearnersPagesAndRecordsNothing() throws {
        let admin = try admin()
        let capsule = try capsules.make(
            questions: (1...6).map { CapsuleMaker.question($0) },
            quiz: QuizFields(passingScore: 70, maxAttempts: 2, drawCount: 3, shuffleAnswers: true, review: .questions, revealKey: true), published: false)
        let page = admin.get("/admin/capsules/\(capsule.id)/preview").bodyText
        #expect(page.contains("Vista previa"))
        #expect(page.contains("href=\"/admin/capsules/\(capsule.id)/preview/lessons/1\""))
        let lesson = admin.get("/admin/capsules/\(capsule.id)/preview/lessons/3").bodyText
        #expect(lesson.matches(of: /<legend>Pregunta [0-9]<\/legend>/).count == 3)
        #expect(lesson.contains("disabled"))
        #expect(!lesson.contains("Bien ") && !lesson.contains("Pista "))
        #expect(!lesson.contains("<form class=\"form quiz-form\""))
        let recorded: Int = try app.connect().query("""
            SELECT (SELECT count(*) FROM capsule_progress WHERE course_id = \(capsule.id))
                   + (SELECT count(*) FROM quiz_attempts WHERE quiz_id = \(capsule.quizID ?? 0)) AS n
            """).first?["n"] ?? -1
        #expect(recorded == 0)
    }

    @Test func instructorsOfACapsuleAuthorItAndNothingElse() throws {
        let mine = try capsules.make(published: false)
        let theirs = try capsules.make(published: false)
        let id = try app.createUser("autor-capsula@example.org", roles: ["instructor:course=\(mine.id)"])
        let author = try app.browser(signedInAs: id)
        #expect(author.get("/admin/capsules").bodyText.contains("/admin/capsules/\(mine.id)\""))
        #expect(!author.get("/admin/capsules").bodyText.contains("/admin/capsules/\(theirs.id)\""))
        #expect(author.get("/admin/capsules/\(mine.id)").status == .ok)
        #expect(author.get("/admin/capsules/\(theirs.id)").status == .forbidden)
        #expect(author.get("/admin/capsules/new").status == .forbidden)
        #expect(author.post("/admin/capsules/\(theirs.id)/lessons", [("title", "Intrusa")]).status == .forbidden)
        #expect(author.get("/admin/capsules/\(mine.id)/stats").status == .ok)
        // The teaching home is for editions; a capsule's author does not get it.
        #expect(!author.get("/").bodyText.contains("Mi docencia"))
        #expect(author.get("/me").bodyText.contains("href=\"/admin/capsules\""))
        // Granted through /admin/users as the other scopes are, and audited.
        let admin = try admin()
        let person = try app.createUser("nueva-autora@example.org")
        let form = admin.get("/admin/users/\(person)").bodyText
        #expect(form.contains("<option value=\"course\">Cápsula</option>"))
        #expect(admin.post("/admin/users/\(person)/roles", [("role", "instructor"), ("scope", "course"), ("scope_id", String(mine.id))]).status == .seeOther)
        #expect(admin.post("/admin/users/\(person)/roles", [("role", "instructor"), ("scope", "course"), ("scope_id", "999999")]).status == .unprocessableContent)
        let edition: Int64 = try app.connect().query("SELECT id FROM editions ORDER BY id LIMIT 1").first?["id"] ?? 0
        let course: Int64 = try app.connect().query("SELECT course_id FROM editions WHERE id = \(edition)").first?["course_id"] ?? 0
        // A course that is not a capsule is no scope for authoring.
        #expect(admin.post("/admin/users/\(person)/roles", [("role", "instructor"), ("scope", "course"), ("scope_id", String(course))]).status == .unprocessableContent)
        #expect(try app.browser(signedInAs: person).get("/admin/capsules/\(mine.id)").status == .ok)
        #expect(try app.browser(signedInAs: person).get("/notifications").bodyText.contains("Ahora puede editar la cápsula n.º \(mine.id)."))
        #expect(try RoleGrant("instructor:course=\(mine.id)")?.scope == .course(mine.id))
        #expect(throws: AccountCommands.Failure.self) {
            try AccountCommands.addUser(try app.connect(), email: "cli@example.org", name: "CLI", password: "correct horse battery staple", roles: ["instructor:course=\(course)"])
        }
    }
}
