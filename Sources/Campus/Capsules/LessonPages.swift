import Foundation
import Web

/// Everything a lesson's page shows.
struct LessonPage: Sendable {
    var capsule: Capsule
    var progress: CapsuleProgress?
    var lesson: Lesson
    var done: Bool
    var quiz: QuizView?
    var links: CapsuleLinks
}

/// A lesson's page: its text in the safe Markdown subset, the video as a plain link to
/// its host (no player, no third-party script), the readings, the quiz, and the way on.
enum LessonPages {
    static func page(_ page: LessonPage, context: Context) -> HTML {
        let t = context.t
        let capsule = page.capsule
        let lesson = page.lesson
        let progress: HTML = page.progress.map { CapsulePages.progressBar($0, t: t) } ?? ""
        return """
        \(CapsulePages.breadcrumb(page.links.isPreview ? nil : capsule, t: t))
        \(page.links.isPreview ? CapsulePages.previewBanner(capsule, t: t) : "")
        <header class="page-header">
        <p class="eyebrow">\(t("capsule.lesson.position", ["n": String(lesson.position), "total": String(capsule.lessonCount)])) · \
        <a href="\(page.links.capsule)" lang="\(capsule.language)">\(capsule.title)</a></p>
        <h1 lang="\(capsule.language)">\(lesson.title)</h1>
        \(progress)
        </header>
        <article class="prose lesson-body" lang="\(capsule.language)">\(Markdown(headingOffset: 1).render(lesson.body))</article>
        \(video(lesson, t: t))
        \(readings(lesson, language: capsule.language, t: t))
        \(page.quiz.map { QuizPages.section($0, page: page, context: context) } ?? "")
        \(doneBox(page, context: context))
        \(pager(page, t: t))
        """
    }

    static func video(_ lesson: Lesson, t: Localizer) -> HTML {
        guard let url = lesson.videoURL else { return "" }
        return """
        <p class="lesson-video"><a class="button secondary" href="\(url)" rel="nofollow noopener">\(t("capsule.lesson.video", ["host": host(url)]))</a>
        <span class="hint">\(t("capsule.lesson.video_hint"))</span></p>
        """
    }

    static func readings(_ lesson: Lesson, language: String, t: Localizer) -> HTML {
        guard !lesson.readings.isEmpty else { return "" }
        let items = lesson.readings.map { reading -> HTML in
            "<li><a href=\"\(reading.url)\" rel=\"nofollow noopener\" lang=\"\(language)\">\(reading.title)</a> <span class=\"muted\">· \(host(reading.url))</span></li>"
        }
        return """
        <section aria-labelledby="readings-title">
        <h2 id="readings-title">\(t("capsule.lesson.readings"))</h2>
        <ul class="plain-list">\(items)</ul>
        </section>
        """
    }

    /// The host of an http(s) address, for saying where a link leads.
    static func host(_ url: String) -> String {
        let rest = url.drop { $0 != "/" }.drop { $0 == "/" }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@").last ?? authority[...]
        return String(host.hasPrefix("www.") ? host.dropFirst(4) : host)
    }

    /// "Mark as done", or that it is done. A lesson with a quiz is done when its quiz is passed.
    static func doneBox(_ page: LessonPage, context: Context) -> HTML {
        let t = context.t
        if page.done { return "<p class=\"lesson-done\"><span class=\"state state-open\">\(t("capsule.lesson.done"))</span></p>" }
        if page.quiz != nil { return "<p class=\"hint\">\(t("capsule.lesson.done_by_quiz"))</p>" }
        guard let slug = page.links.learnerSlug, page.progress != nil else { return "" }
        return """
        <form class="actions lesson-done" method="post" action="\(CapsulePaths.lessonComplete.path(slug, page.lesson.position))">\(csrfField(context.chrome))
        <button type="submit" class="button">\(t("capsule.lesson.mark_done"))</button></form>
        """
    }

    static func pager(_ page: LessonPage, t: Localizer) -> HTML {
        let position = page.lesson.position
        var links: [HTML] = []
        if position > 1 {
            links.append("<a class=\"button secondary\" href=\"\(page.links.lesson(position - 1))\" rel=\"prev\">← \(t("capsule.lesson.previous"))</a>")
        }
        links.append("<a class=\"button secondary\" href=\"\(page.links.capsule)\">\(t("capsule.lesson.back"))</a>")
        if position < page.capsule.lessonCount {
            links.append("<a class=\"button secondary\" href=\"\(page.links.lesson(position + 1))\" rel=\"next\">\(t("capsule.lesson.next")) →</a>")
        }
        return "<nav class=\"pagination lesson-pager\" aria-label=\"\(t("capsule.lesson.pager"))\">\(links.joined(separator: " "))</nav>"
    }
}
