import Web

/// The audit log's sentences for what capsule authors do: which lesson, which question,
/// what changed — in the reader's language. Details it has no words for stay as recorded.
enum CapsuleAuditWords {
    static let actions: Set<String> = [
        "lesson.create", "lesson.update", "lesson.move", "lesson.delete", "quiz.create", "quiz.update", "quiz.delete",
        "question.create", "question.update", "question.delete", "quiz.extra_attempts", "capsule.publish", "capsule.unpublish",
    ]

    /// Nil for an action that is not a capsule author's; `take` hands over (and removes)
    /// one recorded detail.
    static func sentences(_ action: String, take: (String) -> String?, t: Localizer) -> [HTML]? {
        guard actions.contains(action) else { return nil }
        _ = (take("lesson"), take("question"), take("course"))
        var said: [HTML] = []
        if let title = take("lesson_title") { said.append("\(t("admin.audit.detail.lesson", ["title": title]))") }
        if let prompt = take("prompt_start") { said.append("\(t("admin.audit.detail.question", ["prompt": prompt]))") }
        switch action {
        case "lesson.move":
            if let position = take("position") { said.append("\(t("admin.audit.detail.lesson_position", ["n": position]))") }
        case "lesson.update", "question.update":
            said += changes(take: take, t: t)
        case "quiz.create", "quiz.update":
            said.append(quiz(take: take, t: t))
        case "quiz.extra_attempts":
            let attempts = take("attempts").flatMap { Int($0) } ?? 0
            said.append("\(t.plural("admin.audit.detail.extra_attempts", attempts))")
            if let reason = take("reason") { said.append("\(t("admin.audit.detail.reason", ["reason": reason]))") }
        default:
            break
        }
        return said
    }

    static func changes(take: (String) -> String?, t: Localizer) -> [HTML] {
        var said: [HTML] = []
        if let title = take("title"), let arrow = title.range(of: " → ") {
            let from = String(title[..<arrow.lowerBound]), to = String(title[arrow.upperBound...])
            said.append("\(t("admin.audit.detail.change", ["field": t("admin.capsules.lesson_title"), "from": from, "to": to]))")
        }
        for (key, label) in [("body", "admin.capsules.body"), ("prompt", "admin.capsules.prompt"), ("answers", "admin.audit.field.answers")]
        where take(key) != nil {
            said.append("\(t("admin.audit.detail.edited", ["field": t(label)]))")
        }
        if let video = take("video_url") { said.append("\(t("admin.audit.detail.now", ["field": t("admin.capsules.video"), "value": video]))") }
        if let reading = take("reading_added") { said.append("\(t("admin.audit.detail.reading_added", ["title": reading]))") }
        if let reading = take("reading_removed") { said.append("\(t("admin.audit.detail.reading_removed", ["title": reading]))") }
        return said
    }

    /// "Passed at 70 %; 3 attempts; 5 questions an attempt; …".
    static func quiz(take: (String) -> String?, t: Localizer) -> HTML {
        func yesNo(_ key: String) -> String { t(take(key) == "true" ? "admin.audit.detail.yes" : "admin.audit.detail.no") }
        let review = take("review").map { t("admin.capsules.review.\($0)") } ?? "—"
        let values = [
            "passing": take("passing_score") ?? "—", "attempts": take("max_attempts") ?? "—", "draw": take("draw_count") ?? "—",
            "review": review, "key": yesNo("reveal_key"), "shuffle": yesNo("shuffle_answers"),
        ]
        return "\(t("admin.audit.detail.quiz", values))"
    }
}
