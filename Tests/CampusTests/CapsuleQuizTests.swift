import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Quizzes graded on the server from each attempt's own copy: the draw and the order are
/// stored, the key never reaches the page before submission, and a tampered form is
/// refused, never graded.
@Suite struct CapsuleQuizTests {
    let app: TestApp
    let capsules: CapsuleMaker

    init() throws {
        app = try TestApp()
        capsules = CapsuleMaker(db: try app.connect())
    }

    /// A learner who started `capsule`.
    func learner(_ email: String, in capsule: TestCapsule) throws -> TestApp {
        let browser = try app.learner(email)
        #expect(browser.post(capsule.path + "/start", []).status == .seeOther)
        return browser
    }

    func attempts(_ email: String) throws -> [(number: Int, score: Int?, passed: Bool?)] {
        try app.connect().query("""
            SELECT a.number, a.score, a.passed FROM quiz_attempts a JOIN users u ON u.id = a.user_id
            WHERE u.email = \(email) ORDER BY a.number
            """).map { (number: try $0["number"], score: try $0["score"], passed: try $0["passed"]) }
    }

    @Test func gradingIsAllOrNothingPerQuestionAndTheScoreIsTheShareRight() {
        let single = AttemptQuestion(position: 1, kind: .single, prompt: "P1", correct: nil, answers: [
            AttemptAnswer(token: "a", text: "A", correct: true, feedback: "", chosen: false),
            AttemptAnswer(token: "b", text: "B", correct: false, feedback: "", chosen: false),
        ])
        let multiple = AttemptQuestion(position: 2, kind: .multiple, prompt: "P2", correct: nil, answers: [
            AttemptAnswer(token: "c", text: "C", correct: true, feedback: "", chosen: false),
            AttemptAnswer(token: "d", text: "D", correct: true, feedback: "", chosen: false),
            AttemptAnswer(token: "e", text: "E", correct: false, feedback: "", chosen: false),
        ])
        let questions = [single, multiple]
        #expect(QuizGrading.grade(questions, chosen: [1: ["a"], 2: ["c", "d"]], passingScore: 70) == .init(score: 100, passed: true, rightPositions: [1, 2], chosenTokens: ["a", "c", "d"]))
        // Part of the right answers, or one too many, is wrong: no partial credit.
        #expect(QuizGrading.grade(questions, chosen: [1: ["a"], 2: ["c"]], passingScore: 70).score == 50)
        #expect(QuizGrading.grade(questions, chosen: [1: ["a"], 2: ["c", "d", "e"]], passingScore: 50).rightPositions == [1])
        #expect(QuizGrading.grade(questions, chosen: [1: ["b"], 2: ["c", "d"]], passingScore: 50).passed)
        // Two of three right rounds half up: 67.
        let third = AttemptQuestion(position: 3, kind: .single, prompt: "P3", correct: nil, answers: single.answers.map {
            AttemptAnswer(token: $0.token + "3", text: $0.text, correct: $0.correct, feedback: "", chosen: false)
        })
        #expect(QuizGrading.grade(questions + [third], chosen: [1: ["a"], 2: ["c", "d"], 3: ["b3"]], passingScore: 67).score == 67)
    }

