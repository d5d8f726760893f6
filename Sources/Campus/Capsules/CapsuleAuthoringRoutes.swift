import Postgres
import Web

/// /admin/capsules: the capsules an author may edit, a new capsule (admins), a capsule's
/// settings and outline, publishing, and the preview as a learner sees it. Every change
/// is audited. Editing a published capsule never touches anyone's progress.
enum CapsuleAuthoringRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", CapsulePaths.admin, listCapsules),
        Route("GET", CapsulePaths.adminNew, showNewCapsule),
        Route("POST", CapsulePaths.admin, createCapsule),
        Route("GET", CapsulePaths.adminCapsule, showCapsule),
        Route("POST", CapsulePaths.adminCapsule, updateCapsule),
        Route("POST", CapsulePaths.adminPublish, publishCapsule),
        Route("POST", CapsulePaths.adminUnpublish, unpublishCapsule),
        Route("GET", CapsulePaths.adminPreview, previewCapsule),
        Route("GET", CapsulePaths.adminPreviewLesson, previewLesson),
    ]

    static func listCapsules(_ context: Context) throws -> Response {
        let user = try context.requireAnyCapsuleAuthor()
        let summaries = try CapsuleStatsQueries.fetchSummaries(context.db, onlyIDs: user.isAdmin ? nil : user.authoredCapsuleIDs)
        let body = CapsuleAuthoringPages.list(summaries, canCreate: user.isAdmin, t: context.t)
        return context.page(context.t("admin.capsules.title"), body, section: .admin)
    }

    static func showNewCapsule(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let form = FormState(t: context.t, values: ["language": context.language.rawValue])
        let topics = try CatalogQueries.fetchTopics(context.db, language: context.language.rawValue)
        return context.page(context.t("admin.capsules.new"), CapsuleAuthoringPages.newCapsule(form, topics: topics, chrome: context.chrome), section: .admin)
    }

    /// A new capsule starts as a draft: it is published once it has lessons.
    static func createCapsule(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let db = try context.db
        let topics = try CatalogQueries.fetchTopics(db, language: context.language.rawValue)
        var form = CourseAdminRoutes.state(context)
        func invalid() -> Response {
            context.invalid(context.t("admin.capsules.new"), CapsuleAuthoringPages.newCapsule(form, topics: topics, chrome: context.chrome), section: .admin)
        }
        guard let (fields, hours) = CapsuleAuthoringInput.capsule(context.form, topics: topics, published: false, into: &form) else { return invalid() }
        let id: Int64? = try db.transaction {
            guard let id = try CourseAdminQueries.createCourse(db, fields) else { return nil }
            try CourseAdminQueries.setTopics(db, courseID: id, slugs: fields.topics)
            try CapsuleAuthoringQueries.setWorkload(db, courseID: id, hours: hours)
            try context.audit("course.create", "course", id, ["slug": fields.slug, "title": fields.title, "kind": fields.kind])
            return id
        }
        guard let id else {
            form.fail("slug", "admin.courses.error.slug_taken")
            return invalid()
        }
        return context.redirect(CapsulePaths.adminCapsule.path(id), flash: "flash.capsule_created")
    }

    static func showCapsule(_ context: Context) throws -> Response {
        let capsule = try context.requireCapsuleAuthor()
        let record = try CourseAdminQueries.fetchCourse(context.db, id: capsule.id)
        var values = record.map { CourseAdminRoutes.values($0.fields) } ?? [:]
        values["workload_hours"] = capsule.workloadHours.map(String.init) ?? ""
        return try capsulePage(context, capsule, form: FormState(t: context.t, values: values))
    }

    /// The capsule's page: its outline with the lesson form, and its settings form.
    static func capsulePage(_ context: Context, _ capsule: Capsule, form: FormState, lessonForm: FormState? = nil) throws -> Response {
        let db = try context.db
        let page = CapsuleAuthoringPage(
            capsule: capsule, outline: try CapsuleAuthoringQueries.fetchOutline(db, courseID: capsule.id),
            topics: try CatalogQueries.fetchTopics(db, language: context.language.rawValue),
            form: form, lessonForm: lessonForm ?? FormState(t: context.t))
        let status: Status = form.isValid && page.lessonForm.isValid ? .ok : .unprocessableContent
        return context.page(capsule.title, CapsuleAuthoringPages.capsule(page, context: context), status: status, section: .admin)
    }

    static func updateCapsule(_ context: Context) throws -> Response {
        let capsule = try context.requireCapsuleAuthor()
        let db = try context.db
        guard let before = try CourseAdminQueries.fetchCourse(db, id: capsule.id) else { throw HTTPError(.notFound) }
        var form = CourseAdminRoutes.state(context)
        let topics = try CatalogQueries.fetchTopics(db, language: context.language.rawValue)
        guard let (fields, hours) = CapsuleAuthoringInput.capsule(context.form, topics: topics, published: before.fields.published, into: &form) else {
            return try capsulePage(context, capsule, form: form)
        }
        if try CourseAdminQueries.slugTaken(db, fields.slug, except: capsule.id) {
            form.fail("slug", "admin.courses.error.slug_taken")
            return try capsulePage(context, capsule, form: form)
        }
        try db.transaction {
            try CourseAdminQueries.updateCourse(db, id: capsule.id, fields)
            try CourseAdminQueries.setTopics(db, courseID: capsule.id, slugs: fields.topics)
            try CapsuleAuthoringQueries.setWorkload(db, courseID: capsule.id, hours: hours)
            var changed = CourseAdminRoutes.changes(before.fields, fields)
            if hours != capsule.workloadHours {
                changed["workload_hours"] = "\(capsule.workloadHours.map(String.init) ?? "—") → \(hours.map(String.init) ?? "—")"
            }
            if !changed.isEmpty { try context.audit("course.update", "course", capsule.id, changed) }
        }
        return context.redirect(CapsulePaths.adminCapsule.path(capsule.id), flash: "flash.capsule_saved")
    }

    /// Publishing needs lessons, and questions enough in every quiz (409 says what is missing).
    static func publishCapsule(_ context: Context) throws -> Response {
        let capsule = try context.requireCapsuleAuthor()
        let db = try context.db
        try db.transaction {
            if let problem = try CapsuleAuthoringQueries.publishProblem(db, courseID: capsule.id) { throw HTTPError(.conflict, reason: problem) }
            if try CapsuleAuthoringQueries.setPublished(db, courseID: capsule.id, true) { try context.audit("capsule.publish", "course", capsule.id) }
        }
        return context.redirect(CapsulePaths.adminCapsule.path(capsule.id), flash: "flash.capsule_published")
    }

    /// Unpublishing hides the capsule from learners; their progress waits for it to return.
    static func unpublishCapsule(_ context: Context) throws -> Response {
        let capsule = try context.requireCapsuleAuthor()
        let db = try context.db
        try db.transaction {
            if try CapsuleAuthoringQueries.setPublished(db, courseID: capsule.id, false) { try context.audit("capsule.unpublish", "course", capsule.id) }
        }
        return context.redirect(CapsulePaths.adminCapsule.path(capsule.id), flash: "flash.capsule_unpublished")
    }

    static func previewCapsule(_ context: Context) throws -> Response {
        let capsule = try context.requireCapsuleAuthor()
        let lessons = try CapsuleQueries.fetchLessons(context.db, courseID: capsule.id, userID: nil)
        let body = CapsulePages.capsulePage(capsule, progress: nil, lessons: lessons, links: .preview(capsule), context: context)
        return context.page(capsule.title, body, section: .admin)
    }

    /// A lesson as a learner sees it, with a sample of its quiz: questions drawn and
    /// shuffled as an attempt would be, never stored, never showing the key.
    static func previewLesson(_ context: Context) throws -> Response {
        let capsule = try context.requireCapsuleAuthor()
        let position = try CapsuleRoutes.lessonPosition(context)
        let db = try context.db
        guard let (lesson, quiz, _) = try CapsuleQueries.fetchLesson(db, courseID: capsule.id, position: position, visitedBy: nil) else {
            throw HTTPError(.notFound, reason: "capsule.lesson.not_found")
        }
        let view = try quiz.map { settings in
            QuizView(settings: settings, openAttempt: sampleAttempt(try CapsuleAuthoringQueries.fetchBank(db, quizID: settings.id), quiz: settings))
        }
        let page = LessonPage(capsule: capsule, progress: nil, lesson: lesson, done: false, quiz: view, links: .preview(capsule))
        return context.page(lesson.title, LessonPages.page(page, context: context), section: .admin)
    }

    /// One draw from the bank, as an attempt would ask it, without answers' keys.
    static func sampleAttempt(_ bank: [BankQuestion], quiz: QuizSettings) -> Attempt {
        let drawn = bank.shuffled().prefix(quiz.drawCount ?? bank.count).sorted { $0.id < $1.id }
        let questions = drawn.enumerated().map { index, question in
            let answers = quiz.shuffleAnswers ? question.answers.shuffled() : question.answers
            return AttemptQuestion(
                position: index + 1, kind: question.kind, prompt: question.prompt, correct: nil,
                answers: answers.enumerated().map { AttemptAnswer(token: "sample-\(index + 1)-\($0.offset + 1)", text: $0.element.text, correct: false, feedback: "", chosen: false) })
        }
        return Attempt(id: 0, number: 1, submittedAt: nil, score: nil, passed: nil, passingScore: quiz.passingScore, questions: questions)
    }
}
