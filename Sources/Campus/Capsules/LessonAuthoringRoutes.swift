import Postgres
import Web

/// A capsule's lessons for its authors: add, edit, reorder, delete; their readings; and
/// their quiz's settings. A lesson someone has done, or a quiz someone has tried, stays:
/// deleting it is refused (409), so no edit ever erases a learner's record.
enum LessonAuthoringRoutes {
    static let routes: [Route<Handler>] = [
        Route("POST", CapsulePaths.adminLessons, addLesson),
        Route("GET", CapsulePaths.adminLesson, showLesson),
        Route("POST", CapsulePaths.adminLesson, updateLesson),
        Route("POST", CapsulePaths.adminLessonMove, moveLesson),
        Route("GET", CapsulePaths.adminLessonDelete, confirmDeleteLesson),
        Route("POST", CapsulePaths.adminLessonDelete, deleteLesson),
        Route("POST", CapsulePaths.adminReadings, addReading),
        Route("POST", CapsulePaths.adminReadingDelete, deleteReading),
        Route("POST", CapsulePaths.adminQuiz, saveQuiz),
        Route("GET", CapsulePaths.adminQuizDelete, confirmDeleteQuiz),
        Route("POST", CapsulePaths.adminQuizDelete, deleteQuiz),
    ]

    /// The capsule and the lesson `{lesson}` of it, for an author of the capsule.
    static func loadLesson(_ context: Context) throws -> (Capsule, LessonRecord) {
        let capsule = try context.requireCapsuleAuthor()
        let lessonID = try context.parameters.id("lesson")
        guard let lesson = try CapsuleAuthoringQueries.fetchLesson(try context.db, courseID: capsule.id, lessonID: lessonID) else {
            throw HTTPError(.notFound, reason: "capsule.lesson.not_found")
        }
        return (capsule, lesson)
    }

    static func addLesson(_ context: Context) throws -> Response {
        let capsule = try context.requireCapsuleAuthor()
        var form = FormState(t: context.t, form: context.form)
        guard let title = CatalogAdminInput.line(context.form, "title", 1...200) else {
            form.fail("title", "admin.capsules.error.lesson_title")
            let settings = FormState(t: context.t, values: try CourseAdminQueries.fetchCourse(context.db, id: capsule.id).map { CourseAdminRoutes.values($0.fields) } ?? [:])
            return try CapsuleAuthoringRoutes.capsulePage(context, capsule, form: settings, lessonForm: form)
        }
        let db = try context.db
        let id: Int64 = try db.transaction {
            guard let id = try CapsuleAuthoringQueries.createLesson(db, courseID: capsule.id, title: title) else { throw HTTPError(.notFound) }
            try context.audit("lesson.create", "course", capsule.id, ["lesson": String(id), "title": title])
            return id
        }
        return context.redirect(CapsulePaths.adminLesson.path(capsule.id, id), flash: "flash.lesson_created")
    }

    static func showLesson(_ context: Context) throws -> Response {
        let (capsule, lesson) = try loadLesson(context)
        return try lessonPage(context, capsule, lesson)
    }

    /// The lesson's editor; each form keeps its values and errors when it comes back.
    static func lessonPage(
        _ context: Context, _ capsule: Capsule, _ lesson: LessonRecord,
        lessonForm: FormState? = nil, readingForm: FormState? = nil, quizForm: FormState? = nil
    ) throws -> Response {
        let t = context.t
        let bank = try lesson.quiz.map { try CapsuleAuthoringQueries.fetchBank(context.db, quizID: $0.id) } ?? []
        let page = LessonEditor(
            capsule: capsule, lesson: lesson, bank: bank,
            lessonForm: lessonForm ?? FormState(t: t, values: ["title": lesson.title, "body": lesson.body, "video_url": lesson.videoURL ?? ""]),
            readingForm: readingForm ?? FormState(t: t),
            quizForm: quizForm ?? FormState(t: t, values: LessonAuthoringPages.quizValues(lesson.quiz)))
        let valid = page.lessonForm.isValid && page.readingForm.isValid && page.quizForm.isValid
        return context.page(lesson.title, LessonAuthoringPages.editor(page, context: context), status: valid ? .ok : .unprocessableContent, section: .admin)
    }

    static func updateLesson(_ context: Context) throws -> Response {
        let (capsule, lesson) = try loadLesson(context)
        var form = FormState(t: context.t, form: context.form)
        guard let fields = CapsuleAuthoringInput.lesson(context.form, into: &form) else {
            return try lessonPage(context, capsule, lesson, lessonForm: form)
        }
        let db = try context.db
        try db.transaction {
            try CapsuleAuthoringQueries.updateLesson(db, lessonID: lesson.id, fields)
            var changed = lesson.auditDetails
            if fields.title != lesson.title { changed["title"] = "\(lesson.title) → \(fields.title)" }
            if fields.body != lesson.body { changed["body"] = "edited" }
            if fields.videoURL != lesson.videoURL { changed["video_url"] = fields.videoURL ?? "—" }
            if changed.count > lesson.auditDetails.count { try context.audit("lesson.update", "course", capsule.id, changed) }
        }
        return context.redirect(CapsulePaths.adminLesson.path(capsule.id, lesson.id), flash: "flash.lesson_saved")
    }

    static func moveLesson(_ context: Context) throws -> Response {
        let (capsule, lesson) = try loadLesson(context)
        let step: Int
        switch context.form["direction"] {
        case "up": step = -1
        case "down": step = 1
        default: throw HTTPError(.unprocessableContent, reason: "admin.capsules.error.direction")
        }
        let db = try context.db
        try db.transaction {
            if try CapsuleAuthoringQueries.moveLesson(db, courseID: capsule.id, lessonID: lesson.id, by: step) {
                try context.audit("lesson.move", "course", capsule.id, lesson.auditDetails.merging(["position": String(lesson.position + step)]) { $1 })
            }
        }
        return context.redirect(CapsulePaths.adminCapsule.path(capsule.id) + "#outline-title")
    }

