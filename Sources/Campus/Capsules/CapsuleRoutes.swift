import Web

/// The capsules feature's routes: the learner's path, authoring, and numbers for staff.
/// A draft capsule does not exist for learners (404); staff see it through the preview.
enum CapsuleRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", CapsulePaths.capsules, listCapsules),
        Route("GET", CapsulePaths.capsule, showCapsule),
        Route("POST", CapsulePaths.start, startCapsule),
    ] + LessonRoutes.routes + QuizRoutes.routes + CapsuleAuthoringRoutes.routes + LessonAuthoringRoutes.routes
        + QuestionAuthoringRoutes.routes + CapsuleStatsRoutes.routes

    static func listCapsules(_ context: Context) throws -> Response {
        let capsules = try CapsuleQueries.fetchCapsules(context.db, language: context.language.rawValue, userID: context.user?.id)
        return context.page(context.t("capsule.list.title"), CapsulePages.list(capsules, t: context.t), section: .capsules)
    }

    /// The published capsule named in the path, with the reader's progress; 404 otherwise.
    static func loadCapsule(_ context: Context) throws -> (Capsule, CapsuleProgress?) {
        let slug = try context.parameters.string("slug")
        guard let found = try CapsuleQueries.fetchCapsule(context.db, slug: slug, language: context.language.rawValue, userID: context.user?.id) else {
            throw HTTPError(.notFound, reason: "capsule.not_found")
        }
        return found
    }

    static func showCapsule(_ context: Context) throws -> Response {
        let (capsule, progress) = try loadCapsule(context)
        let lessons = try CapsuleQueries.fetchLessons(context.db, courseID: capsule.id, userID: context.user?.id)
        let certificate = try context.user.flatMap { user in
            progress?.isCompleted == true
                ? try CertificateQueries.fetchCertificate(context.db, userID: user.id, kind: .capsule, courseID: capsule.id, editionID: nil)?.code : nil
        }
        let body = CapsulePages.capsulePage(capsule, progress: progress, lessons: lessons, links: .learner(capsule), certificate: certificate, context: context)
        return context.page(capsule.title, body, section: .capsules)
    }

    /// Starting is open to every verified account, at any time; starting again goes back
    /// to where the learner left off.
    static func startCapsule(_ context: Context) throws -> Response {
        let user = try context.requireVerified()
        let (capsule, _) = try loadCapsule(context)
        let db = try context.db
        let flash = try CapsuleQueries.start(db, courseID: capsule.id, userID: user.id) ? "flash.capsule_started" : nil
        guard let progress = try CapsuleQueries.fetchCapsule(db, slug: capsule.slug, language: context.language.rawValue, userID: user.id)?.1 else {
            throw HTTPError(.notFound, reason: "capsule.not_found")
        }
        let lessons = try CapsuleQueries.fetchLessons(db, courseID: capsule.id, userID: user.id)
        guard let position = CapsulePages.resumePosition(progress, lessons: lessons) else {
            return context.redirect(CapsulePaths.capsule.path(capsule.slug), flash: flash)
        }
        return context.redirect(CapsulePaths.lesson.path(capsule.slug, position), flash: flash)
    }

    /// The `{n}` of a lesson's path: a positive number, else a malformed request.
    static func lessonPosition(_ context: Context) throws -> Int {
        let value = try context.parameters.id("n")
        guard value <= 10_000 else { throw HTTPError(.notFound, reason: "capsule.lesson.not_found") }
        return Int(value)
    }
}
