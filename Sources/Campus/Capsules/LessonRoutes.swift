import Web

/// Reading a lesson and marking it done. Lessons are for learners who started the capsule;
/// opening one records it as where they left off.
enum LessonRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", CapsulePaths.lesson, showLesson),
        Route("POST", CapsulePaths.lessonComplete, completeLesson),
    ]

    static func showLesson(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let (capsule, progress) = try CapsuleRoutes.loadCapsule(context)
        let position = try CapsuleRoutes.lessonPosition(context)
        guard progress != nil else { return context.redirect(CapsulePaths.capsule.path(capsule.slug), flash: "flash.capsule_start_first") }
        return try render(context, capsule: capsule, progress: progress, position: position, visitedBy: user.id)
    }

    /// The lesson's page for the signed-in learner; `kept` and `missing` bring back a quiz
    /// submitted with questions left unanswered.
    static func render(
        _ context: Context, capsule: Capsule, progress: CapsuleProgress?, position: Int, visitedBy userID: Int64?,
        kept: [Int: Set<String>] = [:], missing: [Int] = [], status: Status = .ok
    ) throws -> Response {
        let db = try context.db
        guard let (lesson, quiz, done) = try CapsuleQueries.fetchLesson(db, courseID: capsule.id, position: position, visitedBy: userID) else {
            throw HTTPError(.notFound, reason: "capsule.lesson.not_found")
        }
        var view: QuizView?
        if let quiz, let userID = context.user?.id {
            let standing = try QuizQueries.fetchStanding(db, quizID: quiz.id, userID: userID)
            let open = try standing.openAttemptID.flatMap { try QuizQueries.fetchAttemptForm(db, attemptID: $0) }
            // The last attempt's review shows only when none is in progress.
            let last = open != nil ? nil : try standing.lastAttemptID.flatMap { try QuizQueries.fetchAttemptWithKey(db, attemptID: $0) }
            view = QuizView(settings: quiz, standing: standing, openAttempt: open, lastAttempt: last, kept: kept, missing: missing)
        }
        let page = LessonPage(capsule: capsule, progress: progress, lesson: lesson, done: done, quiz: view, links: .learner(capsule))
        return context.page(lesson.title, LessonPages.page(page, context: context), status: status, section: .capsules)
    }

    /// Marks a lesson without a quiz done (a lesson with one is done by passing it), then
    /// goes on to the next lesson — or back to the capsule once it is completed.
    static func completeLesson(_ context: Context) throws -> Response {
        let user = try context.requireVerified()
        let (capsule, _) = try CapsuleRoutes.loadCapsule(context)
        let position = try CapsuleRoutes.lessonPosition(context)
        let db = try context.db
        guard let (lesson, quiz, _) = try CapsuleQueries.fetchLesson(db, courseID: capsule.id, position: position, visitedBy: nil) else {
            throw HTTPError(.notFound, reason: "capsule.lesson.not_found")
        }
        let completed: Bool = try db.transaction {
            guard try CapsuleQueries.lockProgress(db, courseID: capsule.id, userID: user.id) else {
                throw HTTPError(.conflict, reason: "capsule.error.not_started")
            }
            if let quiz {
                guard try QuizQueries.fetchStanding(db, quizID: quiz.id, userID: user.id).passed else {
                    throw HTTPError(.conflict, reason: "capsule.lesson.done_by_quiz")
                }
            }
            try CapsuleQueries.markDone(db, lessonID: lesson.id, userID: user.id)
            return try CapsuleCompletion.completeIfDone(db, app: context.app, userID: user.id, courseID: capsule.id)
        }
        if completed { return context.redirect(CapsulePaths.capsule.path(capsule.slug), flash: "flash.capsule_completed") }
        guard position < capsule.lessonCount else { return context.redirect(CapsulePaths.capsule.path(capsule.slug), flash: "flash.lesson_done") }
        return context.redirect(CapsulePaths.lesson.path(capsule.slug, position + 1), flash: "flash.lesson_done")
    }
}
