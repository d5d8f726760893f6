import Foundation
import Postgres
import Testing
import TestSupport

/// A capsule taken across two visits in a real browser on a phone: start it, read, sign
/// out, come back and continue where she left off, fail the quiz once, pass it, and see
/// the capsule completed.
@Suite(.serialized, .browserEvidence) final class CapsuleBrowserTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database)
    }

    deinit { stack.stop() }

    func signIn(_ browser: Browser) throws {
        try browser.open("/login")
        try browser.fill("#email", "alcaldesa@campus.example")
        try browser.fill("#password", "campus-demo-2026")
        try browser.submit("form.form")
    }

    /// Whether each answer of the open-data capsule's bank is right, by its text.
    func key() throws -> [String: Bool] {
        let rows = try database.connect().query("""
            SELECT a.text, a.correct FROM answers a JOIN questions q ON q.id = a.question_id JOIN quizzes z ON z.id = q.quiz_id
            JOIN lessons l ON l.id = z.lesson_id JOIN courses c ON c.id = l.course_id WHERE c.slug = 'capsula-datos-abiertos'
            """)
        return Dictionary(try rows.map { (try $0["text"] as String, try $0["correct"] as Bool) }) { first, _ in first }
    }

    /// Ticks the answers on the page: the right ones, or one wrong one per question.
    func answer(_ browser: Browser, right: Bool) throws {
        let form = try #require(QuizForm(try browser.pageSource()))
        let key = try key()
        for (_, choices) in form.questions {
            let picked = right ? choices.filter { key[$0.text] == true } : Array(choices.filter { key[$0.text] == false }.prefix(1))
            #expect(!picked.isEmpty)
            for choice in picked { try browser.click("input[value='\(choice.token)']") }
        }
        try browser.submit("form.quiz-form")
    }

    @Test func aLearnerTakesACapsuleOverTwoVisitsFailsTheQuizOnceAndCompletesIt() throws {
        let browser = try Browser(baseURL: stack.baseURL)
        try signIn(browser)
        try browser.follow("nav.site-nav a[href='/capsules']")
        #expect(try browser.text("h1") == "Cápsulas formativas")
        try browser.follow(".card h2 a[href='/capsules/capsula-datos-abiertos']")
        #expect(try browser.text("main").contains("Carga de trabajo estimada"))
        try browser.submit("form[action='/capsules/capsula-datos-abiertos/start']")
        #expect(try browser.path == "/capsules/capsula-datos-abiertos/lessons/1")
        #expect(try browser.text("h1") == "Por qué abrir los datos")
        #expect(try browser.text(".capsule-progress label") == "0 de 4 lecciones hechas")
        try browser.submit("form.lesson-done")
        #expect(try browser.path == "/capsules/capsula-datos-abiertos/lessons/2")
        #expect(try browser.text(".flash") == "Lección hecha.")
        #expect(try browser.attribute("progress#capsule-progress", "value") == "1")

        // She signs out in the middle of lesson 2, and comes back another day.
        try browser.follow(".user-menu form button")
        #expect(try browser.text(".flash") == "Ha salido de su cuenta.")
        try signIn(browser)
        try browser.open("/capsules/capsula-datos-abiertos")
        #expect(try browser.text(".capsule-box .button") == "Continuar: lección 2, «Qué publicar primero»")
        try browser.follow(".capsule-box .button")
        #expect(try browser.path == "/capsules/capsula-datos-abiertos/lessons/2")
        try browser.submit("form.lesson-done")
        try browser.submit("form.lesson-done")
        #expect(try browser.path == "/capsules/capsula-datos-abiertos/lessons/4")
        #expect(try browser.text(".capsule-progress label") == "3 de 4 lecciones hechas")

        // The quiz: a first attempt that fails shows which questions were wrong, not the key.
        try browser.submit("#quiz form")
        #expect(try browser.text("#quiz h3") == "Intento 1")
        try answer(browser, right: false)
        #expect(try browser.text(".flash").hasPrefix("Todavía no alcanza la nota"))
        #expect(try browser.text(".quiz-result") == "Intento 1: 0 %. Hace falta el 70 % para aprobar.")
        #expect(try browser.exists(".question-review.wrong"))
        #expect(try !browser.exists(".mark-key"))
        // A second attempt, answered right, passes and completes the capsule.
        try browser.submit("#quiz form")
        #expect(try browser.text("#quiz h3") == "Intento 2")
        try answer(browser, right: true)
        #expect(try browser.text(".flash") == "¡Completó la cápsula!")
        #expect(try browser.text(".quiz-result") == "Intento 2: 100 %. ¡Aprobado!")
        #expect(try browser.exists(".mark-key"))
        try browser.open("/capsules/capsula-datos-abiertos")
        #expect(try browser.text(".capsule-box").hasPrefix("Completada el"))
        #expect(try browser.text(".capsule-progress label") == "4 de 4 lecciones hechas")
        try browser.open("/me")
        #expect(try browser.text("#capsules").contains("Datos abiertos municipales"))
    }
}
