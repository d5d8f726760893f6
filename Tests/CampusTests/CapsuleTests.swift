import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The learner's path through a capsule: the list, starting, reading lessons, marking them
/// done, resuming where they left off, and completing.
@Suite struct CapsuleTests {
    let app: TestApp
    let capsules: CapsuleMaker

    init() throws {
        app = try TestApp()
        capsules = CapsuleMaker(db: try app.connect())
    }

    @Test func theDemoCapsulesAreListedWithTheirWorkloadAndLanguage() throws {
        let page = app.get("/capsules")
        #expect(page.status == .ok)
        let text = page.bodyText
        #expect(text.contains("Movilidad sostenible: cinco decisiones que cambian una ciudad"))
        #expect(text.contains("Cidade de proximidade: o bairro como escala de planejamento"))
        #expect(text.contains("Voluntary Local Reviews: reporting on the SDGs as a city"))
        #expect(text.contains("2 horas · español · 4 lecciones"))
        #expect(text.contains("3 horas · inglés · 4 lecciones"))
        // The catalog of courses keeps to courses; capsules have their own list.
        #expect(!app.get("/courses").bodyText.contains("Movilidad sostenible: cinco decisiones"))
        let moved = app.get("/courses/capsula-movilidad-sostenible")
        #expect(moved.status == .permanentRedirect)
        #expect(moved.header("Location") == "/capsules/capsula-movilidad-sostenible")
        let capsule = app.get("/capsules/capsula-movilidad-sostenible").bodyText
        #expect(capsule.contains("<dt>Carga de trabajo estimada</dt><dd>2 horas</dd>"))
        #expect(capsule.contains("Entre para empezar"))
        #expect(capsule.contains("Calles para caminar"))
    }

    @Test func aLearnerStartsReadsAndResumesWhereTheyLeftOff() throws {
        let capsule = try capsules.make(lessons: 3, questions: nil)
        let learner = try app.learner("lectora@example.org")
        // Before starting, lessons send back to the capsule, which offers to start.
        #expect(learner.get(capsule.lesson(1)).header("Location") == capsule.path)
        #expect(learner.get(capsule.path).bodyText.contains("Empezar la cápsula"))
        let start = learner.post(capsule.path + "/start", [])
        #expect(start.status == .seeOther)
        #expect(start.header("Location") == capsule.lesson(1))
        let first = learner.get(capsule.lesson(1)).bodyText
        #expect(first.contains("Lección 1 de 3"))
        #expect(first.contains("<progress id=\"capsule-progress\" max=\"3\" value=\"0\">"))
        #expect(first.contains("<label for=\"capsule-progress\">0 de 3 lecciones hechas</label>"))

        let done = learner.post(capsule.lesson(1) + "/complete", [])
        #expect(done.header("Location") == capsule.lesson(2))
        #expect(learner.get(capsule.lesson(2)).bodyText.contains("value=\"1\">"))

        // A second session, another day: "continue" goes back to the lesson last opened.
        let later = try app.browser(signedInAs: "lectora@example.org")
        let page = later.get(capsule.path).bodyText
        #expect(page.contains("Continuar: lección 2, «Lección 2»"))
        #expect(page.contains("href=\"\(capsule.lesson(2))\""))
        #expect(page.contains("1 de 3 lecciones hechas"))
        // Starting again changes nothing and resumes there too.
        #expect(later.post(capsule.path + "/start", []).header("Location") == capsule.lesson(2))
        _ = later.get(capsule.lesson(3))
        #expect(learner.get(capsule.path).bodyText.contains("Continuar: lección 3, «Lección 3»"))
    }