    @Test func theFormNeverCarriesTheKeyAndAReloadShowsTheSameAttempt() throws {
        let capsule = try capsules.make(questions: (1...8).map { CapsuleMaker.question($0) },
            quiz: QuizFields(passingScore: 70, maxAttempts: nil, drawCount: 4, shuffleAnswers: true, review: .feedback, revealKey: true))
        let learner = try learner("sin-clave@example.org", in: capsule)
        let form = try learner.beginQuiz(capsule)
        #expect(form.questions.count == 4)
        let page = learner.get(capsule.lastLesson).bodyText
        // Nothing in the page tells the right answer from the others: no feedback, no flags,
        // tokens unrelated to the answers' ids.
        #expect(!page.contains("Bien "))
        #expect(!page.contains("Pista "))
        #expect(!page.contains("correct"))
        let answerIDs: [Int64] = try app.connect().query("SELECT id FROM answers").map { try $0["id"] }
        for question in form.questions.values {
            for choice in question { #expect(choice.token.count == 32 && !answerIDs.map(String.init).contains(choice.token)) }
        }
        // The same attempt, the same draw and order, on every reload and in another session.
        let again = try #require(QuizForm(try app.browser(signedInAs: "sin-clave@example.org").get(capsule.lastLesson).bodyText))
        #expect(again.attempt == form.attempt)
        #expect(again.prompts == form.prompts)
        #expect(again.questions.mapValues { $0.map(\.token) } == form.questions.mapValues { $0.map(\.token) })
        // Asking to start again while one is open shows the same one.
        #expect(try learner.beginQuiz(capsule).attempt == form.attempt)
    }

    @Test func attemptsDrawFromThePoolAndShuffleTheAnswers() throws {
        let capsule = try capsules.make(questions: (1...8).map { CapsuleMaker.question($0) },
            quiz: QuizFields(passingScore: 70, maxAttempts: nil, drawCount: 4, shuffleAnswers: true, review: .score, revealKey: false))
        var draws: Set<[String]> = []
        var orders: Set<[String]> = []
        for n in 1...12 {
            let learner = try learner("sorteo\(n)@example.org", in: capsule)
            let form = try learner.beginQuiz(capsule)
            draws.insert(form.prompts.sorted { $0.key < $1.key }.map(\.value))
            for choices in form.questions.values { orders.insert(choices.map { String($0.text.prefix(2)) }) }
            #expect(Set(form.prompts.values).isSubset(of: Set((1...8).map { "Pregunta \($0)" })))
        }
        // Seventy possible draws and six orders of three answers: twelve attempts that all
        // came out the same would mean there is no draw.
        #expect(draws.count > 1)
        #expect(orders.count > 1)
    }

    @Test func aFailedAttemptShowsWhatItsSettingAllowsAndNeverTheKeyTooEarly() throws {
        for review in ReviewOption.allCases {
            let capsule = try capsules.make(quiz: QuizFields(passingScore: 70, maxAttempts: 2, drawCount: nil, shuffleAnswers: false, review: review, revealKey: true))
            let learner = try learner("revision-\(review.rawValue)@example.org", in: capsule)
            let form = try learner.beginQuiz(capsule)
            #expect(learner.post(capsule.lastLesson + "/quiz", form.answers(right: 1)).header("Location") == capsule.lastLesson + "#quiz")
            let page = learner.get(capsule.lastLesson).bodyText
            #expect(page.contains("Intento 1: 25 %. Hace falta el 70 % para aprobar."), "\(review)")
            #expect(!page.contains("Respuesta correcta"), "\(review): the key before passing or running out")
            #expect(page.contains("Incorrecta") == (review != .score), "\(review)")
            #expect(page.contains("Pista 2a") == (review == .feedback), "\(review): feedback on the answer chosen")
            #expect(!page.contains("Bien 2"), "\(review): feedback of a right answer not chosen")
            // Out of attempts: now the key shows.
            let second = try learner.beginQuiz(capsule)
            _ = learner.post(capsule.lastLesson + "/quiz", second.answers(right: 0))
            let last = learner.get(capsule.lastLesson).bodyText
            #expect(last.contains("Respuesta correcta"), "\(review)")
            #expect(last.contains("Ya usó todos sus intentos"), "\(review)")
            #expect(!last.contains("Empezar otro intento"), "\(review)")
        }
        // A quiz that never reveals its key keeps it even then.
        let closed = try capsules.make(quiz: QuizFields(passingScore: 70, maxAttempts: 1, drawCount: nil, shuffleAnswers: false, review: .feedback, revealKey: false))
        let learner = try learner("sin-revelar@example.org", in: closed)
        _ = learner.post(closed.lastLesson + "/quiz", try learner.beginQuiz(closed).answers(right: 0))
        #expect(!learner.get(closed.lastLesson).bodyText.contains("Respuesta correcta"))
    }

    @Test func passingShowsTheKeyAndAllowsNoMoreAttempts() throws {
        let capsule = try capsules.make()
        let learner = try learner("aprobada@example.org", in: capsule)
        _ = learner.post(capsule.lastLesson + "/quiz", try learner.beginQuiz(capsule).answers())
        let page = learner.get(capsule.lastLesson).bodyText
        #expect(page.contains("Intento 1: 100 %. ¡Aprobado!"))
        #expect(page.contains("Respuesta correcta"))
        #expect(page.contains("Lección hecha"))
        let again = learner.post(capsule.lastLesson + "/quiz/start", [])
        #expect(again.status == .conflict)
        #expect(again.bodyText.contains("Ya aprobó este cuestionario."))
        #expect(try attempts("aprobada@example.org").map(\.passed) == [true])
    }

    @Test func tamperedFormsAreRefusedAndNeverGraded() throws {
        let capsule = try capsules.make(questions: [CapsuleMaker.question(1), CapsuleMaker.question(2, multiple: true), CapsuleMaker.question(3)])
        let other = try capsules.make()
        let learner = try learner("trampa@example.org", in: capsule)
        _ = learner.post(other.path + "/start", [])
        let foreign = try learner.beginQuiz(other)
        let form = try learner.beginQuiz(capsule)
        let valid = form.answers()
        let q1 = try #require(form.questions[1])
        let q2 = try #require(form.questions[2])
        let cases: [(String, [(String, String)])] = [
            ("an answer id never offered", valid.map { $0.0 == "q1" ? ("q1", "ffffffffffffffffffffffffffffffff") : $0 }),
            ("an answer of another quiz", valid.map { $0.0 == "q1" ? ("q1", foreign.questions[1]?.first?.token ?? "") : $0 }),
            ("an answer of another question", valid.map { $0.0 == "q1" ? ("q1", q2[0].token) : $0 }),
            ("two answers to a single-choice question", valid + [("q1", q1.first { $0.text.hasPrefix("No") }?.token ?? "")]),
            ("a question the attempt did not ask", valid + [("q9", q1[0].token)]),
            ("a question field that is not a number", valid + [("qx", q1[0].token)]),
            ("no attempt", valid.filter { $0.0 != "attempt" }),
        ]
        for (name, fields) in cases {
            let response = learner.post(capsule.lastLesson + "/quiz", fields)
            #expect(response.status == .unprocessableContent, "\(name)")
            #expect(response.bodyText.contains("no corresponden a este intento"), "\(name)")
        }
        #expect(try attempts("trampa@example.org").allSatisfy { $0.score == nil })
        // Another attempt than the one in progress (another quiz's, or made up) is a conflict.
        for attempt in [foreign.attempt, "999999"] {
            let response = learner.post(capsule.lastLesson + "/quiz", [("attempt", attempt)] + valid.dropFirst())
            #expect(response.status == .conflict)
            #expect(response.bodyText.contains("no es el que está en curso"))
        }
        // The honest form still works after all that, once.
        #expect(learner.post(capsule.lastLesson + "/quiz", valid).status == .seeOther)
        let twice = learner.post(capsule.lastLesson + "/quiz", valid)
        #expect(twice.status == .conflict)
        #expect(twice.bodyText.contains("ya se envió"))
        #expect(try attempts("trampa@example.org").compactMap(\.score) == [100])
    }

    @Test func unansweredQuestionsBringTheFormBackWithTheChoicesKept() throws {
        let capsule = try capsules.make()
        let learner = try learner("incompleta@example.org", in: capsule)
        let form = try learner.beginQuiz(capsule)
        let partial = form.answers().filter { $0.0 != "q3" }
        let response = learner.post(capsule.lastLesson + "/quiz", partial)
        #expect(response.status == .unprocessableContent)
        let page = response.bodyText
        #expect(page.contains("Responda todas las preguntas antes de enviar"))
        #expect(page.contains("<p class=\"field-error\" id=\"q3-error\">Falta responder esta pregunta.</p>"))
        let kept = try #require(partial.first { $0.0 == "q1" })
        #expect(page.contains("value=\"\(kept.1)\" checked>"))
        #expect(try attempts("incompleta@example.org").map(\.score) == [nil])
    }

    @Test func theAttemptsLimitHoldsUntilStaffGrantMoreWithAReason() throws {
        let capsule = try capsules.make(quiz: QuizFields(passingScore: 70, maxAttempts: 2, drawCount: nil, shuffleAnswers: true, review: .questions, revealKey: false))
        let learner = try learner("sin-intentos@example.org", in: capsule)
        for _ in 1...2 {
            let form = try learner.beginQuiz(capsule)
            #expect(learner.post(capsule.lastLesson + "/quiz", form.answers(right: 0)).status == .seeOther)
        }
        let refused = learner.post(capsule.lastLesson + "/quiz/start", [])
        #expect(refused.status == .conflict)
        #expect(refused.bodyText.contains("Ya no le quedan intentos"))
        #expect(learner.get(capsule.lastLesson).bodyText.contains("Ya usó todos sus intentos"))

        let admin = try app.browser(signedInAs: try app.createUser("jefa-intentos@example.org", roles: ["admin"]))
        let quiz = String(capsule.quizID ?? 0)
        let missing = admin.post("/admin/capsules/\(capsule.id)/extra-attempts", [("email", "sin-intentos@example.org"), ("quiz", quiz), ("attempts", "1"), ("reason", "")])
        #expect(missing.status == .unprocessableContent)
        let granted = admin.post("/admin/capsules/\(capsule.id)/extra-attempts", [
            ("email", "sin-intentos@example.org"), ("quiz", quiz), ("attempts", "1"), ("reason", "Se cortó la luz durante el segundo intento."),
        ])
        #expect(granted.status == .seeOther)
        let db = try app.connect()
        let audit = try #require(try db.query("""
            SELECT a.details->>'reason' AS reason, a.details->>'attempts' AS attempts FROM audit_log a WHERE a.action = 'quiz.extra_attempts'
            """).first)
        #expect(try audit["reason"] as String == "Se cortó la luz durante el segundo intento.")
        #expect(try audit["attempts"] as String == "1")
        #expect(learner.get("/notifications").bodyText.contains("Tiene más intentos en el cuestionario de «Lección 3»"))
        // One more, and only one.
        _ = learner.post(capsule.lastLesson + "/quiz", try learner.beginQuiz(capsule).answers())
        #expect(try attempts("sin-intentos@example.org").map(\.passed) == [false, false, true])
        let auditPage = admin.get("/admin/audit").bodyText
        #expect(auditPage.contains("Concedió intentos adicionales"))
        #expect(auditPage.contains("1 intento más. Motivo: «Se cortó la luz durante el segundo intento.»"))
    }

    @Test func editingTheBankNeverChangesAnAttemptOrItsResult() throws {
        let capsule = try capsules.make()
        let learner = try learner("foto@example.org", in: capsule)
        let form = try learner.beginQuiz(capsule)
        // While the attempt is open, an author rewrites a question and flips its key…
        let db = try app.connect()
        let question = try #require(try db.query("SELECT id FROM questions WHERE quiz_id = \(capsule.quizID ?? 0) AND prompt = 'Pregunta 1'").first?["id"] as Int64?)
        let admin = try app.browser(signedInAs: try app.createUser("autora-foto@example.org", roles: ["admin"]))
        let edited = admin.post("/admin/capsules/\(capsule.id)/questions/\(question)", [
            ("kind", "single"), ("prompt", "Pregunta 1 reescrita"),
            ("answer_1", "Sí 1"), ("feedback_1", "Ahora incorrecta"), ("answer_2", "No 1a"), ("correct_2", "1"), ("answer_3", "No 1b"),
        ])
        #expect(edited.status == .seeOther)
        // …the attempt is graded on what it asked, and keeps it afterwards.
        _ = learner.post(capsule.lastLesson + "/quiz", form.answers())
        #expect(try attempts("foto@example.org").compactMap(\.score) == [100])
        let review = learner.get(capsule.lastLesson).bodyText
        #expect(review.contains("Pregunta 1 "))
        #expect(!review.contains("Pregunta 1 reescrita"))
        // Deleting the question later changes nothing either.
        #expect(admin.post("/admin/capsules/\(capsule.id)/questions/\(question)/delete", [("confirm", "yes")]).status == .seeOther)
        #expect(learner.get(capsule.lastLesson).bodyText.contains("Intento 1: 100 %. ¡Aprobado!"))
        let kept: Int = try db.query("""
            SELECT count(*)::int8 AS n FROM attempt_questions WHERE prompt = 'Pregunta 1' AND question_id IS NULL
            """).first?["n"] ?? 0
        #expect(kept == 1)
    }
}
