import Foundation
import Web

/// Everything the staff's edition page shows.
struct EditionAdminPage {
    let detail: EditionDetail
    let sessions: [EditionSession]
    let instructors: [EditionInstructor]
    let organizations: [(id: Int64, name: String, country: String)]
    let editionForm: FormState
    let sessionForm: FormState
    let instructorForm: FormState
    let documents: HTML
}

/// The staff's edition pages: pure functions from data to HTML.
enum EditionAdminPages {
    static func newEdition(_ course: CourseRecord, form: FormState, organizations: [(id: Int64, name: String, country: String)], chrome: Chrome) -> HTML {
        let t = form.t
        return """
        \(AdminRoutes.breadcrumb(t, CourseAdminPages.trail(t) + [(Paths.adminCourse.path(course.id), course.fields.title)]))
        <section class="narrow">
        <h1>\(t("admin.editions.new_of", ["course": course.fields.title]))</h1>
        \(fields(form, organizations: organizations, action: Paths.adminCourseEditions.path(course.id), cancel: Paths.adminCourse.path(course.id), chrome: chrome))
        </section>
        """
    }

    static func edition(_ page: EditionAdminPage, context: Context) -> HTML {
        let t = context.t
        let detail = page.detail
        let id = detail.edition.id
        let seats = t.plural("admin.editions.seats", detail.edition.capacity, ["taken": t.number(detail.seatsTaken)])
        return """
        \(AdminRoutes.breadcrumb(t, CourseAdminPages.trail(t) + [(Paths.adminCourse.path(detail.courseID), detail.courseTitle)]))
        <header class="page-header">
        <p class="eyebrow">\(EditionPages.stateBadge(detail, t: t))</p>
        <h1><span lang="\(detail.courseLanguage)">\(detail.courseTitle)</span> · <span lang="\(detail.edition.language)">\(detail.edition.name)</span></h1>
        <p class="lead">\(seats) · \(t.plural("admin.editions.waitlisted", detail.waitlisted))</p>
        <p class="actions"><a class="button secondary" href="\(Paths.roster.path(id))">\(t("admin.editions.roster"))</a> \
        <a class="button secondary" href="\(Paths.edition.path(id))">\(t("admin.editions.public_page"))</a></p>
        </header>
        <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">\(t("admin.sessions.title"))</h2>
        \(sessionList(page.sessions, editionID: id, context: context))
        <h3>\(t("admin.sessions.new"))</h3>
        \(sessionForm(page.sessionForm, editionID: id, language: detail.edition.language, chrome: context.chrome))
        </section>
        <section aria-labelledby="instructors-title">
        <h2 id="instructors-title">\(t("admin.instructors.title"))</h2>
        \(instructorList(page.instructors, t: t))
        \(instructorForm(page.instructorForm, editionID: id, chrome: context.chrome))
        </section>
        \(page.documents)
        <section class="narrow" aria-labelledby="edition-form-title">
        <h2 id="edition-form-title">\(t("admin.editions.edit"))</h2>
        \(fields(page.editionForm, organizations: page.organizations, action: Paths.adminEdition.path(id), cancel: Paths.adminCourse.path(detail.courseID), chrome: context.chrome))
        </section>
        """
    }

    /// The edition form, for a new edition or an existing one.
    static func fields(_ form: FormState, organizations: [(id: Int64, name: String, country: String)], action: String, cancel: String, chrome: Chrome) -> HTML {
        let t = form.t
        let languages = Language.allCases.map { (value: $0.rawValue, label: t("language_name.\($0.rawValue)")) }
        let modalities = EditionAdminQueries.modalities.map { (value: $0, label: t("modality.\($0)")) }
        let admissions = EditionAdminQueries.admissions.map { (value: $0, label: t("admission.\($0)")) }
        let hosts = [(value: "", label: t("admin.editions.no_seminar"))] + organizations.map { (value: String($0.id), label: "\($0.name) (\($0.country))") }
        return """
        \(form.summary)
        <form class="form" method="post" action="\(action)" novalidate>
        \(csrfField(chrome))
        \(form.input("name", label: t("admin.editions.name"), required: true, hint: t("admin.editions.name_hint"), maxLength: 120))
        \(form.select("language", label: t("admin.editions.language"), options: languages))
        \(form.input("starts_on", label: t("admin.editions.starts_on"), type: "date", required: true))
        \(form.input("ends_on", label: t("admin.editions.ends_on"), type: "date", required: true))
        \(form.input("enrollment_opens_at", label: t("admin.editions.opens_at"), type: "datetime-local", required: true))
        \(form.input("enrollment_closes_at", label: t("admin.editions.closes_at"), type: "datetime-local", required: true))
        \(zoneSelect(form, id: "time_zone", label: t("admin.editions.time_zone"), hint: t("admin.editions.time_zone_hint")))
        \(form.input("capacity", label: t("admin.editions.capacity"), type: "number", required: true, hint: t("admin.editions.capacity_hint")))
        \(form.select("modality", label: t("admin.editions.modality"), options: modalities))
        \(form.select("seminar_organization_id", label: t("admin.editions.seminar"), options: hosts, hint: t("admin.editions.seminar_hint")))
        \(form.select("admission", label: t("admin.editions.admission"), options: admissions))
        \(form.input("fee", label: t("admin.editions.fee"), hint: t("admin.editions.fee_hint"), maxLength: 11))
        \(form.input("fee_currency", label: t("admin.editions.fee_currency"), hint: t("admin.editions.fee_currency_hint"), maxLength: 3))
        \(form.markdownArea("description", label: t("admin.editions.description"), rows: 8, maxLength: 20_000, language: form.values["language"], headingOffset: 1))
        <p class="actions"><button type="submit" class="button">\(t("form.save"))</button> \
        \(form.previewButton(action: action, id: "description")) \
        <a class="button secondary" href="\(cancel)">\(t("form.cancel"))</a></p>
        </form>
        """
    }

