import Web

/// What a capsule's staff page shows.
struct CapsuleAuthoringPage: Sendable {
    var capsule: Capsule
    var outline: [LessonOutline]
    var topics: [TopicChoice]
    var form: FormState
    var lessonForm: FormState
}

/// The authoring pages of capsules: the list, a new capsule, a capsule's outline and
/// settings. Pure functions from data to HTML.
enum CapsuleAuthoringPages {
    static func trail(_ t: Localizer) -> [(String, String)] {
        [(CapsulePaths.admin.path(), t("admin.capsules.title"))]
    }

    static func stateBadge(_ published: Bool, t: Localizer) -> HTML {
        published
            ? "<span class=\"state state-open\">\(t("admin.courses.published_state"))</span>"
            : "<span class=\"state state-closed\">\(t("admin.courses.draft_state"))</span>"
    }

    static func list(_ summaries: [CapsuleSummary], canCreate: Bool, t: Localizer) -> HTML {
        let rows = summaries.map { item -> HTML in
            """
            <tr><td data-label="\(t("admin.capsules.capsule"))"><a href="\(CapsulePaths.adminCapsule.path(item.id))" lang="\(item.language)">\(item.title)</a></td>
            <td data-label="\(t("admin.courses.state"))">\(stateBadge(item.published, t: t))</td>
            <td data-label="\(t("admin.capsules.lessons"))">\(t.number(item.lessons))</td>
            <td data-label="\(t("admin.capsules.stats.starts"))">\(t.number(item.numbers.starts))</td>
            <td data-label="\(t("admin.capsules.stats.completions"))">\(t.number(item.numbers.completions))</td>
            <td data-label="\(t("admin.capsules.stats.rate"))">\(CapsuleStatsPages.rate(item.numbers, t: t))</td>
            <td><a href="\(CapsulePaths.adminStats.path(item.id))">\(t("admin.capsules.stats.link"))</a></td></tr>
            """
        }
        let table: HTML = summaries.isEmpty ? "<p class=\"empty\">\(t("admin.capsules.none"))</p>" : """
            <div class="table-wrap"><table class="data stacking"><thead><tr><th scope="col">\(t("admin.capsules.capsule"))</th>
            <th scope="col">\(t("admin.courses.state"))</th><th scope="col">\(t("admin.capsules.lessons"))</th>
            <th scope="col">\(t("admin.capsules.stats.starts"))</th><th scope="col">\(t("admin.capsules.stats.completions"))</th>
            <th scope="col">\(t("admin.capsules.stats.rate"))</th><th scope="col">\(t("admin.capsules.stats.title"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        let create: HTML = canCreate
            ? "<p class=\"actions\"><a class=\"button\" href=\"\(CapsulePaths.adminNew.path())\">\(t("admin.capsules.new"))</a></p>" : ""
        return """
        \(AdminRoutes.breadcrumb(t))
        <header class="page-header"><h1>\(t("admin.capsules.title"))</h1>
        <p class="lead">\(t("admin.capsules.lead"))</p>\(create)</header>
        \(table)
        """
    }

    static func newCapsule(_ form: FormState, topics: [TopicChoice], chrome: Chrome) -> HTML {
        let t = form.t
        return """
        \(AdminRoutes.breadcrumb(t, trail(t)))
        <section class="narrow">
        <h1>\(t("admin.capsules.new"))</h1>
        <p class="hint">\(t("admin.capsules.new_hint"))</p>
        \(settingsForm(form, topics: topics, action: CapsulePaths.admin.path(), chrome: chrome))
        </section>
        """
    }

    static func capsule(_ page: CapsuleAuthoringPage, context: Context) -> HTML {
        let t = context.t
        let capsule = page.capsule
        return """
        \(AdminRoutes.breadcrumb(t, trail(t)))
        <header class="page-header">
        <p class="eyebrow"><span class="kind kind-capsule">\(t("kind.capsule"))</span> \(stateBadge(capsule.published, t: t))</p>
        <h1 lang="\(capsule.language)">\(capsule.title)</h1>
        <p class="actions">\(actions(capsule, context: context))</p>
        </header>
        <section aria-labelledby="outline-title">
        <h2 id="outline-title">\(t("admin.capsules.lessons"))</h2>
        <p class="hint">\(t("admin.capsules.outline_hint"))</p>
        \(outline(page.outline, capsule: capsule, context: context))
        \(page.lessonForm.summary)
        <form class="form" method="post" action="\(CapsulePaths.adminLessons.path(capsule.id))" novalidate>\(csrfField(context.chrome))
        \(page.lessonForm.input("title", label: t("admin.capsules.new_lesson"), required: true, maxLength: 200))
        <p class="actions"><button type="submit" class="button">\(t("admin.capsules.add_lesson"))</button></p>
        </form>
        </section>
        <section class="narrow" aria-labelledby="settings-title">
        <h2 id="settings-title">\(t("admin.capsules.settings"))</h2>
        \(settingsForm(page.form, topics: page.topics, action: CapsulePaths.adminCapsule.path(capsule.id), chrome: context.chrome))
        </section>
        """
    }

    /// Preview, numbers, the public page when published, and publish or unpublish.
    static func actions(_ capsule: Capsule, context: Context) -> HTML {
        let t = context.t
        let publish = capsule.published
            ? (CapsulePaths.adminUnpublish.path(capsule.id), t("admin.capsules.unpublish"))
            : (CapsulePaths.adminPublish.path(capsule.id), t("admin.capsules.publish"))
        let publicPage: HTML = capsule.published
            ? "<a class=\"button secondary\" href=\"\(CapsulePaths.capsule.path(capsule.slug))\">\(t("admin.courses.public_page"))</a> " : ""
        return """
        <a class="button secondary" href="\(CapsulePaths.adminPreview.path(capsule.id))">\(t("admin.capsules.preview"))</a> \
        <a class="button secondary" href="\(CapsulePaths.adminStats.path(capsule.id))">\(t("admin.capsules.stats.title"))</a> \(publicPage)\
        <form class="inline" method="post" action="\(publish.0)">\(csrfField(context.chrome))<button type="submit" class="button">\(publish.1)</button></form>
        """
    }

    /// The lessons in order, each with its quiz and up and down buttons (plain forms).
    static func outline(_ lessons: [LessonOutline], capsule: Capsule, context: Context) -> HTML {
        let t = context.t
        guard !lessons.isEmpty else { return "<p class=\"empty\">\(t("capsule.no_lessons"))</p>" }
        let items = lessons.map { lesson -> HTML in
            let quiz: HTML = lesson.questions.map { " <span class=\"muted\">· \(t.plural("admin.capsules.quiz_questions", $0))</span>" } ?? ""
            func move(_ direction: String, _ label: String, enabled: Bool) -> HTML {
                """
                <form class="inline" method="post" action="\(CapsulePaths.adminLessonMove.path(capsule.id, lesson.id))">\(csrfField(context.chrome))\
                <input type="hidden" name="direction" value="\(direction)">\
                <button type="submit" class="button secondary small"\(attribute: "disabled", when: !enabled)>\(label)</button></form>
                """
            }
            return """
            <li><a href="\(CapsulePaths.adminLesson.path(capsule.id, lesson.id))" lang="\(capsule.language)">\(lesson.title)</a>\(quiz)
            <span class="actions">\(move("up", t("admin.capsules.move_up", ["title": lesson.title]), enabled: lesson.position > 1)) \
            \(move("down", t("admin.capsules.move_down", ["title": lesson.title]), enabled: lesson.position < lessons.count)) \
            <a href="\(CapsulePaths.adminLessonDelete.path(capsule.id, lesson.id))">\(t("admin.capsules.delete"))</a></span></li>
            """
        }
        return "<ol class=\"lesson-list authoring\">\(items)</ol>"
    }

    /// The capsule's settings: the course's fields a capsule uses, and its workload.
    static func settingsForm(_ form: FormState, topics: [TopicChoice], action: String, chrome: Chrome) -> HTML {
        let t = form.t
        let languages = Language.allCases.map { (value: $0.rawValue, label: t("language_name.\($0.rawValue)")) }
        let pathways = CourseAdminQueries.pathways.map { (value: $0, label: t("pathway.\($0)")) }
        return """
        \(form.summary)
        <form class="form" method="post" action="\(action)" novalidate>
        \(csrfField(chrome))
        \(form.input("title", label: t("admin.courses.field_title"), required: true, maxLength: 200, minLength: 3))
        \(form.input("slug", label: t("admin.courses.slug"), required: true, hint: t("admin.courses.slug_hint"), maxLength: 100))
        \(form.select("language", label: t("admin.courses.language"), options: languages, hint: t("admin.courses.language_hint")))
        \(form.input("workload_hours", label: t("admin.capsules.workload"), type: "number", hint: t("admin.capsules.workload_hint")))
        \(form.textarea("summary", label: t("admin.courses.summary"), rows: 3, maxLength: 600))
        \(form.textarea("description", label: t("admin.courses.description"), rows: 10, maxLength: 20_000, hint: t("admin.capsules.markdown_hint")))
        \(CourseAdminPages.checkboxes(form, "pathways", legend: t("admin.courses.pathways"), choices: pathways))
        \(CourseAdminPages.checkboxes(form, "topics", legend: t("admin.courses.topics"), choices: topics.map { (value: $0.slug, label: $0.name) }))
        <p class="actions"><button type="submit" class="button">\(t("form.save"))</button> \
        <a class="button secondary" href="\(CapsulePaths.admin.path())">\(t("form.cancel"))</a></p>
        </form>
        """
    }
}
