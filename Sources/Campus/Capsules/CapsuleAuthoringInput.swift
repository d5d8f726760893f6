import Web

/// The checks of the authoring forms: each reads its fields, marks what is wrong beside
/// the field, and gives the checked values or nil. Lengths are those of the tables' CHECKs.
enum CapsuleAuthoringInput {
    /// Answer slots offered by the question form; empty ones are left out.
    static let answerSlots = 6

    /// The capsule's own fields: the course form's (a capsule is a course of kind `capsule`;
    /// publishing has buttons of its own) and the estimated workload.
    static func capsule(_ input: Form, topics: [TopicChoice], published: Bool, into form: inout FormState) -> (CourseFields, Int?)? {
        var fields = input.fields.filter { $0.name != "kind" && $0.name != "published" }.map { ($0.name, $0.value) }
        fields.append(("kind", "capsule"))
        if published { fields.append(("published", "1")) }
        let course = CourseAdminRoutes.read(Form(fields: fields), topics: topics, into: &form)
        let hours = input.trimmed("workload_hours").map { CatalogAdminInput.integer($0, in: 1...2000) }
        if hours == .some(nil) { form.fail("workload_hours", "admin.capsules.error.workload") }
        guard form.isValid, let course else { return nil }
        return (course, hours ?? nil)
    }

    static func lesson(_ input: Form, into form: inout FormState) -> LessonFields? {
        let title = CatalogAdminInput.line(input, "title", 1...200)
        if title == nil { form.fail("title", "admin.capsules.error.lesson_title") }
        let body = CatalogAdminInput.paragraphs(input, "body", 0...50_000)
        if body == nil { form.fail("body", "admin.capsules.error.body") }
        let video = CatalogAdminInput.line(input, "video_url", 0...500)
        if let video, !video.isEmpty, !(video.hasPrefix("https://") && EditionAdminRoutes.isWebLink(video)) {
            form.fail("video_url", "admin.capsules.error.video")
        }
        if video == nil { form.fail("video_url", "admin.capsules.error.video") }
        guard form.isValid, let title, let body, let video else { return nil }
        return LessonFields(title: title, body: body, videoURL: video.isEmpty ? nil : video)
    }

    static func reading(_ input: Form, into form: inout FormState) -> (title: String, url: String)? {
        let title = CatalogAdminInput.line(input, "reading_title", 1...200)
        if title == nil { form.fail("reading_title", "admin.capsules.error.reading_title") }
        let url = CatalogAdminInput.line(input, "reading_url", 1...500)
        if url.map(EditionAdminRoutes.isWebLink) != true { form.fail("reading_url", "admin.capsules.error.reading_url") }
        guard form.isValid, let title, let url else { return nil }
        return (title, url)
    }

    static func quiz(_ input: Form, into form: inout FormState) -> QuizFields? {
        let passing = CatalogAdminInput.integer(input["passing_score"], in: 1...100)
        if passing == nil { form.fail("passing_score", "admin.capsules.error.passing_score") }
        let attempts = input.trimmed("max_attempts").map { CatalogAdminInput.integer($0, in: 1...50) }
        if attempts == .some(nil) { form.fail("max_attempts", "admin.capsules.error.max_attempts") }
        let draw = input.trimmed("draw_count").map { CatalogAdminInput.integer($0, in: 1...100) }
        if draw == .some(nil) { form.fail("draw_count", "admin.capsules.error.draw_count") }
        let review = ReviewOption(rawValue: input["review"] ?? "")
        if review == nil { form.fail("review", "account.error.choose") }
        guard form.isValid, let passing, let review else { return nil }
        return QuizFields(
            passingScore: passing, maxAttempts: attempts ?? nil, drawCount: draw ?? nil, shuffleAnswers: input["shuffle_answers"] == "1",
            review: review, revealKey: input["reveal_key"] == "1")
    }

    /// A question and its answers: two answers or more; one right answer for single choice,
    /// at least one for multiple choice.
    static func question(_ input: Form, id: Int64, into form: inout FormState) -> BankQuestion? {
        let kind = QuestionKind(rawValue: input["kind"] ?? "")
        if kind == nil { form.fail("kind", "account.error.choose") }
        let prompt = CatalogAdminInput.paragraphs(input, "prompt", 1...2000)
        if prompt == nil { form.fail("prompt", "admin.capsules.error.prompt") }
        var answers: [BankAnswer] = []
        for slot in 1...answerSlots {
            let text = CatalogAdminInput.line(input, "answer_\(slot)", 0...500)
            let feedback = CatalogAdminInput.paragraphs(input, "feedback_\(slot)", 0...1000)
            guard let text, let feedback else { form.fail("answer_\(slot)", "admin.capsules.error.answer"); continue }
            if text.isEmpty {
                if !feedback.isEmpty || input["correct_\(slot)"] == "1" { form.fail("answer_\(slot)", "admin.capsules.error.answer") }
                continue
            }
            answers.append(BankAnswer(text: text, correct: input["correct_\(slot)"] == "1", feedback: feedback))
        }
        let right = answers.filter(\.correct).count
        if answers.count < 2 {
            form.fail("answers", "admin.capsules.error.two_answers")
        } else if kind == .single, right != 1 {
            form.fail("answers", "admin.capsules.error.one_right")
        } else if kind == .multiple, right < 1 {
            form.fail("answers", "admin.capsules.error.some_right")
        }
        guard form.isValid, let kind, let prompt else { return nil }
        return BankQuestion(id: id, kind: kind, prompt: prompt, answers: answers)
    }

    /// The question form's values for a question of the bank.
    static func values(_ question: BankQuestion) -> [String: String] {
        var values = ["kind": question.kind.rawValue, "prompt": question.prompt]
        for (index, answer) in question.answers.enumerated() {
            values["answer_\(index + 1)"] = answer.text
            values["feedback_\(index + 1)"] = answer.feedback
            if answer.correct { values["correct_\(index + 1)"] = "1" }
        }
        return values
    }
}
