import Foundation
import Web

/// What a capsule's numbers page shows.
struct CapsuleStatsPage: Sendable {
    var capsule: Capsule
    var numbers: CapsuleNumbers
    var quizzes: [QuizNumbers]
    var learners: [CapsuleLearner]
    var form: FormState
}

/// A capsule's numbers for staff: the totals, each quiz, the latest learners, the CSV,
/// and the form that grants one person more attempts.
enum CapsuleStatsPages {
    static func page(_ page: CapsuleStatsPage, context: Context) -> HTML {
        let t = context.t
        let capsule = page.capsule
        let numbers = page.numbers
        return """
        \(AdminRoutes.breadcrumb(t, LessonAuthoringPages.trail(capsule, t: t)))
        <header class="page-header">
        <h1>\(t("admin.capsules.stats.page_title", ["capsule": capsule.title]))</h1>
        <p class="actions"><a class="button secondary" href="\(CapsulePaths.adminStatsCSV.path(capsule.id))">\(t("admin.capsules.stats.csv"))</a></p>
        </header>
        <dl class="facts stats">
        <dt>\(t("admin.capsules.stats.starts"))</dt><dd>\(t.number(numbers.starts))</dd>
        <dt>\(t("admin.capsules.stats.completions"))</dt><dd>\(t.number(numbers.completions))</dd>
        <dt>\(t("admin.capsules.stats.rate"))</dt><dd>\(rate(numbers, t: t))</dd>
        <dt>\(t("admin.capsules.stats.median"))</dt><dd>\(duration(numbers.medianSeconds, t: t))</dd>
        <dt>\(t("admin.capsules.stats.average_best"))</dt><dd>\(score(numbers.averageBestScore, t: t))</dd>
        </dl>
        \(quizTable(page.quizzes, t: t))
        \(learnerTable(page.learners, total: numbers.starts, context: context))
        \(extraAttempts(page, context: context))
        """
    }

    static func rate(_ numbers: CapsuleNumbers, t: Localizer) -> String {
        numbers.completionRate.map { "\(t.number(Int(($0 * 100).rounded()))) %" } ?? "—"
    }

    static func score(_ value: Double?, t: Localizer) -> String {
        value.map { "\(t.number(Int($0.rounded()))) %" } ?? "—"
    }

    /// A duration in the largest unit that reads well: days, hours or minutes.
    static func duration(_ seconds: Double?, t: Localizer) -> String {
        guard let seconds else { return "—" }
        if seconds >= 2 * 86_400 { return t.plural("admin.capsules.stats.days", Int((seconds / 86_400).rounded())) }
        if seconds >= 2 * 3_600 { return t.plural("admin.capsules.stats.hours", Int((seconds / 3_600).rounded())) }
        return t.plural("admin.capsules.stats.minutes", max(1, Int((seconds / 60).rounded())))
    }

    static func quizTable(_ quizzes: [QuizNumbers], t: Localizer) -> HTML {
        guard !quizzes.isEmpty else { return "" }
        let rows = quizzes.map { quiz -> HTML in
            """
            <tr><td data-label="\(t("admin.capsules.stats.quiz"))">\(quiz.lessonPosition). \(quiz.lessonTitle)</td>
            <td data-label="\(t("admin.capsules.stats.tried"))">\(t.number(quiz.learners))</td>
            <td data-label="\(t("admin.capsules.stats.passed"))">\(t.number(quiz.passed))</td>
            <td data-label="\(t("admin.capsules.stats.attempts"))">\(t.number(quiz.attempts))</td>
            <td data-label="\(t("admin.capsules.stats.average_best"))">\(score(quiz.averageBestScore, t: t))</td></tr>
            """
        }
        return """
        <section aria-labelledby="quizzes-title">
        <h2 id="quizzes-title">\(t("admin.capsules.stats.quizzes"))</h2>
        <div class="table-wrap"><table class="data stacking"><thead><tr><th scope="col">\(t("admin.capsules.stats.quiz"))</th>
        <th scope="col">\(t("admin.capsules.stats.tried"))</th><th scope="col">\(t("admin.capsules.stats.passed"))</th>
        <th scope="col">\(t("admin.capsules.stats.attempts"))</th><th scope="col">\(t("admin.capsules.stats.average_best"))</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        </section>
        """
    }

    static func learnerTable(_ learners: [CapsuleLearner], total: Int, context: Context) -> HTML {
        let t = context.t
        let rows = learners.map { learner -> HTML in
            """
            <tr><td data-label="\(t("field.name"))">\(learner.name)<br><span class="muted">\(learner.email)</span></td>
            <td data-label="\(t("admin.capsules.stats.started"))">\(CapsulePages.day(learner.startedAt, context: context))</td>
            <td data-label="\(t("admin.capsules.stats.lessons_done"))">\(t.number(learner.lessonsDone))</td>
            <td data-label="\(t("admin.capsules.stats.completed"))">\(learner.completedAt.map { CapsulePages.day($0, context: context) } ?? "—")</td>
            <td data-label="\(t("admin.capsules.stats.best_score"))">\(score(learner.bestScore, t: t))</td>
            <td data-label="\(t("admin.capsules.stats.attempts"))">\(t.number(learner.attempts))</td></tr>
            """
        }
        let more: HTML = total > learners.count ? "<p class=\"hint\">\(t.plural("admin.capsules.stats.more", total))</p>" : ""
        let table: HTML = learners.isEmpty ? "<p class=\"empty\">\(t("admin.capsules.stats.no_learners"))</p>" : """
            <div class="table-wrap"><table class="data stacking"><thead><tr><th scope="col">\(t("field.name"))</th>
            <th scope="col">\(t("admin.capsules.stats.started"))</th><th scope="col">\(t("admin.capsules.stats.lessons_done"))</th>
            <th scope="col">\(t("admin.capsules.stats.completed"))</th><th scope="col">\(t("admin.capsules.stats.best_score"))</th>
            <th scope="col">\(t("admin.capsules.stats.attempts"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        return """
        <section aria-labelledby="learners-title">
        <h2 id="learners-title">\(t("admin.capsules.stats.learners"))</h2>
        \(table)\(more)
        </section>
        """
    }

    static func extraAttempts(_ page: CapsuleStatsPage, context: Context) -> HTML {
        let t = context.t
        guard !page.quizzes.isEmpty else { return "" }
        let form = page.form
        let quizzes = page.quizzes.map { (value: String($0.quizID), label: "\($0.lessonPosition). \($0.lessonTitle)") }
        return """
        <section class="narrow" aria-labelledby="extra-title">
        <h2 id="extra-title">\(t("admin.capsules.extra.title"))</h2>
        <p class="hint">\(t("admin.capsules.extra.hint"))</p>
        \(form.summary)
        <form class="form" method="post" action="\(CapsulePaths.adminExtraAttempts.path(page.capsule.id))" novalidate>\(csrfField(context.chrome))
        \(form.input("email", label: t("field.email"), type: "email", required: true, maxLength: 254))
        \(form.select("quiz", label: t("admin.capsules.stats.quiz"), options: quizzes))
        \(form.input("attempts", label: t("admin.capsules.extra.attempts"), type: "number", required: true))
        \(form.textarea("reason", label: t("admin.capsules.extra.reason"), rows: 3, maxLength: 1000, hint: t("admin.capsules.extra.reason_hint")))
        <p class="actions"><button type="submit" class="button">\(t("admin.capsules.extra.grant"))</button></p>
        </form>
        </section>
        """
    }
}
