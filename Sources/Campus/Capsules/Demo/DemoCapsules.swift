import Foundation
import Postgres

/// The demo capsules' lessons and quizzes (written for the demo, in the capsules' own
/// languages), and a few demo learners part of the way through them — one finished.
enum DemoCapsules {
    struct Content {
        let slug: String
        let hours: Int
        let lessons: [Lesson]
        /// The quiz of the last lesson.
        let quiz: Quiz
    }

    struct Lesson {
        let title: String
        let body: String
        var video: String? = nil
        var readings: [(title: String, url: String)] = []
    }

    struct Quiz {
        let passing: Int
        let attempts: Int
        let draw: Int
        let review: ReviewOption
        let questions: [BankQuestion]
    }

    static func q(_ prompt: String, multiple: Bool = false, _ answers: [BankAnswer]) -> BankQuestion {
        BankQuestion(id: 0, kind: multiple ? .multiple : .single, prompt: prompt, answers: answers)
    }

    static func right(_ text: String, _ feedback: String) -> BankAnswer { BankAnswer(text: text, correct: true, feedback: feedback) }
    static func wrong(_ text: String, _ feedback: String) -> BankAnswer { BankAnswer(text: text, correct: false, feedback: feedback) }

    static let all: [Content] = [strategy, metropolitan, proximity, mobility, gender, resilience, openData, participation, localReviews]

    /// Capsules the catalog's demo data does not define: the one in English.
    static let courses: [DemoShapes.Course] = [
        DemoShapes.Course(
            slug: "capsule-voluntary-local-reviews",
            kind: "capsule",
            title: "Voluntary Local Reviews: reporting on the SDGs as a city",
            summary: "How a city reads its own plans and data through the Sustainable Development Goals, and reports on its progress.",
            description: """
                For planning, budget, statistics and international relations teams, and for mayors who want their city's work to speak the language of the 2030 Agenda.

                Self-paced, in English: three short lessons and a final self-assessment. You leave with the outline of an alignment matrix and a first list of local indicators.
                """,
            language: "en",
            pathways: ["equitable", "people-centred"],
            topics: ["objetivos-desarrollo-sostenible", "planificacion-estrategica-urbana"],
            editions: []),
    ]

    /// Fills every demo capsule that has no lessons yet, then the demo learners' progress.
    static func seed(_ db: Connection) throws {
        for content in all {
            guard let courseID: Int64 = try db.query("""
                SELECT id FROM courses WHERE slug = \(content.slug) AND kind = 'capsule'
                  AND NOT EXISTS (SELECT 1 FROM lessons l WHERE l.course_id = courses.id)
                """).first?["id"] else { continue }
            try CapsuleAuthoringQueries.setWorkload(db, courseID: courseID, hours: content.hours)
            var lastLesson: Int64 = 0
            for lesson in content.lessons {
                guard let id = try CapsuleAuthoringQueries.createLesson(db, courseID: courseID, title: lesson.title) else { continue }
                try CapsuleAuthoringQueries.updateLesson(db, lessonID: id, LessonFields(title: lesson.title, body: lesson.body, videoURL: lesson.video))
                for reading in lesson.readings { try CapsuleAuthoringQueries.addReading(db, lessonID: id, title: reading.title, url: reading.url) }
                lastLesson = id
            }
            // Written before any demo learner started, so no lesson shows as new to them.
            try db.execute("UPDATE lessons SET created_at = now() - interval '60 days', updated_at = now() - interval '60 days' WHERE course_id = \(courseID)")
            let quiz = content.quiz
            _ = try CapsuleAuthoringQueries.saveQuiz(db, lessonID: lastLesson, QuizFields(
                passingScore: quiz.passing, maxAttempts: quiz.attempts, drawCount: quiz.draw, shuffleAnswers: true,
                review: quiz.review, revealKey: true))
            guard let quizID: Int64 = try db.query("SELECT id FROM quizzes WHERE lesson_id = \(lastLesson)").first?["id"] else { continue }
            for question in quiz.questions { _ = try CapsuleAuthoringQueries.createQuestion(db, quizID: quizID, question) }
        }
        try DemoCapsuleLearners.seed(db)
    }
}
