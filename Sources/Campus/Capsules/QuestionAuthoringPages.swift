import Web

/// A quiz's bank as its authors see it, and the question form: the prompt, the kind, and
/// answer slots each with its text, whether it is right, and the feedback for who picks it.
enum QuestionAuthoringPages {
    static func bank(_ bank: [BankQuestion], capsule: Capsule, t: Localizer) -> HTML {
        guard !bank.isEmpty else { return "<p class=\"empty\">\(t("admin.capsules.no_questions"))</p>" }
        let items = bank.map { question -> HTML in
            let answers = question.answers.map { answer -> HTML in
                let mark: HTML = answer.correct ? " <span class=\"mark mark-key\">\(t("capsule.quiz.review.key"))</span>" : ""
                return "<li>\(answer.text)\(mark)</li>"
            }
            return """
            <li><p class="question-prompt">\(question.prompt) <span class="muted">· \(t("admin.capsules.kind.\(question.kind.rawValue)"))</span></p>
            <ul class="answers">\(answers)</ul>
            <p><a href="\(CapsulePaths.adminQuestion.path(capsule.id, question.id))">\(t("admin.capsules.edit_question"))</a> · \
            <a href="\(CapsulePaths.adminQuestionDelete.path(capsule.id, question.id))">\(t("admin.capsules.delete"))</a></p></li>
            """
        }
        return "<ol class=\"questions bank\">\(items)</ol>"
    }

    static func form(
        _ form: FormState, title: String, action: String, capsule: Capsule, lesson: LessonRecord, question: BankQuestion?, chrome: Chrome
    ) -> HTML {
        let t = form.t
        let kinds = QuestionKind.allCases.map { (value: $0.rawValue, label: t("admin.capsules.kind.\($0.rawValue)")) }
        let slots = (1...CapsuleAuthoringInput.answerSlots).map { slot -> HTML in
            """
            <fieldset class="field answer-slot"><legend>\(t("admin.capsules.answer_n", ["n": String(slot)]))</legend>
            \(form.input("answer_\(slot)", label: t("admin.capsules.answer_text"), maxLength: 500))
            \(form.checkbox("correct_\(slot)", label: t("admin.capsules.answer_correct"), checked: form.values["correct_\(slot)"] == "1"))
            \(form.textarea("feedback_\(slot)", label: t("admin.capsules.answer_feedback"), rows: 2, maxLength: 1000))
            </fieldset>
            """
        }
        let trail = LessonAuthoringPages.trail(capsule, t: t) + [(CapsulePaths.adminLesson.path(capsule.id, lesson.id), lesson.title)]
        return """
        \(AdminRoutes.breadcrumb(t, trail))
        <section class="narrow">
        <h1>\(title)</h1>
        \(form.summary)
        <form class="form" method="post" action="\(action)" novalidate>\(csrfField(chrome))
        \(form.select("kind", label: t("admin.capsules.question_kind"), options: kinds))
        \(form.textarea("prompt", label: t("admin.capsules.prompt"), rows: 3, maxLength: 2000))
        <div id="answers">\(form.error("answers"))<p class="hint">\(t("admin.capsules.answers_hint"))</p>\(slots)</div>
        <p class="actions"><button type="submit" class="button">\(t("form.save"))</button> \
        <a class="button secondary" href="\(CapsulePaths.adminLesson.path(capsule.id, lesson.id))">\(t("form.cancel"))</a></p>
        </form>
        </section>
        """
    }
}
