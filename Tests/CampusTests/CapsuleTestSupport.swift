import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// A capsule made for one test.
struct TestCapsule {
    let id: Int64
    let slug: String
    let lessonIDs: [Int64]
    let quizID: Int64?

    var path: String { "/capsules/\(slug)" }
    func lesson(_ n: Int) -> String { "/capsules/\(slug)/lessons/\(n)" }
    var lastLesson: String { lesson(lessonIDs.count) }
}

/// Capsules with known content, made through the authoring queries. Right answers read
/// "Sí …" and wrong ones "No …", so a test can answer from what the page shows.
struct CapsuleMaker {
    let db: Connection

    static func question(_ n: Int, multiple: Bool = false) -> BankQuestion {
        let answers = multiple
            ? [BankAnswer(text: "Sí \(n)a", correct: true, feedback: "Bien \(n)a"), BankAnswer(text: "Sí \(n)b", correct: true, feedback: "Bien \(n)b"),
               BankAnswer(text: "No \(n)c", correct: false, feedback: "Pista \(n)c")]
            : [BankAnswer(text: "Sí \(n)", correct: true, feedback: "Bien \(n)"), BankAnswer(text: "No \(n)a", correct: false, feedback: "Pista \(n)a"),
               BankAnswer(text: "No \(n)b", correct: false, feedback: "Pista \(n)b")]
        return BankQuestion(id: 0, kind: multiple ? .multiple : .single, prompt: "Pregunta \(n)", answers: answers)
    }

    /// A capsule of `lessons` lessons; the last one has a quiz of `questions` when given.
    func make(
        lessons: Int = 3, questions: [BankQuestion]? = (1...4).map { question($0) }, quiz: QuizFields? = nil, published: Bool = true,
        title: String = "Cápsula de prueba"
    ) throws -> TestCapsule {
        let slug = "capsula-prueba-\(Int.random(in: 1...1_000_000_000))"
        let fields = CourseFields(
            slug: slug, kind: "capsule", title: title, summary: "Resumen de la cápsula.", description: "Descripción.",
            language: "es", pathways: [], topics: [], published: published)
        guard let id = try CourseAdminQueries.createCourse(db, fields) else { throw TestSetupError("slug taken") }
        var lessonIDs: [Int64] = []
        for n in 1...lessons {
            guard let lesson = try CapsuleAuthoringQueries.createLesson(db, courseID: id, title: "Lección \(n)") else { throw TestSetupError("no lesson") }
            try CapsuleAuthoringQueries.updateLesson(db, lessonID: lesson, LessonFields(title: "Lección \(n)", body: "Texto de la lección \(n).", videoURL: nil))
            lessonIDs.append(lesson)
        }
        var quizID: Int64?
        if let questions, let last = lessonIDs.last {
            let settings = quiz ?? QuizFields(passingScore: 70, maxAttempts: 3, drawCount: nil, shuffleAnswers: true, review: .questions, revealKey: true)
            _ = try CapsuleAuthoringQueries.saveQuiz(db, lessonID: last, settings)
            quizID = try db.query("SELECT id FROM quizzes WHERE lesson_id = \(last)").first?["id"]
            for question in questions { _ = try CapsuleAuthoringQueries.createQuestion(db, quizID: quizID ?? 0, question) }
        }
        return TestCapsule(id: id, slug: slug, lessonIDs: lessonIDs, quizID: quizID)
    }
}

extension TestApp {
    /// A verified learner signed in on a browser of their own.
    func learner(_ email: String, verified: Bool = true) throws -> TestApp {
        let id = try createUser(email, name: "Aprendiz \(email.prefix { $0 != "@" })", verified: verified)
        return try browser(signedInAs: id)
    }

    /// Begins an attempt at the capsule's quiz and reads its form off the lesson's page.
    func beginQuiz(_ capsule: TestCapsule) throws -> QuizForm {
        let started = post(capsule.lastLesson + "/quiz/start", [])
        #expect(started.status == .seeOther, "starting the quiz answered \(started.status)")
        return try #require(QuizForm(get(capsule.lastLesson).bodyText))
    }
}