    static func lessonDeletion(_ capsule: Capsule, _ lesson: LessonRecord) -> CapsuleDeletion {
        CapsuleDeletion(
            key: "delete_lesson", values: ["title": lesson.title], action: CapsulePaths.adminLessonDelete.path(capsule.id, lesson.id),
            cancel: CapsulePaths.adminLesson.path(capsule.id, lesson.id))
    }

    static func confirmDeleteLesson(_ context: Context) throws -> Response {
        let (capsule, lesson) = try loadLesson(context)
        return lessonDeletion(capsule, lesson).confirm(context)
    }

    static func deleteLesson(_ context: Context) throws -> Response {
        let (capsule, lesson) = try loadLesson(context)
        return try lessonDeletion(capsule, lesson).perform(context, next: CapsulePaths.adminCapsule.path(capsule.id), flash: "flash.lesson_deleted") { db in
            guard try CapsuleAuthoringQueries.deleteLesson(db, courseID: capsule.id, lessonID: lesson.id) != nil else { throw HTTPError(.notFound) }
            try context.audit("lesson.delete", "course", capsule.id, lesson.auditDetails)
        }
    }

    static func addReading(_ context: Context) throws -> Response {
        let (capsule, lesson) = try loadLesson(context)
        var form = FormState(t: context.t, form: context.form)
        guard let reading = CapsuleAuthoringInput.reading(context.form, into: &form) else {
            return try lessonPage(context, capsule, lesson, readingForm: form)
        }
        let db = try context.db
        try db.transaction {
            try CapsuleAuthoringQueries.addReading(db, lessonID: lesson.id, title: reading.title, url: reading.url)
            try context.audit("lesson.update", "course", capsule.id, lesson.auditDetails.merging(["reading_added": reading.title]) { $1 })
        }
        return context.redirect(CapsulePaths.adminLesson.path(capsule.id, lesson.id) + "#readings-title", flash: "flash.lesson_saved")
    }

    static func deleteReading(_ context: Context) throws -> Response {
        let (capsule, lesson) = try loadLesson(context)
        let readingID = try context.parameters.id("reading")
        let db = try context.db
        try db.transaction {
            guard let title = try CapsuleAuthoringQueries.deleteReading(db, lessonID: lesson.id, readingID: readingID) else { throw HTTPError(.notFound) }
            try context.audit("lesson.update", "course", capsule.id, lesson.auditDetails.merging(["reading_removed": title]) { $1 })
        }
        return context.redirect(CapsulePaths.adminLesson.path(capsule.id, lesson.id) + "#readings-title", flash: "flash.lesson_saved")
    }

    /// Adds the lesson's quiz, or changes its settings. Attempts already made keep their
    /// questions and their passing score.
    static func saveQuiz(_ context: Context) throws -> Response {
        let (capsule, lesson) = try loadLesson(context)
        var form = FormState(t: context.t, form: context.form)
        guard let fields = CapsuleAuthoringInput.quiz(context.form, into: &form) else {
            return try lessonPage(context, capsule, lesson, quizForm: form)
        }
        let db = try context.db
        try db.transaction {
            let created = try CapsuleAuthoringQueries.saveQuiz(db, lessonID: lesson.id, fields)
            try context.audit(created ? "quiz.create" : "quiz.update", "course", capsule.id, lesson.auditDetails.merging([
                "passing_score": String(fields.passingScore),
                "max_attempts": fields.maxAttempts.map(String.init) ?? "—", "draw_count": fields.drawCount.map(String.init) ?? "—",
                "review": fields.review.rawValue, "reveal_key": String(fields.revealKey), "shuffle_answers": String(fields.shuffleAnswers),
            ]) { $1 })
        }
        return context.redirect(CapsulePaths.adminLesson.path(capsule.id, lesson.id) + "#quiz-title", flash: "flash.quiz_saved")
    }

    /// The lesson's quiz, for deleting it (404 without one).
    static func quizDeletion(_ context: Context) throws -> (CapsuleDeletion, Capsule, LessonRecord) {
        let (capsule, lesson) = try loadLesson(context)
        guard lesson.quiz != nil else { throw HTTPError(.notFound) }
        let deletion = CapsuleDeletion(
            key: "delete_quiz", values: ["title": lesson.title], action: CapsulePaths.adminQuizDelete.path(capsule.id, lesson.id),
            cancel: CapsulePaths.adminLesson.path(capsule.id, lesson.id))
        return (deletion, capsule, lesson)
    }

    static func confirmDeleteQuiz(_ context: Context) throws -> Response {
        try quizDeletion(context).0.confirm(context)
    }

    static func deleteQuiz(_ context: Context) throws -> Response {
        let (deletion, capsule, lesson) = try quizDeletion(context)
        return try deletion.perform(context, next: CapsulePaths.adminLesson.path(capsule.id, lesson.id), flash: "flash.quiz_deleted") { db in
            guard try CapsuleAuthoringQueries.deleteQuiz(db, lessonID: lesson.id) else { throw HTTPError(.notFound) }
            try context.audit("quiz.delete", "course", capsule.id, lesson.auditDetails)
        }
    }
}

extension LessonRecord {
    /// What every audit entry about a lesson records: which lesson, by id and by its title then.
    var auditDetails: [String: String] { ["lesson": String(id), "lesson_title": title] }
}
