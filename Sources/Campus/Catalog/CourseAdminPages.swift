import Foundation
import Web

/// The staff's course pages: pure functions from data to HTML.
enum CourseAdminPages {
    static func trail(_ t: Localizer) -> [(String, String)] {
        [(Paths.adminCourses.path(), t("admin.courses.title"))]
    }

    static func list(_ courses: [CourseAdminListing], t: Localizer) -> HTML {
        let rows = courses.map { course -> HTML in
            let state: HTML = course.published
                ? "<span class=\"state state-open\">\(t("admin.courses.published_state"))</span>"
                : "<span class=\"state state-closed\">\(t("admin.courses.draft_state"))</span>"
            return """
            <tr><td><a href="\(Paths.adminCourse.path(course.id))" lang="\(course.language)">\(course.title)</a><br><code>\(course.slug)</code></td>
            <td>\(t("kind.\(course.kind)"))</td><td>\(t("language_name.\(course.language)"))</td><td>\(state)</td>
            <td>\(t.number(course.editions))</td></tr>
            """
        }
        let table: HTML = courses.isEmpty ? "<p class=\"empty\">\(t("admin.courses.none"))</p>" : """
            <div class="table-wrap"><table class="data"><thead><tr><th scope="col">\(t("admin.courses.course"))</th>
            <th scope="col">\(t("admin.courses.kind"))</th><th scope="col">\(t("admin.courses.language"))</th>
            <th scope="col">\(t("admin.courses.state"))</th><th scope="col">\(t("admin.courses.editions"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        return """
        \(AdminRoutes.breadcrumb(t))
        <header class="page-header"><h1>\(t("admin.courses.title"))</h1>
        <p class="actions"><a class="button" href="\(Paths.adminCourseNew.path())">\(t("admin.courses.new"))</a></p></header>
        \(table)
        """
    }

    static func newCourse(_ form: FormState, topics: [TopicChoice], chrome: Chrome) -> HTML {
        let t = form.t
        return """
        \(AdminRoutes.breadcrumb(t, trail(t)))
        <section class="narrow">
        <h1>\(t("admin.courses.new"))</h1>
        \(fields(form, topics: topics, action: Paths.adminCourses.path(), chrome: chrome))
        </section>
        """
    }

    /// A course's page: its editions, its documents, then its form.
    static func course(_ course: CourseRecord, form: FormState, topics: [TopicChoice], editions: [EditionDetail], documents: HTML, context: Context) -> HTML {
        let t = context.t
        let publicLink: HTML = course.fields.published
            ? "<a class=\"button secondary\" href=\"\(Paths.course.path(course.fields.slug))\">\(t("admin.courses.public_page"))</a>" : ""
        return """
        \(AdminRoutes.breadcrumb(t, trail(t)))
        <header class="page-header">
        <p class="eyebrow"><span class="kind kind-\(course.fields.kind)">\(t("kind.\(course.fields.kind)"))</span></p>
        <h1 lang="\(course.fields.language)">\(course.fields.title)</h1>
        <p class="actions">\(publicLink)</p>
        </header>
        <section aria-labelledby="editions-title">
        <h2 id="editions-title">\(t("admin.courses.editions"))</h2>
        \(editionTable(editions, context: context))
        <p class="actions"><a class="button" href="\(Paths.adminEditionNew.path(course.id))">\(t("admin.editions.new"))</a></p>
        </section>
        \(documents)
        <section class="narrow" aria-labelledby="course-form-title">
        <h2 id="course-form-title">\(t("admin.courses.edit"))</h2>
        \(fields(form, topics: topics, action: Paths.adminCourse.path(course.id), chrome: context.chrome))
        </section>
        """
    }

    static func editionTable(_ editions: [EditionDetail], context: Context) -> HTML {
        let t = context.t
        guard !editions.isEmpty else { return "<p class=\"empty\">\(t("admin.courses.no_editions"))</p>" }
        let rows = editions.map { item -> HTML in
            let edition = item.edition
            return """
            <tr><td><a href="\(Paths.adminEdition.path(edition.id))" lang="\(edition.language)">\(edition.name)</a></td>
            <td>\(t("language_name.\(edition.language)"))</td>
            <td>\(CatalogPages.dateRange(edition.startsOn, edition.endsOn, t: t))</td>
            <td>\(EditionPages.stateBadge(item, t: t))</td>
            <td>\(t.plural("admin.editions.seats", edition.capacity, ["taken": t.number(item.seatsTaken)]))</td>
            <td><a href="\(Paths.edition.path(edition.id))">\(t("admin.editions.public_page"))</a> · \
            <a href="\(Paths.roster.path(edition.id))">\(t("admin.editions.roster"))</a></td></tr>
            """
        }
        return """
        <div class="table-wrap"><table class="data"><thead><tr><th scope="col">\(t("admin.editions.name"))</th>
        <th scope="col">\(t("admin.editions.language"))</th><th scope="col">\(t("catalog.dates"))</th>
        <th scope="col">\(t("admin.courses.state"))</th><th scope="col">\(t("admin.editions.seats_taken"))</th>
        <th scope="col">\(t("admin.editions.links"))</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """
    }

    /// The course form, for a new course or an existing one.
    static func fields(_ form: FormState, topics: [TopicChoice], action: String, chrome: Chrome) -> HTML {
        let t = form.t
        let kinds = CourseAdminQueries.kinds.map { (value: $0, label: t("kind.\($0)")) }
        let languages = Language.allCases.map { (value: $0.rawValue, label: t("language_name.\($0.rawValue)")) }
        let pathways = CourseAdminQueries.pathways.map { (value: $0, label: t("pathway.\($0)")) }
        return """
        \(form.summary)
        <form class="form" method="post" action="\(action)" novalidate>
        \(csrfField(chrome))
        \(form.input("title", label: t("admin.courses.field_title"), required: true, maxLength: 200, minLength: 3))
        \(form.input("slug", label: t("admin.courses.slug"), required: true, hint: t("admin.courses.slug_hint"), maxLength: 100))
        \(form.select("kind", label: t("admin.courses.kind"), options: kinds))
        \(form.select("language", label: t("admin.courses.language"), options: languages, hint: t("admin.courses.language_hint")))
        \(form.textarea("summary", label: t("admin.courses.summary"), rows: 3, maxLength: 600))
        \(form.markdownArea("description", label: t("admin.courses.description"), rows: 12, maxLength: 20_000, language: form.values["language"], headingOffset: 1))
        \(form.input("workload_hours", label: t("admin.courses.workload"), type: "number", hint: t("admin.courses.workload_hint")))
        \(checkboxes(form, "pathways", legend: t("admin.courses.pathways"), choices: pathways))
        \(checkboxes(form, "topics", legend: t("admin.courses.topics"), choices: topics.map { (value: $0.slug, label: $0.name) }))
        \(form.checkbox("published", label: t("admin.courses.published"), checked: form.values["published"] == "1"))
        <p class="actions"><button type="submit" class="button">\(t("form.save"))</button> \
        \(form.previewButton(action: action, id: "description")) \
        <a class="button secondary" href="\(Paths.adminCourses.path())">\(t("form.cancel"))</a></p>
        </form>
        """
    }

    /// A group of checkboxes sharing one name; the form keeps the checked values one per line.
    static func checkboxes(_ form: FormState, _ name: String, legend: String, choices: [(value: String, label: String)]) -> HTML {
        let checked = Set((form.values[name] ?? "").split(separator: "\n").map(String.init))
        let boxes = choices.map { choice -> HTML in
            "<label class=\"choice\"><input type=\"checkbox\" name=\"\(name)\" value=\"\(choice.value)\"\(attribute: "checked", when: checked.contains(choice.value))> \(choice.label)</label>"
        }
        let invalid: HTML = form.errors[name] == nil ? "" : " aria-describedby=\"\(name)-error\""
        return "<fieldset class=\"field\" id=\"\(name)\"\(invalid)><legend>\(legend)</legend>\(boxes)\(form.error(name))</fieldset>"
    }
}
