import Web

/// What a lesson's editor shows.
struct LessonEditor: Sendable {
    var capsule: Capsule
    var lesson: LessonRecord
    var bank: [BankQuestion]
    var lessonForm: FormState
    var readingForm: FormState
    var quizForm: FormState
}

/// A lesson's editor: its text, video and readings, and its quiz — settings and bank.
enum LessonAuthoringPages {
    static func trail(_ capsule: Capsule, t: Localizer) -> [(String, String)] {
        CapsuleAuthoringPages.trail(t) + [(CapsulePaths.adminCapsule.path(capsule.id), capsule.title)]
    }

    static func editor(_ page: LessonEditor, context: Context) -> HTML {
        let t = context.t
        let capsule = page.capsule
        let lesson = page.lesson
        return """
        \(AdminRoutes.breadcrumb(t, trail(capsule, t: t)))
        <header class="page-header">
        <p class="eyebrow">\(t("capsule.lesson.position", ["n": String(lesson.position), "total": String(capsule.lessonCount)]))</p>
        <h1 lang="\(capsule.language)">\(lesson.title)</h1>
        <p class="actions"><a class="button secondary" href="\(CapsulePaths.adminPreviewLesson.path(capsule.id, lesson.position))">\(t("admin.capsules.preview"))</a> \
        <a class="button secondary" href="\(CapsulePaths.adminCapsule.path(capsule.id))">\(t("admin.capsules.back_to_capsule"))</a></p>
        </header>
        <section class="narrow" aria-labelledby="lesson-form-title">
        <h2 id="lesson-form-title">\(t("admin.capsules.lesson_text"))</h2>
        \(page.lessonForm.summary)
        <form class="form" method="post" action="\(CapsulePaths.adminLesson.path(capsule.id, lesson.id))" novalidate>\(csrfField(context.chrome))
        \(page.lessonForm.input("title", label: t("admin.capsules.lesson_title"), required: true, maxLength: 200))
        \(page.lessonForm.textarea("body", label: t("admin.capsules.body"), rows: 16, maxLength: 50_000, hint: t("admin.capsules.markdown_hint")))
        \(page.lessonForm.input("video_url", label: t("admin.capsules.video"), type: "url", hint: t("admin.capsules.video_hint"), maxLength: 500))
        <p class="actions"><button type="submit" class="button">\(t("form.save"))</button></p>
        </form>
        </section>
        \(readings(page, context: context))
        \(quiz(page, context: context))
        """
    }

    static func readings(_ page: LessonEditor, context: Context) -> HTML {
        let t = context.t
        let capsule = page.capsule
        let lesson = page.lesson
        let items = lesson.readings.map { reading -> HTML in
            """
            <li><a href="\(reading.url)" rel="nofollow noopener">\(reading.title)</a> <span class="muted">· \(LessonPages.host(reading.url))</span> \
            <form class="inline" method="post" action="\(CapsulePaths.adminReadingDelete.path(capsule.id, lesson.id, reading.id))">\(csrfField(context.chrome))\
            <button type="submit" class="link-button">\(t("admin.capsules.remove_reading", ["title": reading.title]))</button></form></li>
            """
        }
        let list: HTML = items.isEmpty ? "<p class=\"empty\">\(t("admin.capsules.no_readings"))</p>" : "<ul class=\"plain-list\">\(items)</ul>"
        return """
        <section class="narrow" aria-labelledby="readings-title">
        <h2 id="readings-title">\(t("capsule.lesson.readings"))</h2>
        \(list)
        \(page.readingForm.summary)
        <form class="form" method="post" action="\(CapsulePaths.adminReadings.path(capsule.id, lesson.id))" novalidate>\(csrfField(context.chrome))
        \(page.readingForm.input("reading_title", label: t("admin.capsules.reading_title"), required: true, maxLength: 200))
        \(page.readingForm.input("reading_url", label: t("admin.capsules.reading_url"), type: "url", required: true, hint: t("admin.capsules.reading_hint"), maxLength: 500))
        <p class="actions"><button type="submit" class="button secondary">\(t("admin.capsules.add_reading"))</button></p>
        </form>
        </section>
        """
    }

    static func quizValues(_ quiz: QuizSettings?) -> [String: String] {
        guard let quiz else { return ["passing_score": "70", "max_attempts": "3", "review": "questions", "shuffle_answers": "1", "reveal_key": "1"] }
        return [
            "passing_score": String(quiz.passingScore), "max_attempts": quiz.maxAttempts.map(String.init) ?? "",
            "draw_count": quiz.drawCount.map(String.init) ?? "", "review": quiz.review.rawValue,
            "shuffle_answers": quiz.shuffleAnswers ? "1" : "", "reveal_key": quiz.revealKey ? "1" : "",
        ]
    }

    static func quiz(_ page: LessonEditor, context: Context) -> HTML {
        let t = context.t
        let capsule = page.capsule
        let lesson = page.lesson
        let form = page.quizForm
        let reviews = ReviewOption.allCases.map { (value: $0.rawValue, label: t("admin.capsules.review.\($0.rawValue)")) }
        let bank: HTML = lesson.quiz == nil ? "<p class=\"hint\">\(t("admin.capsules.no_quiz"))</p>" : """
            <h3>\(t("admin.capsules.bank"))</h3>
            <p class="hint">\(t("admin.capsules.bank_hint"))</p>
            \(QuestionAuthoringPages.bank(page.bank, capsule: capsule, t: t))
            <p class="actions"><a class="button" href="\(CapsulePaths.adminQuestionNew.path(capsule.id, lesson.id))">\(t("admin.capsules.add_question"))</a> \
            <a href="\(CapsulePaths.adminQuizDelete.path(capsule.id, lesson.id))">\(t("admin.capsules.delete_quiz.link"))</a></p>
            """
        return """
        <section class="narrow" aria-labelledby="quiz-title">
        <h2 id="quiz-title">\(t("capsule.quiz.title"))</h2>
        \(form.summary)
        <form class="form" method="post" action="\(CapsulePaths.adminQuiz.path(capsule.id, lesson.id))" novalidate>\(csrfField(context.chrome))
        \(form.input("passing_score", label: t("admin.capsules.passing_score"), type: "number", required: true, hint: t("admin.capsules.passing_score_hint")))
        \(form.input("max_attempts", label: t("admin.capsules.max_attempts"), type: "number", hint: t("admin.capsules.max_attempts_hint")))
        \(form.input("draw_count", label: t("admin.capsules.draw_count"), type: "number", hint: t("admin.capsules.draw_count_hint")))
        \(form.checkbox("shuffle_answers", label: t("admin.capsules.shuffle_answers"), checked: form.values["shuffle_answers"] == "1"))
        \(form.select("review", label: t("admin.capsules.review"), options: reviews, hint: t("admin.capsules.review_hint")))
        \(form.checkbox("reveal_key", label: t("admin.capsules.reveal_key"), checked: form.values["reveal_key"] == "1"))
        <p class="actions"><button type="submit" class="button">\(t(lesson.quiz == nil ? "admin.capsules.add_quiz" : "form.save"))</button></p>
        </form>
        \(bank)
        </section>
        """
    }
}
