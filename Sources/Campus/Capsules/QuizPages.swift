import Web

/// What a lesson's page shows of its quiz.
struct QuizView: Sendable {
    var settings: QuizSettings
    /// Nil in a preview.
    var standing: QuizStanding?
    /// The attempt in progress, without its key.
    var openAttempt: Attempt?
    /// The last attempt submitted, with its key, for the review its settings allow.
    var lastAttempt: Attempt?
    /// Choices sent with questions left unanswered, shown again with those questions marked.
    var kept: [Int: Set<String>] = [:]
    var missing: [Int] = []
}

/// The quiz on a lesson's page: what it asks and how many tries are left, the attempt's
/// form (answers and their tokens only), and the review of the last attempt — as much as
/// the quiz's review setting allows, the right answers only once passed or out of attempts.
enum QuizPages {
    static func section(_ quiz: QuizView, page: LessonPage, context: Context) -> HTML {
        let t = context.t
        return """
        <section id="quiz" class="card quiz" aria-labelledby="quiz-title">
        <h2 id="quiz-title">\(t("capsule.quiz.title"))</h2>
        <p>\(t.plural("capsule.quiz.facts", quiz.settings.questionsAsked, ["score": String(quiz.settings.passingScore)])) \(attempts(quiz, t: t))</p>
        \(body(quiz, page: page, context: context))
        </section>
        """
    }

    /// Attempts left, the one in progress counted as taken.
    static func attempts(_ quiz: QuizView, t: Localizer) -> String {
        guard let allowed = quiz.standing?.allowed(quiz.settings) ?? quiz.settings.maxAttempts else { return t("capsule.quiz.unlimited") }
        let used = (quiz.standing?.attemptsUsed ?? 0) + (quiz.standing?.openAttemptID == nil ? 0 : 1)
        return t.plural("capsule.quiz.attempts_left", max(0, allowed - used), ["allowed": String(allowed)])
    }

    static func body(_ quiz: QuizView, page: LessonPage, context: Context) -> HTML {
        let t = context.t
        guard quiz.settings.poolSize > 0 else { return "<p class=\"empty\">\(t("capsule.quiz.error.empty"))</p>" }
        guard let standing = quiz.standing, let slug = page.links.learnerSlug else {
            return "<p class=\"hint\">\(t("capsule.quiz.preview_note"))</p>\(questions(quiz.openAttempt?.questions ?? [], kept: [:], missing: [], t: t, disabled: true))"
        }
        if let attempt = quiz.openAttempt {
            return form(attempt, quiz: quiz, action: CapsulePaths.quiz.path(slug, page.lesson.position), context: context)
        }
        let review = quiz.lastAttempt.map { QuizReviewPages.review($0, quiz: quiz.settings, standing: standing, t: t) } ?? ""
        if standing.passed { return review }
        if standing.isOutOfAttempts(quiz.settings) { return "\(review)<p class=\"notice\">\(t("capsule.quiz.no_attempts"))</p>" }
        guard page.progress != nil else { return review }
        let label = standing.attemptsUsed == 0 ? t("capsule.quiz.start") : t("capsule.quiz.start_again")
        return """
        \(review)
        <form class="actions" method="post" action="\(CapsulePaths.quizStart.path(slug, page.lesson.position))">\(csrfField(context.chrome))
        <button type="submit" class="button">\(label)</button></form>
        """
    }

    static func form(_ attempt: Attempt, quiz: QuizView, action: String, context: Context) -> HTML {
        let t = context.t
        let notice: HTML = quiz.missing.isEmpty ? "" : "<div class=\"form-errors\" role=\"alert\"><p>\(t("capsule.quiz.answer_every"))</p></div>"
        return """
        <h3>\(t("capsule.quiz.attempt", ["n": String(attempt.number)]))</h3>
        \(notice)
        <form class="form quiz-form" method="post" action="\(action)">\(csrfField(context.chrome))
        <input type="hidden" name="attempt" value="\(attempt.id)">
        \(questions(attempt.questions, kept: quiz.kept, missing: quiz.missing, t: t, disabled: false))
        <p class="actions"><button type="submit" class="button">\(t("capsule.quiz.submit"))</button></p>
        </form>
        """
    }

    /// The questions as fieldsets of radio buttons or checkboxes, named `q{position}`, each
    /// answer's value its token.
    static func questions(_ questions: [AttemptQuestion], kept: [Int: Set<String>], missing: [Int], t: Localizer, disabled: Bool) -> HTML {
        let items = questions.map { question -> HTML in
            let name = "q\(question.position)"
            let type = question.kind == .single ? "radio" : "checkbox"
            let isMissing = missing.contains(question.position)
            let error: HTML = isMissing ? "<p class=\"field-error\" id=\"\(name)-error\">\(t("capsule.quiz.question_missing"))</p>" : ""
            let described: HTML = isMissing ? " aria-describedby=\"\(name)-hint \(name)-error\"" : " aria-describedby=\"\(name)-hint\""
            let choices = question.answers.map { answer -> HTML in
                let checked = kept[question.position]?.contains(answer.token) == true
                return """
                <label class="choice"><input type="\(type)" name="\(name)" value="\(answer.token)"\(attribute: "checked", when: checked)\
                \(attribute: "disabled", when: disabled)> \(answer.text)</label>
                """
            }
            let hint = t(question.kind == .single ? "capsule.quiz.single_hint" : "capsule.quiz.multiple_hint")
            return """
            <li><fieldset class="field question" id="\(name)"\(described)>
            <legend>\(question.prompt)</legend>
            <p class="hint" id="\(name)-hint">\(hint)</p>
            \(choices)\(error)
            </fieldset></li>
            """
        }
        return "<ol class=\"questions\">\(items)</ol>"
    }
}
