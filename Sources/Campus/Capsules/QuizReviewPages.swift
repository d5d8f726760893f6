import Web

/// The review of a submitted attempt. How much it shows is the quiz's setting: the score
/// alone, which questions were wrong, or that and the feedback on the answers chosen. The
/// right answers (and their feedback) show only once the learner passed or has no attempt
/// left, and only when the quiz reveals its key at all — so trying again and again never
/// reads the key off the page.
enum QuizReviewPages {
    static func review(_ attempt: Attempt, quiz: QuizSettings, standing: QuizStanding, t: Localizer) -> HTML {
        let score = String(attempt.score ?? 0)
        let passed = attempt.passed == true
        let result = passed
            ? t("capsule.quiz.result.passed", ["n": String(attempt.number), "score": score])
            : t("capsule.quiz.result.failed", ["n": String(attempt.number), "score": score, "passing": String(attempt.passingScore)])
        let heading: HTML = "<p class=\"quiz-result result-\(passed ? "passed" : "failed")\" role=\"status\"><strong>\(result)</strong></p>"
        let showKey = standing.mayRevealKey(quiz)
        guard showKey || quiz.review != .score else {
            return passed ? heading : "\(heading)<p class=\"hint\">\(t("capsule.quiz.review.score_only"))</p>"
        }
        let feedback = showKey || quiz.review == .feedback
        let items = attempt.questions.map { question(_: $0, showKey: showKey, feedback: feedback, t: t) }
        let keyNote: HTML = showKey ? "" : "<p class=\"hint\">\(t("capsule.quiz.review.key_later"))</p>"
        return """
        \(heading)
        <h3>\(t("capsule.quiz.review.title", ["n": String(attempt.number)]))</h3>
        \(keyNote)
        <ol class="questions review">\(items)</ol>
        """
    }

    static func question(_ question: AttemptQuestion, showKey: Bool, feedback: Bool, t: Localizer) -> HTML {
        let right = question.correct == true
        let mark: HTML = right
            ? "<span class=\"state state-open\">\(t("capsule.quiz.review.right"))</span>"
            : "<span class=\"state state-closed\">\(t("capsule.quiz.review.wrong"))</span>"
        let answers = question.answers.compactMap { answer -> HTML? in
            let isKey = showKey && answer.correct
            guard answer.chosen || showKey else { return nil }
            var marks: [HTML] = []
            if answer.chosen { marks.append("<span class=\"mark\">\(t("capsule.quiz.review.chosen"))</span>") }
            if isKey { marks.append("<span class=\"mark mark-key\">\(t("capsule.quiz.review.key"))</span>") }
            let note: HTML = feedback && (answer.chosen || isKey) && !answer.feedback.isEmpty
                ? "<p class=\"feedback\">\(answer.feedback)</p>" : ""
            return "<li>\(answer.text) \(marks.joined(separator: " "))\(note)</li>"
        }
        return """
        <li class="question-review \(right ? "right" : "wrong")">
        <p class="question-prompt">\(question.prompt) \(mark)</p>
        <ul class="answers">\(answers)</ul>
        </li>
        """
    }
}