    @Test func everyLessonDoneCompletesACapsuleWithoutQuizAndTellsTheLearner() throws {
        let capsule = try capsules.make(lessons: 2, questions: nil, title: "Cápsula sin cuestionario")
        let learner = try app.learner("completa@example.org")
        _ = learner.post(capsule.path + "/start", [])
        _ = learner.post(capsule.lesson(1) + "/complete", [])
        let last = learner.post(capsule.lesson(2) + "/complete", [])
        #expect(last.header("Location") == capsule.path)
        let page = learner.get(capsule.path).bodyText
        #expect(page.contains("¡Completó la cápsula!"))
        #expect(page.contains("Completada el"))
        #expect(page.contains("Repasar las lecciones"))
        let db = try app.connect()
        let notices: [String] = try db.query("""
            SELECT n.message FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = 'completa@example.org'
            """).map { try $0["message"] }
        // Completing issues the certificate: the learner hears of it once, with its link.
        #expect(notices == ["notice.certificate.issued"])
        let code: String = try #require(try db.query("""
            SELECT x.code FROM certificates x JOIN users u ON u.id = x.user_id
            WHERE u.email = 'completa@example.org' AND x.kind = 'capsule' AND x.course_id = \(capsule.id)
            """).first?["code"])
        #expect(page.contains("href=\"/certificates/\(code)\""))
        #expect(try TestApp(sharing: app).get("/certificates/\(code)").bodyText.contains("Cápsula sin cuestionario"))
        // Marking a lesson again completes nothing twice.
        _ = learner.post(capsule.lesson(1) + "/complete", [])
        #expect(try db.query("SELECT 1 FROM notifications WHERE message = 'notice.certificate.issued'").count == 1)
    }

    @Test func aCapsuleWithAQuizCompletesOnlyOnceTheQuizIsPassed() throws {
        let capsule = try capsules.make(lessons: 2)
        let learner = try app.learner("con-cuestionario@example.org")
        _ = learner.post(capsule.path + "/start", [])
        _ = learner.post(capsule.lesson(1) + "/complete", [])
        // The quiz's lesson is done by passing its quiz, not by a button.
        let refused = learner.post(capsule.lesson(2) + "/complete", [])
        #expect(refused.status == .conflict)
        #expect(refused.bodyText.contains("Esta lección termina al aprobar su cuestionario."))
        let quiz = try learner.beginQuiz(capsule)
        let graded = learner.post(capsule.lesson(2) + "/quiz", quiz.answers())
        #expect(graded.header("Location") == capsule.lesson(2) + "#quiz")
        let page = learner.get(capsule.path).bodyText
        #expect(page.contains("Completada el"))
        #expect(page.contains("2 de 2 lecciones hechas"))
    }

    @Test func learnersMustStartAndVerifyAndDraftsDoNotExistForThem() throws {
        let capsule = try capsules.make()
        let draft = try capsules.make(published: false)
        let learner = try app.learner("sin-empezar@example.org")
        #expect(learner.post(capsule.lesson(1) + "/complete", []).status == .conflict)
        #expect(learner.post(capsule.lastLesson + "/quiz/start", []).status == .conflict)
        let unverified = try app.learner("sin-verificar@example.org", verified: false)
        let refused = unverified.post(capsule.path + "/start", [])
        #expect(refused.status == .forbidden)
        #expect(unverified.get(capsule.path).bodyText.contains("Confirme su correo para empezar la cápsula"))
        for path in [draft.path, draft.lesson(1)] {
            #expect(learner.get(path).status == .notFound, "\(path)")
        }
        #expect(learner.post(draft.path + "/start", []).status == .notFound)
        #expect(!app.get("/capsules").bodyText.contains(draft.slug))
        // Unknown lessons are not found; a lesson number that is not a number is a bad request.
        _ = learner.post(capsule.path + "/start", [])
        #expect(learner.get(capsule.lesson(9)).status == .notFound)
        #expect(learner.get(capsule.path + "/lessons/uno").status == .badRequest)
    }

    @Test func meAndTheHomePageSpeakOfCapsules() throws {
        let capsule = try capsules.make(lessons: 3, questions: nil, title: "Cápsula en curso")
        let learner = try app.learner("perfil@example.org")
        #expect(learner.get("/me").bodyText.contains("Todavía no empezó ninguna cápsula."))
        _ = learner.post(capsule.path + "/start", [])
        _ = learner.post(capsule.lesson(1) + "/complete", [])
        let me = learner.get("/me").bodyText
        #expect(me.contains("Mis cápsulas"))
        #expect(me.contains("Cápsula en curso"))
        #expect(me.contains("<progress id=\"capsule-progress-\(capsule.id)\" max=\"3\" value=\"1\">"))
        let home = app.get("/").bodyText
        #expect(home.contains("Cápsulas formativas"))
        #expect(home.contains("href=\"/capsules\""))
        #expect(app.get("/", headers: ["accept-language": "fr"]).bodyText.contains("Voir toutes les capsules"))
        #expect(app.get("/").bodyText.contains("<a href=\"/capsules\">Cápsulas</a>"))
        // The demo learner in progress sees where she is.
        let mayor = try app.browser(signedInAs: "alcaldesa@campus.example").get("/me").bodyText
        #expect(mayor.contains("Qué es una estrategia urbana y para qué sirve"))
        #expect(mayor.contains("2 de 4 lecciones hechas"))
    }

    @Test func theExportTellsAndDeletingTheAccountDropsWhatWasNotCompleted() throws {
        let finished = try capsules.make(lessons: 1, questions: nil, title: "Cápsula terminada")
        let unfinished = try capsules.make(lessons: 2, title: "Cápsula a medias")
        let learner = try app.learner("privacidad@example.org")
        _ = learner.post(finished.path + "/start", [])
        _ = learner.post(finished.lesson(1) + "/complete", [])
        _ = learner.post(unfinished.path + "/start", [])
        _ = learner.post(unfinished.lesson(1) + "/complete", [])
        _ = learner.post(unfinished.lastLesson + "/quiz", try learner.beginQuiz(unfinished).answers(right: 0))
        let export = learner.get("/me/export").bodyText
        #expect(export.contains("\"capsules\": [{\"capsule\" : \"Cápsula terminada\""))
        #expect(export.contains("\"capsule\" : \"Cápsula a medias\""))
        #expect(export.contains("\"attempt\" : 1"))
        #expect(export.contains("\"score\" : 0, \"passed\" : false"))
        #expect(learner.post("/me/delete", [("password", "correct horse battery staple")]).status == .seeOther)
        let row = try #require(try app.connect().query("""
            SELECT (SELECT count(*) FROM capsule_progress p WHERE p.user_id = u.id)::int8 AS progress,
                   (SELECT count(*) FROM capsule_progress p WHERE p.user_id = u.id AND p.completed_at IS NOT NULL)::int8 AS completed,
                   (SELECT count(*) FROM lesson_progress lp WHERE lp.user_id = u.id)::int8 AS lessons,
                   (SELECT count(*) FROM quiz_attempts a WHERE a.user_id = u.id)::int8 AS attempts
            FROM users u WHERE u.email LIKE 'deleted-%' ORDER BY u.id DESC LIMIT 1
            """).first)
        #expect(try row["progress"] as Int == 1)
        #expect(try row["completed"] as Int == 1)
        #expect(try row["lessons"] as Int == 1)
        #expect(try row["attempts"] as Int == 0)
    }

    @Test func metricsCountCapsulesInProgressAndCompleted() throws {
        let admin = try app.browser(signedInAs: "admin@campus.example")
        let metrics = admin.get("/metrics").bodyText
        #expect(metrics.contains("campus_capsules_in_progress 5\n"))
        #expect(metrics.contains("campus_capsules_completed 1\n"))
    }
}
