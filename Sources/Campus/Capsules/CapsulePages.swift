import Foundation
import Web

/// Where a capsule's pages link to: the learner's own pages, or the staff preview of a
/// capsule, which shows the same pages and records nothing.
struct CapsuleLinks: Sendable {
    let capsule: String
    let lessonPattern: RoutePattern
    let key: String
    /// Nil in a preview: nothing there is posted.
    let learnerSlug: String?

    static func learner(_ capsule: Capsule) -> CapsuleLinks {
        CapsuleLinks(capsule: CapsulePaths.capsule.path(capsule.slug), lessonPattern: CapsulePaths.lesson, key: capsule.slug, learnerSlug: capsule.slug)
    }

    static func preview(_ capsule: Capsule) -> CapsuleLinks {
        CapsuleLinks(capsule: CapsulePaths.adminPreview.path(capsule.id), lessonPattern: CapsulePaths.adminPreviewLesson, key: String(capsule.id), learnerSlug: nil)
    }

    var isPreview: Bool { learnerSlug == nil }

    func lesson(_ position: Int) -> String { lessonPattern.path(key, position) }
}

/// The learner's capsule pages: the list and a capsule with its lessons.
enum CapsulePages {
    static func list(_ capsules: [CapsuleListing], t: Localizer) -> HTML {
        let cards = capsules.map { card($0, t: t) }
        let content: HTML = capsules.isEmpty
            ? "<p class=\"empty\">\(t("capsule.list.empty"))</p>"
            : "<ul class=\"card-list\">\(cards)</ul>"
        return """
        <header class="page-header">
        <h1>\(t("capsule.list.title"))</h1>
        <p class="lead">\(t("capsule.list.lead"))</p>
        </header>
        \(content)
        """
    }

    static func card(_ listing: CapsuleListing, t: Localizer) -> HTML {
        let capsule = listing.capsule
        let status: HTML
        if let progress = listing.progress {
            status = progress.isCompleted
                ? "<p class=\"capsule-status\"><span class=\"state state-open\">\(t("capsule.status.completed_short"))</span></p>"
                : "<p class=\"capsule-status\"><span class=\"state state-running\">\(t("capsule.status.in_progress"))</span> \(progressText(progress, t: t))</p>"
        } else {
            status = ""
        }
        return """
        <li class="card">
        <p class="eyebrow"><span class="kind kind-capsule">\(t("kind.capsule"))</span>\(CatalogPages.topicList(capsule.topics))</p>
        <h2><a href="\(CapsulePaths.capsule.path(capsule.slug))" lang="\(capsule.language)">\(capsule.title)</a></h2>
        <p lang="\(capsule.language)">\(capsule.summary)</p>
        <p class="next-edition">\(meta(capsule, t: t))</p>
        \(status)
        </li>
        """
    }

    /// "2 hours · Spanish · 4 lessons".
    static func meta(_ capsule: Capsule, t: Localizer) -> String {
        var parts: [String] = []
        if let hours = capsule.workloadHours { parts.append(t.plural("capsule.hours", hours)) }
        parts.append(t("language_name.\(capsule.language)"))
        parts.append(t.plural("capsule.lesson_count", capsule.lessonCount))
        return parts.joined(separator: " · ")
    }

    static func progressText(_ progress: CapsuleProgress, t: Localizer) -> String {
        t.plural("capsule.progress", progress.lessons, ["done": t.number(progress.lessonsDone)])
    }

    /// The progress bar: a `<progress>` element named by its text, so it reads the same to
    /// everyone.
    static func progressBar(_ progress: CapsuleProgress, id: String = "capsule-progress", t: Localizer) -> HTML {
        """
        <div class="capsule-progress">
        <label for="\(id)">\(progressText(progress, t: t))</label>
        <progress id="\(id)" max="\(max(1, progress.lessons))" value="\(min(progress.lessonsDone, progress.lessons))">\
        \(progressText(progress, t: t))</progress>
        </div>
        """
    }

    /// Where "continue" goes: the lesson last opened, else the first one not done.
    static func resumePosition(_ progress: CapsuleProgress, lessons: [LessonSummary]) -> Int? {
        if let last = progress.lastLessonPosition, lessons.contains(where: { $0.position == last }) { return last }
        return lessons.first(where: { !$0.done })?.position ?? lessons.first?.position
    }

    static func capsulePage(
        _ capsule: Capsule, progress: CapsuleProgress?, lessons: [LessonSummary], links: CapsuleLinks, certificate: String? = nil, context: Context
    ) -> HTML {
        let t = context.t
        let description: HTML = capsule.description.isEmpty
            ? "" : "<div class=\"prose\" lang=\"\(capsule.language)\">\(Markdown(headingOffset: 1).render(capsule.description))</div>"
        return """
        \(breadcrumb(links.isPreview ? nil : capsule, t: t))
        \(links.isPreview ? previewBanner(capsule, t: t) : "")
        <header class="page-header">
        <p class="eyebrow"><span class="kind kind-capsule">\(t("kind.capsule"))</span>\(CatalogPages.topicList(capsule.topics))</p>
        <h1 lang="\(capsule.language)">\(capsule.title)</h1>
        <p class="lead" lang="\(capsule.language)">\(capsule.summary)</p>
        \(facts(capsule, t: t))
        </header>
        \(statusBox(capsule, progress: progress, lessons: lessons, links: links, certificate: certificate, context: context))
        \(description)
        <section aria-labelledby="lessons-title">
        <h2 id="lessons-title">\(t("capsule.lessons_title"))</h2>
        \(lessonList(lessons, linked: progress != nil || links.isPreview, links: links, language: capsule.language, t: t))
        </section>
        """
    }

