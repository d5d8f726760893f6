import Foundation
import Postgres
import Web

/// A self-paced capsule: a course of kind `capsule`, always open, taken alone lesson by
/// lesson. Title, summary and description are written in its own language.
struct Capsule: Sendable {
    var id: Int64
    var slug: String
    var title: String
    var summary: String
    /// In the platform's Markdown subset.
    var description: String
    var language: String
    var workloadHours: Int?
    var topics: [String]
    var published: Bool
    var lessonCount: Int
}

/// One reader's place in a capsule: nil until they start it.
struct CapsuleProgress: Sendable {
    var startedAt: Date
    var completedAt: Date?
    var lessonsDone: Int
    var lessons: Int
    /// The lesson last opened, where "continue" goes back to.
    var lastLessonPosition: Int?

    var isCompleted: Bool { completedAt != nil }
}

/// A capsule as the list of capsules shows it.
struct CapsuleListing: Sendable {
    var capsule: Capsule
    var progress: CapsuleProgress?
}

/// A lesson as its capsule's page lists it, with what the reader did of it.
struct LessonSummary: Sendable {
    var id: Int64
    var position: Int
    var title: String
    var hasQuiz: Bool
    var done: Bool
    /// Added after the reader started the capsule and not done yet.
    var isNew: Bool
}

/// A link a lesson gives to read.
struct Reading: Sendable {
    var title: String
    var url: String
}

/// One lesson, as its page shows it.
struct Lesson: Sendable {
    var id: Int64
    var position: Int
    var title: String
    var body: String
    var videoURL: String?
    var readings: [Reading]
}

/// What a failed attempt shows (Moodle's review options); the right answers come only once
/// the learner passed or has no attempt left, and only when the quiz says so.
enum ReviewOption: String, CaseIterable, Sendable {
    /// The score alone.
    case score
    /// Which questions were right and which wrong.
    case questions
    /// That, and the feedback written for each answer chosen.
    case feedback
}

/// A quiz's settings and the size of its pool.
struct QuizSettings: Sendable {
    var id: Int64
    var passingScore: Int
    var maxAttempts: Int?
    var drawCount: Int?
    var shuffleAnswers: Bool
    var review: ReviewOption
    var revealKey: Bool
    var poolSize: Int

    /// How many questions each attempt asks.
    var questionsAsked: Int { min(drawCount ?? poolSize, poolSize) }
}

/// Where one learner stands with one quiz.
struct QuizStanding: Sendable {
    var attemptsUsed: Int
    var extraAttempts: Int
    var passed: Bool
    var bestScore: Int?
    var openAttemptID: Int64?
    var lastAttemptID: Int64?

    /// Attempts allowed in all, nil when unlimited.
    func allowed(_ quiz: QuizSettings) -> Int? { quiz.maxAttempts.map { $0 + extraAttempts } }

    func attemptsLeft(_ quiz: QuizSettings) -> Int? { allowed(quiz).map { max(0, $0 - attemptsUsed) } }

    func isOutOfAttempts(_ quiz: QuizSettings) -> Bool { attemptsLeft(quiz) == 0 }

    /// The right answers may be shown: the learner passed or has no attempt left.
    func mayRevealKey(_ quiz: QuizSettings) -> Bool { quiz.revealKey && (passed || isOutOfAttempts(quiz)) }
}

/// One question as an attempt asked it, with its answers in the order shown.
struct AttemptQuestion: Sendable {
    var position: Int
    var kind: QuestionKind
    var prompt: String
    /// Nil until the attempt is graded.
    var correct: Bool?
    var answers: [AttemptAnswer]
}

/// An answer as an attempt offered it. `correct` and `feedback` are only loaded for
/// grading and review, never for the form of an attempt in progress.
struct AttemptAnswer: Sendable {
    var token: String
    var text: String
    var correct: Bool
    var feedback: String
    var chosen: Bool
}

enum QuestionKind: String, CaseIterable, Sendable {
    case single, multiple
}

/// One attempt at a quiz.
struct Attempt: Sendable {
    var id: Int64
    var number: Int
    var submittedAt: Date?
    var score: Int?
    var passed: Bool?
    var passingScore: Int
    var questions: [AttemptQuestion]
}
