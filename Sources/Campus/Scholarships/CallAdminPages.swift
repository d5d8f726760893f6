import Foundation
import Web

/// Everything the call's settings page shows.
struct CallSettingsPage {
    let call: ScholarshipCall
    let parts: CallParts
    let editions: [(id: Int64, label: String)]
    let form: FormState
    /// The part form sent back with its errors, by kind (question, document, criterion).
    let partForms: [String: FormState]
}

/// The committee's pages for calls: the list, a new call, a call's settings.
enum CallAdminPages {
    static func trail(_ t: Localizer) -> [(String, String)] { [(ScholarshipPaths.admin.path(), t("admin.calls.title"))] }

    static func list(_ calls: [ScholarshipCall], context: Context) -> HTML {
        let t = context.t
        let rows = calls.map { call -> HTML in
            """
            <tr><td data-label="\(t("admin.calls.call"))"><a href="\(ScholarshipPaths.adminCall.path(call.id))">\(call.title)</a><br>\
            <span class="muted">\(call.editionLabel)</span></td>
            <td data-label="\(t("admin.calls.state"))">\(CallPages.phaseText(call, context: context))</td>
            <td data-label="\(t("admin.calls.awards"))">\(t("admin.calls.awards_of", ["n": String(call.awards), "quota": String(call.quota)]))</td>
            <td data-label="\(t("admin.calls.settings"))"><a href="\(ScholarshipPaths.adminSettings.path(call.id))">\(t("admin.calls.settings"))</a></td></tr>
            """
        }
        let table: HTML = calls.isEmpty
            ? "<p class=\"empty\">\(t("admin.calls.none"))</p>"
            : """
            <div class="table-wrap"><table class="data stacking"><thead><tr><th scope="col">\(t("admin.calls.call"))</th>
            <th scope="col">\(t("admin.calls.state"))</th><th scope="col">\(t("admin.calls.awards"))</th>
            <th scope="col"><span class="visually-hidden">\(t("admin.calls.settings"))</span></th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        return """
        \(AdminRoutes.breadcrumb(t))
        <header class="page-header"><h1>\(t("admin.calls.title"))</h1><p class="lead">\(t("admin.calls.lead"))</p>
        <p class="actions"><a class="button" href="\(ScholarshipPaths.adminNew.path())">\(t("admin.calls.new"))</a></p></header>
        \(table)
        """
    }

    static func newCall(form: FormState, editions: [(id: Int64, label: String)], chrome: Chrome) -> HTML {
        let t = form.t
        return """
        \(AdminRoutes.breadcrumb(t, trail(t)))
        <section class="narrow">
        <h1>\(t("admin.calls.new"))</h1>
        \(fields(form, editions: editions, action: ScholarshipPaths.admin.path(), cancel: ScholarshipPaths.admin.path(), chrome: chrome))
        </section>
        """
    }

    static func settings(_ page: CallSettingsPage, context: Context) -> HTML {
        let t = context.t
        let call = page.call
        let id = call.id
        func partForm(_ kind: String) -> FormState { page.partForms[kind] ?? FormState(t: t, values: ["required": "1", "max_length": "3000", "weight": "1", "visibility": "reviewers"]) }
        return """
        \(AdminRoutes.breadcrumb(t, trail(t) + [(ScholarshipPaths.adminCall.path(id), call.title)]))
        <header class="page-header"><h1>\(t("admin.calls.settings_of", ["call": call.title]))</h1>
        <p class="lead">\(call.editionLabel)</p>
        <p class="actions"><a class="button secondary" href="\(ScholarshipPaths.adminCall.path(id))">\(t("admin.calls.committee"))</a> \
        <a class="button secondary" href="\(ScholarshipPaths.call.path(id))">\(t("admin.calls.public_page"))</a></p></header>
        \(CallPartsPages.questions(page.parts.questions, form: partForm("question"), callID: id, chrome: context.chrome))
        \(CallPartsPages.requirements(page.parts.requirements, form: partForm("document"), callID: id, chrome: context.chrome))
        \(CallPartsPages.criteria(page.parts.criteria, form: partForm("criterion"), callID: id, chrome: context.chrome))
        <section class="narrow" aria-labelledby="call-form-title">
        <h2 id="call-form-title">\(t("admin.calls.edit"))</h2>
        \(fields(page.form, editions: page.editions, action: ScholarshipPaths.adminSettings.path(id), cancel: ScholarshipPaths.adminCall.path(id), chrome: context.chrome))
        </section>
        """
    }

    /// The call form, for a new call or an existing one.
    static func fields(_ form: FormState, editions: [(id: Int64, label: String)], action: String, cancel: String, chrome: Chrome) -> HTML {
        let t = form.t
        let options = [(value: "", label: t("admin.calls.choose_edition"))] + editions.map { (value: String($0.id), label: $0.label) }
        return """
        \(form.summary)
        <form class="form" method="post" action="\(action)" novalidate>
        \(csrfField(chrome))
        \(form.select("edition_id", label: t("admin.calls.edition"), options: options, hint: t("admin.calls.edition_hint")))
        \(form.input("title", label: t("admin.calls.field_title"), required: true, maxLength: 200))
        \(form.textarea("description", label: t("admin.calls.description"), rows: 6, maxLength: 20000, hint: t("admin.calls.description_hint")))
        \(form.input("opens_at", label: t("admin.calls.opens_at"), type: "datetime-local", required: true))
        \(form.input("closes_at", label: t("admin.calls.closes_at"), type: "datetime-local", required: true))
        \(EditionAdminPages.zoneSelect(form, id: "time_zone", label: t("admin.editions.time_zone"), hint: t("admin.editions.time_zone_hint")))
        \(form.input("quota", label: t("admin.calls.quota"), type: "number", required: true, hint: t("admin.calls.quota_hint")))
        \(form.input("coverage_percent", label: t("admin.calls.coverage"), type: "number", required: true, hint: t("admin.calls.coverage_hint")))
        \(form.input("max_per_organization", label: t("admin.calls.maximum"), type: "number", hint: t("admin.calls.maximum_hint")))
        \(form.input("reviews_per_application", label: t("admin.calls.reviews"), type: "number", required: true, hint: t("admin.calls.reviews_hint")))
        \(form.input("acceptance_days", label: t("admin.calls.acceptance"), type: "number", required: true, hint: t("admin.calls.acceptance_hint")))
        \(form.input("retention_days", label: t("admin.calls.retention"), type: "number", required: true, hint: t("admin.calls.retention_hint")))
        <fieldset class="field"><legend>\(t("admin.calls.options"))</legend>
        \(form.checkbox("blind", label: t("admin.calls.blind"), checked: form.values["blind"] == "1"))
        \(form.checkbox("published", label: t("admin.calls.published"), checked: form.values["published"] == "1"))
        </fieldset>
        <p class="actions"><button type="submit" class="button">\(t("form.save"))</button> \
        <a class="button secondary" href="\(cancel)">\(t("form.cancel"))</a></p>
        </form>
        """
    }
}
