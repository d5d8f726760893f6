import Postgres
import Web

/// Taking a lesson's quiz: begin an attempt (drawn and stored, so a reload shows the same
/// one), then submit it once to be graded on the server. Every step runs holding the
/// learner's progress row, so two tabs cannot begin or submit the same attempt twice.
enum QuizRoutes {
    static let routes: [Route<Handler>] = [
        Route("POST", CapsulePaths.quizStart, startAttempt),
        Route("POST", CapsulePaths.quiz, submitAttempt),
    ]

    /// The capsule, the lesson and its quiz named in the path; 404 when any is missing.
    static func loadQuiz(_ context: Context) throws -> (Capsule, CapsuleProgress?, Lesson, QuizSettings) {
        let (capsule, progress) = try CapsuleRoutes.loadCapsule(context)
        let position = try CapsuleRoutes.lessonPosition(context)
        guard let (lesson, quiz, _) = try CapsuleQueries.fetchLesson(try context.db, courseID: capsule.id, position: position, visitedBy: nil),
            let quiz
        else { throw HTTPError(.notFound, reason: "capsule.lesson.not_found") }
        return (capsule, progress, lesson, quiz)
    }

    static func quizPath(_ capsule: Capsule, _ lesson: Lesson) -> String {
        CapsulePaths.lesson.path(capsule.slug, lesson.position) + "#quiz"
    }

    static func startAttempt(_ context: Context) throws -> Response {
        let user = try context.requireVerified()
        let (capsule, _, lesson, quiz) = try loadQuiz(context)
        let db = try context.db
        try db.transaction {
            guard try CapsuleQueries.lockProgress(db, courseID: capsule.id, userID: user.id) else {
                throw HTTPError(.conflict, reason: "capsule.error.not_started")
            }
            let standing = try QuizQueries.fetchStanding(db, quizID: quiz.id, userID: user.id)
            // Asking again while one is in progress just shows it.
            guard standing.openAttemptID == nil else { return }
            if standing.passed { throw HTTPError(.conflict, reason: "capsule.quiz.error.passed") }
            if standing.isOutOfAttempts(quiz) { throw HTTPError(.conflict, reason: "capsule.quiz.error.no_attempts_left") }
            guard quiz.poolSize > 0 else { throw HTTPError(.conflict, reason: "capsule.quiz.error.empty") }
            _ = try QuizQueries.beginAttempt(db, quiz: quiz, userID: user.id, number: standing.attemptsUsed + 1)
        }
        return .redirect(to: quizPath(capsule, lesson))
    }

    enum Outcome {
        case graded(passed: Bool, completed: Bool)
        case unanswered(missing: [Int], kept: [Int: Set<String>])
    }

    /// Grades the attempt in progress. Only that attempt is accepted, once; a form no
    /// page of ours could send (answers it never offered, another question's answers,
    /// two answers to a single-choice question) is refused and never graded.
    static func submitAttempt(_ context: Context) throws -> Response {
        let user = try context.requireVerified()
        let (capsule, progress, lesson, quiz) = try loadQuiz(context)
        guard let attemptID = context.form["attempt"].flatMap({ Int64($0) }) else {
            throw HTTPError(.unprocessableContent, reason: "capsule.quiz.error.tampered")
        }
        let db = try context.db
        let outcome: Outcome = try db.transaction {
            guard try CapsuleQueries.lockProgress(db, courseID: capsule.id, userID: user.id) else {
                throw HTTPError(.conflict, reason: "capsule.error.not_started")
            }
            let standing = try QuizQueries.fetchStanding(db, quizID: quiz.id, userID: user.id)
            guard standing.openAttemptID == attemptID, let attempt = try QuizQueries.fetchAttemptWithKey(db, attemptID: attemptID) else {
                throw try notCurrent(db, attemptID: attemptID, quiz: quiz, standing: standing, userID: user.id)
            }
            let chosen: [Int: Set<String>]
            do throws(QuizGrading.Refusal) {
                chosen = try QuizGrading.choices(context.form.fields, questions: attempt.questions)
            } catch {
                guard case .unanswered(let missing, let kept) = error else {
                    throw HTTPError(.unprocessableContent, reason: "capsule.quiz.error.tampered")
                }
                return .unanswered(missing: missing, kept: kept)
            }
            let grade = QuizGrading.grade(attempt.questions, chosen: chosen, passingScore: attempt.passingScore)
            guard try QuizQueries.recordGrade(db, attemptID: attemptID, grade: grade) else {
                throw HTTPError(.conflict, reason: "capsule.quiz.error.already_submitted")
            }
            guard grade.passed else { return .graded(passed: false, completed: false) }
            try CapsuleQueries.markDone(db, lessonID: lesson.id, userID: user.id)
            return .graded(passed: true, completed: try CapsuleCompletion.completeIfDone(db, app: context.app, userID: user.id, courseID: capsule.id))
        }
        switch outcome {
        case .unanswered(let missing, let kept):
            return try LessonRoutes.render(
                context, capsule: capsule, progress: progress, position: lesson.position, visitedBy: nil,
                kept: kept, missing: missing, status: .unprocessableContent)
        case .graded(let passed, let completed):
            let flash = completed ? "flash.capsule_completed" : passed ? "flash.quiz_passed" : "flash.quiz_failed"
            return context.redirect(quizPath(capsule, lesson), flash: flash)
        }
    }

    /// Why an attempt that is not the one in progress cannot be submitted (409).
    static func notCurrent(_ db: Connection, attemptID: Int64, quiz: QuizSettings, standing: QuizStanding, userID: Int64) throws -> HTTPError {
        if try QuizQueries.isSubmittedAttempt(db, attemptID: attemptID, quizID: quiz.id, userID: userID) {
            return HTTPError(.conflict, reason: "capsule.quiz.error.already_submitted")
        }
        if standing.openAttemptID == nil, standing.isOutOfAttempts(quiz) {
            return HTTPError(.conflict, reason: "capsule.quiz.error.no_attempts_left")
        }
        return HTTPError(.conflict, reason: "capsule.quiz.error.not_current")
    }
}
