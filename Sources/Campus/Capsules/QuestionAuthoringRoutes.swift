import Postgres
import Web

/// A quiz's questions for the capsule's authors. Attempts copy what they ask when they
/// begin, so editing or deleting a question never changes an attempt or its result.
enum QuestionAuthoringRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", CapsulePaths.adminQuestionNew, showNewQuestion),
        Route("POST", CapsulePaths.adminQuestions, createQuestion),
        Route("GET", CapsulePaths.adminQuestion, showQuestion),
        Route("POST", CapsulePaths.adminQuestion, updateQuestion),
        Route("GET", CapsulePaths.adminQuestionDelete, confirmDeleteQuestion),
        Route("POST", CapsulePaths.adminQuestionDelete, deleteQuestion),
    ]

    /// The lesson `{lesson}` and its quiz, which a question needs (404 without one).
    static func loadQuiz(_ context: Context) throws -> (Capsule, LessonRecord, QuizSettings) {
        let (capsule, lesson) = try LessonAuthoringRoutes.loadLesson(context)
        guard let quiz = lesson.quiz else { throw HTTPError(.notFound) }
        return (capsule, lesson, quiz)
    }

    /// The question `{question}` of the capsule, with its lesson.
    static func loadQuestion(_ context: Context) throws -> (Capsule, LessonRecord, BankQuestion) {
        let capsule = try context.requireCapsuleAuthor()
        let db = try context.db
        guard let found = try CapsuleAuthoringQueries.fetchQuestion(db, courseID: capsule.id, questionID: try context.parameters.id("question")),
            let lesson = try CapsuleAuthoringQueries.fetchLesson(db, courseID: capsule.id, lessonID: found.lessonID)
        else { throw HTTPError(.notFound) }
        return (capsule, lesson, found.question)
    }

    static func questionPage(_ context: Context, _ capsule: Capsule, _ lesson: LessonRecord, form: FormState, question: BankQuestion?) -> Response {
        let title = question == nil ? context.t("admin.capsules.add_question") : context.t("admin.capsules.edit_question")
        let action = question.map { CapsulePaths.adminQuestion.path(capsule.id, $0.id) } ?? CapsulePaths.adminQuestions.path(capsule.id, lesson.id)
        let body = QuestionAuthoringPages.form(form, title: title, action: action, capsule: capsule, lesson: lesson, question: question, chrome: context.chrome)
        return context.page(title, body, status: form.isValid ? .ok : .unprocessableContent, section: .admin)
    }

    static func showNewQuestion(_ context: Context) throws -> Response {
        let (capsule, lesson, _) = try loadQuiz(context)
        return questionPage(context, capsule, lesson, form: FormState(t: context.t, values: ["kind": "single"]), question: nil)
    }

    static func createQuestion(_ context: Context) throws -> Response {
        let (capsule, lesson, quiz) = try loadQuiz(context)
        var form = FormState(t: context.t, form: context.form)
        guard let question = CapsuleAuthoringInput.question(context.form, id: 0, into: &form) else {
            return questionPage(context, capsule, lesson, form: form, question: nil)
        }
        let db = try context.db
        try db.transaction {
            let id = try CapsuleAuthoringQueries.createQuestion(db, quizID: quiz.id, question)
            try context.audit("question.create", "course", capsule.id, lesson.auditDetails.merging(question.auditDetails(id: id)) { $1 })
        }
        return context.redirect(CapsulePaths.adminLesson.path(capsule.id, lesson.id) + "#quiz-title", flash: "flash.question_saved")
    }

    static func showQuestion(_ context: Context) throws -> Response {
        let (capsule, lesson, question) = try loadQuestion(context)
        return questionPage(context, capsule, lesson, form: FormState(t: context.t, values: CapsuleAuthoringInput.values(question)), question: question)
    }

    static func updateQuestion(_ context: Context) throws -> Response {
        let (capsule, lesson, before) = try loadQuestion(context)
        var form = FormState(t: context.t, form: context.form)
        guard let question = CapsuleAuthoringInput.question(context.form, id: before.id, into: &form) else {
            return questionPage(context, capsule, lesson, form: form, question: before)
        }
        let db = try context.db
        try db.transaction {
            try CapsuleAuthoringQueries.updateQuestion(db, question)
            var changed = lesson.auditDetails.merging(question.auditDetails(id: question.id)) { $1 }
            if question.prompt != before.prompt { changed["prompt"] = "edited" }
            if question.answers != before.answers || question.kind != before.kind { changed["answers"] = "edited" }
            try context.audit("question.update", "course", capsule.id, changed)
        }
        return context.redirect(CapsulePaths.adminLesson.path(capsule.id, lesson.id) + "#quiz-title", flash: "flash.question_saved")
    }

    static func questionDeletion(_ capsule: Capsule, _ question: BankQuestion) -> CapsuleDeletion {
        CapsuleDeletion(
            key: "delete_question", points: [question.prompt], action: CapsulePaths.adminQuestionDelete.path(capsule.id, question.id),
            cancel: CapsulePaths.adminQuestion.path(capsule.id, question.id))
    }

    static func confirmDeleteQuestion(_ context: Context) throws -> Response {
        let (capsule, _, question) = try loadQuestion(context)
        return questionDeletion(capsule, question).confirm(context)
    }

    static func deleteQuestion(_ context: Context) throws -> Response {
        let (capsule, lesson, question) = try loadQuestion(context)
        let next = CapsulePaths.adminLesson.path(capsule.id, lesson.id) + "#quiz-title"
        return try questionDeletion(capsule, question).perform(context, next: next, flash: "flash.question_deleted") { db in
            try CapsuleAuthoringQueries.deleteQuestion(db, questionID: question.id)
            try context.audit("question.delete", "course", capsule.id, lesson.auditDetails.merging(question.auditDetails(id: question.id)) { $1 })
        }
    }
}

extension BankQuestion {
    /// Which question an audit entry is about: its id and the start of its prompt.
    func auditDetails(id: Int64) -> [String: String] { ["question": String(id), "prompt_start": prompt.truncated(toCodePoints: 120)] }
}