    static func breadcrumb(_ capsule: Capsule?, t: Localizer) -> HTML {
        var links: [HTML] = ["<a href=\"\(CapsulePaths.capsules.path())\">\(t("capsule.list.title"))</a>"]
        if let capsule { links.append("<a href=\"\(CapsulePaths.capsule.path(capsule.slug))\" lang=\"\(capsule.language)\">\(capsule.title)</a>") }
        return "<nav class=\"breadcrumb\" aria-label=\"\(t("layout.breadcrumb"))\">\(links.joined(separator: " › "))</nav>"
    }

    static func previewBanner(_ capsule: Capsule, t: Localizer) -> HTML {
        """
        <div class="flash flash-info" role="status">\(t("capsule.preview.banner")) \
        <a href="\(CapsulePaths.adminCapsule.path(capsule.id))">\(t("capsule.preview.back"))</a></div>
        """
    }

    static func facts(_ capsule: Capsule, t: Localizer) -> HTML {
        let hours: HTML = capsule.workloadHours.map { "<dt>\(t("capsule.facts.workload"))</dt><dd>\(t.plural("capsule.hours", $0))</dd>" } ?? ""
        return """
        <dl class="facts capsule-facts">
        \(hours)
        <dt>\(t("capsule.facts.language"))</dt><dd>\(t("language_name.\(capsule.language)"))</dd>
        <dt>\(t("capsule.facts.lessons"))</dt><dd>\(t.plural("capsule.lesson_count", capsule.lessonCount))</dd>
        <dt>\(t("capsule.facts.access"))</dt><dd>\(t("capsule.facts.always_open"))</dd>
        </dl>
        """
    }

    /// What the reader can do now: sign in, start, continue, or see that it is completed.
    static func statusBox(_ capsule: Capsule, progress: CapsuleProgress?, lessons: [LessonSummary], links: CapsuleLinks, certificate: String?, context: Context) -> HTML {
        let t = context.t
        let edit: HTML = context.user?.authors(capsule.id) == true && !links.isPreview
            ? " <a class=\"button secondary\" href=\"\(CapsulePaths.adminCapsule.path(capsule.id))\">\(t("capsule.edit"))</a>" : ""
        var inner: HTML
        if let progress, let slug = links.learnerSlug {
            let resume = resumePosition(progress, lessons: lessons)
            let title = lessons.first { $0.position == resume }?.title ?? ""
            let held: HTML = certificate.map {
                " <a href=\"\(Paths.certificate.path($0))\">\(t("capsule.certificate_link"))</a>"
            } ?? ""
            let completed: HTML = progress.completedAt.map {
                "<p><strong>\(t("capsule.status.completed", ["date": day($0, context: context)]))</strong>\(held)</p>"
            } ?? ""
            let label = progress.isCompleted ? t("capsule.review_lessons") : t("capsule.continue", ["n": String(resume ?? 1), "title": title])
            let action: HTML = resume.map { "<p class=\"actions\"><a class=\"button\" href=\"\(CapsulePaths.lesson.path(slug, $0))\">\(label)</a>\(edit)</p>" } ?? edit
            inner = "\(completed)\(progressBar(progress, t: t))\(action)"
        } else if links.isPreview {
            inner = "<p>\(t("capsule.start_hint"))</p><p class=\"actions\"><a class=\"button\" href=\"\(links.lesson(1))\">\(t("capsule.start"))</a></p>"
        } else if context.user == nil {
            let login = Paths.login.path() + PercentEncoding.query([("next", CapsulePaths.capsule.path(capsule.slug))])
            inner = "<p>\(t("capsule.start_hint"))</p><p class=\"actions\"><a class=\"button\" href=\"\(login)\">\(t("capsule.sign_in_to_start"))</a></p>"
        } else if context.user?.isVerified == false {
            inner = "<p>\(t("capsule.unverified"))</p><p class=\"actions\">\(edit)</p>"
        } else {
            inner = """
            <p>\(t("capsule.start_hint"))</p>
            <form class="actions" method="post" action="\(CapsulePaths.start.path(capsule.slug))">\(csrfField(context.chrome))
            <button type="submit" class="button">\(t("capsule.start"))</button>\(edit)</form>
            """
        }
        return "<section class=\"card capsule-box\" aria-label=\"\(t("capsule.status.label"))\">\(inner)</section>"
    }

    static func lessonList(_ lessons: [LessonSummary], linked: Bool, links: CapsuleLinks, language: String, t: Localizer) -> HTML {
        guard !lessons.isEmpty else { return "<p class=\"empty\">\(t("capsule.no_lessons"))</p>" }
        let items = lessons.map { lesson -> HTML in
            let title: HTML = linked
                ? "<a href=\"\(links.lesson(lesson.position))\" lang=\"\(language)\">\(lesson.title)</a>"
                : "<span lang=\"\(language)\">\(lesson.title)</span>"
            var marks: [HTML] = []
            if lesson.done { marks.append("<span class=\"state state-open\">\(t("capsule.lesson.done_mark"))</span>") }
            if lesson.isNew { marks.append("<span class=\"state state-upcoming\">\(t("capsule.lesson.new_mark"))</span>") }
            if lesson.hasQuiz { marks.append("<span class=\"muted\">\(t("capsule.lesson.quiz_mark"))</span>") }
            return "<li>\(title) \(marks.joined(separator: " "))</li>"
        }
        return "<ol class=\"lesson-list\">\(items)</ol>"
    }

    /// A day in the reader's time zone: "3 de marzo de 2026".
    static func day(_ instant: Date, context: Context) -> String {
        let civil = CivilTime(instant, in: context.timeZone)
        return context.t.date(year: civil.year, month: civil.month, day: civil.day)
    }
}