    /// The zone list under any id: the edition form and the session form share a page,
    /// and both send their zone as `time_zone`.
    static func zoneSelect(_ form: FormState, id: String, label: String, hint: String) -> HTML {
        let selected = form.values["time_zone"] ?? ""
        let options = AccountRules.timeZones.map { zone -> HTML in
            "<option value=\"\(zone)\"\(attribute: "selected", when: zone == selected)>\(TimeZone.readableName(zone))</option>"
        }
        let error: HTML = form.message("time_zone").map { "<p class=\"field-error\" id=\"\(id)-error\">\($0)</p>" } ?? ""
        let described: HTML = form.errors["time_zone"] == nil ? " aria-describedby=\"\(id)-hint\"" : " aria-describedby=\"\(id)-hint \(id)-error\" aria-invalid=\"true\""
        return """
        <div class="field">
        <label for="\(id)">\(label)</label>
        <select id="\(id)" name="time_zone"\(described)>\(options)</select>
        <p class="hint" id="\(id)-hint">\(hint)</p>\(error)
        </div>
        """
    }

    static func sessionList(_ sessions: [EditionSession], editionID: Int64, context: Context) -> HTML {
        let t = context.t
        guard !sessions.isEmpty else { return "<p class=\"empty\">\(t("edition.no_sessions"))</p>" }
        let rows = sessions.map { session -> HTML in
            let zone = TimeZone(identifier: session.timeZone) ?? .gmt
            let place: HTML = session.link.map { link -> HTML in "<a href=\"\(link)\" rel=\"noopener\">\(link)</a>" } ?? ""
            let separator: HTML = session.place != nil && session.link != nil ? "<br>" : ""
            return """
            <tr><td>\(session.title)<br><span class="muted">\(t("session.kind.\(session.kind)"))</span></td>
            <td>\(t.dateTime(session.startsAt, timeZone: zone))<br><span class="muted">\(t.plural("edition.minutes", session.durationMinutes))</span></td>
            <td>\(session.place ?? "")\(separator)\(place)</td>
            <td><a href="\(Paths.adminEditionSessionDelete.path(editionID, session.id))">\(t("admin.sessions.delete"))</a></td></tr>
            """
        }
        return """
        <div class="table-wrap"><table class="data"><thead><tr><th scope="col">\(t("admin.sessions.session"))</th>
        <th scope="col">\(t("admin.sessions.when"))</th><th scope="col">\(t("admin.sessions.where"))</th><th scope="col"><span class="visually-hidden">\(t("admin.sessions.delete"))</span></th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """
    }

    /// `language`: the edition's, which its sessions' descriptions are written in.
    static func sessionForm(_ form: FormState, editionID: Int64, language: String, chrome: Chrome) -> HTML {
        let t = form.t
        let kinds = EditionAdminQueries.sessionKinds.map { (value: $0, label: t("session.kind.\($0)")) }
        let action = Paths.adminEditionSessions.path(editionID)
        return """
        \(form.summary)
        <form class="form" method="post" action="\(action)" novalidate>
        \(csrfField(chrome))
        \(form.select("kind", label: t("admin.sessions.kind"), options: kinds))
        \(form.input("title", label: t("admin.sessions.field_title"), required: true, maxLength: 200))
        \(form.input("starts_at", label: t("admin.sessions.starts_at"), type: "datetime-local", required: true))
        \(zoneSelect(form, id: "session_time_zone", label: t("admin.sessions.time_zone"), hint: t("admin.sessions.time_zone_hint")))
        \(form.input("duration_minutes", label: t("admin.sessions.duration"), type: "number", hint: t("admin.sessions.duration_hint")))
        \(form.input("place", label: t("admin.sessions.place"), hint: t("admin.sessions.place_hint"), maxLength: 300))
        \(form.input("link", label: t("admin.sessions.link"), type: "url", hint: t("admin.sessions.link_hint"), maxLength: 500))
        \(form.markdownArea(
            "description", id: "session_description", label: t("admin.sessions.description"), rows: 5, maxLength: 5000,
            language: language, headingOffset: 2))
        <p class="actions"><button type="submit" class="button">\(t("admin.sessions.add"))</button> \
        \(form.previewButton(action: action, id: "session_description"))</p>
        </form>
        """
    }

    static func instructorList(_ instructors: [EditionInstructor], t: Localizer) -> HTML {
        guard !instructors.isEmpty else { return "<p class=\"empty\">\(t("admin.instructors.none"))</p>" }
        let items = instructors.map { person -> HTML in
            "<li><a href=\"\(Paths.adminUser.path(person.userID))\">\(person.name)</a> <span class=\"muted\">\(person.email)</span></li>"
        }
        return "<ul class=\"plain-list\">\(items)</ul><p class=\"hint\">\(t("admin.instructors.revoke_hint"))</p>"
    }

    static func instructorForm(_ form: FormState, editionID: Int64, chrome: Chrome) -> HTML {
        let t = form.t
        return """
        \(form.summary)
        <form class="form" method="post" action="\(Paths.adminEditionInstructors.path(editionID))" novalidate>
        \(csrfField(chrome))
        \(form.input("email", label: t("admin.instructors.email"), type: "email", required: true, hint: t("admin.instructors.email_hint")))
        <p class="actions"><button type="submit" class="button">\(t("admin.instructors.add"))</button></p>
        </form>
        """
    }
}
