import Foundation
import Postgres
import Web

/// A capsule's numbers for its staff, its learners as CSV, and extra quiz attempts for
/// one person — granted with a reason, audited, and told to them.
enum CapsuleStatsRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", CapsulePaths.adminStats, showStats),
        Route("GET", CapsulePaths.adminStatsCSV, exportStats),
        Route("POST", CapsulePaths.adminExtraAttempts, grantAttempts),
    ]

    /// Learners listed on the page; the CSV has them all.
    static let pageLearners = 100

    static func showStats(_ context: Context) throws -> Response {
        let capsule = try context.requireCapsuleAuthor()
        return try statsPage(context, capsule, form: FormState(t: context.t, values: ["attempts": "1"]))
    }

    static func statsPage(_ context: Context, _ capsule: Capsule, form: FormState) throws -> Response {
        let db = try context.db
        let page = CapsuleStatsPage(
            capsule: capsule, numbers: try CapsuleStatsQueries.fetchNumbers(db, courseID: capsule.id),
            quizzes: try CapsuleStatsQueries.fetchQuizNumbers(db, courseID: capsule.id),
            learners: try CapsuleStatsQueries.fetchLearners(db, courseID: capsule.id, limit: pageLearners), form: form)
        let title = context.t("admin.capsules.stats.page_title", ["capsule": capsule.title])
        return context.page(title, CapsuleStatsPages.page(page, context: context), status: form.isValid ? .ok : .unprocessableContent, section: .admin)
    }

    /// Every learner as CSV: spreadsheet-safe (see `CSV`), days as `yyyy-mm-dd` in the
    /// reader's time zone, numbers as numbers.
    static func exportStats(_ context: Context) throws -> Response {
        let capsule = try context.requireCapsuleAuthor()
        let t = context.t
        let learners = try CapsuleStatsQueries.fetchLearners(context.db, courseID: capsule.id, limit: nil)
        var rows = [[
            t("field.name"), t("field.email"), t("field.organization"), t("admin.capsules.stats.started"),
            t("admin.capsules.stats.lessons_done"), t("admin.capsules.stats.completed"), t("admin.capsules.stats.days_to_complete"),
            t("admin.capsules.stats.best_score"), t("admin.capsules.stats.attempts"),
        ]]
        for learner in learners {
            let days = learner.completedAt.map { String(format: "%.1f", $0.timeIntervalSince(learner.startedAt) / 86_400) } ?? ""
            rows.append([
                learner.name, learner.email, learner.organization ?? "", RosterRoutes.isoDay(learner.startedAt, zone: context.timeZone),
                String(learner.lessonsDone), learner.completedAt.map { RosterRoutes.isoDay($0, zone: context.timeZone) } ?? "", days,
                learner.bestScore.map { String(Int($0.rounded())) } ?? "", String(learner.attempts),
            ])
        }
        var response = Response(status: .ok, headers: [("Content-Type", "text/csv; charset=utf-8")], body: CSV.render(rows))
        response.setHeader("Content-Disposition", "attachment; filename=\"\(capsule.slug).csv\"")
        response.setHeader("Cache-Control", "no-store")
        return response
    }

    /// One person gets `attempts` more tries at one quiz of the capsule, for a reason.
    static func grantAttempts(_ context: Context) throws -> Response {
        let capsule = try context.requireCapsuleAuthor()
        let db = try context.db
        var form = FormState(t: context.t, form: context.form)
        let quizzes = try CapsuleStatsQueries.fetchQuizNumbers(db, courseID: capsule.id)
        let quiz = quizzes.first { String($0.quizID) == context.form["quiz"] }
        if quiz == nil { form.fail("quiz", "account.error.choose") }
        let person = try context.form.trimmed("email").flatMap { try AccountQueries.fetchRecipient(db, email: $0) }
        if person == nil { form.fail("email", "admin.capsules.extra.error.person") }
        let attempts = CatalogAdminInput.integer(context.form["attempts"], in: 1...10)
        if attempts == nil { form.fail("attempts", "admin.capsules.extra.error.attempts") }
        let reason = CatalogAdminInput.paragraphs(context.form, "reason", 1...1000)
        if reason == nil { form.fail("reason", "admin.capsules.extra.error.reason") }
        guard form.isValid, let quiz, let person, let attempts, let reason else { return try statsPage(context, capsule, form: form) }
        try db.transaction {
            try CapsuleStatsQueries.grantAttempts(db, quizID: quiz.quizID, userID: person.id, attempts: attempts, reason: reason, by: context.user?.id)
            try context.audit("quiz.extra_attempts", "user", person.id, [
                "course": String(capsule.id), "lesson_title": quiz.lessonTitle, "attempts": String(attempts), "reason": reason,
            ])
            try Notifier.notify(
                db, app: context.app, userID: person.id, kind: .capsule, message: "notice.capsule.extra_attempts",
                values: ["capsule": capsule.title, "lesson": quiz.lessonTitle, "n": String(attempts)],
                link: CapsulePaths.lesson.path(capsule.slug, quiz.lessonPosition) + "#quiz")
        }
        return context.redirect(CapsulePaths.adminStats.path(capsule.id), flash: "flash.attempts_granted")
    }
}
