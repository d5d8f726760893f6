import Foundation
import Web

/// What the application form shows.
struct ApplyPage {
    let call: ScholarshipCall
    let parts: CallParts
    let applicationID: Int64?
    /// Files already attached, by the request they answer.
    let attached: [Int64: Document]
    let form: FormState
    /// What a submission lacked, in words.
    let missing: [String]
    let uploadMax: Int
}

/// The application form: one multipart form with the answers and the PDFs, and two
/// buttons — save the draft, or submit.
enum ApplyPages {
    static func form(_ page: ApplyPage, context: Context) -> HTML {
        let t = context.t
        let call = page.call
        let questions = page.parts.questions.map { question -> HTML in
            let hint = t("apply.max_characters", ["max": t.number(question.maxLength)])
                + (question.required ? "" : " · " + t("admin.calls.optional"))
            return page.form.textarea("answer_\(question.id)", label: question.prompt, rows: 6, maxLength: question.maxLength, hint: hint)
        }
        let documents = page.parts.requirements.map { requirement -> HTML in
            document(requirement, attached: page.attached[requirement.id], page: page, t: t)
        }
        return """
        <nav class="breadcrumb" aria-label="\(t("layout.breadcrumb"))"><a href="\(ScholarshipPaths.call.path(call.id))">\(call.title)</a></nav>
        <header class="page-header"><h1>\(t("apply.title", ["call": call.title]))</h1>
        <p class="lead">\(t("apply.lead", ["date": WindowText.moment(call.closesAt, t: t, zone: context.timeZone, deadline: true, named: true)]))</p></header>
        \(summary(page, t: t))
        <form class="form" method="post" action="\(ScholarshipPaths.apply.path(call.id))" enctype="multipart/form-data" novalidate>
        \(csrfField(context.chrome))
        \(questions)
        \(documents.isEmpty ? "" : "<h2>\(t("apply.documents"))</h2><p class=\"hint\">\(t("apply.documents_hint", ["max": DocumentPages.size(page.uploadMax, t: t)]))</p>" as HTML)
        \(documents)
        <p class="actions"><button type="submit" name="action" value="save" class="button secondary">\(t("apply.save"))</button> \
        <button type="submit" name="action" value="submit" class="button">\(t("apply.submit"))</button></p>
        <p class="hint">\(t("apply.submit_hint"))</p>
        </form>
        """
    }

    /// One requested document: what is attached already, and the field to attach or replace it.
    static func document(_ requirement: CallRequirement, attached: Document?, page: ApplyPage, t: Localizer) -> HTML {
        let current: HTML = attached.map {
            "<p class=\"hint\">\(t("apply.attached")) <a href=\"\($0.path)\" download>\($0.filename)</a> (\(DocumentPages.size($0.size, t: t))). \(t("apply.replace"))</p>"
        } ?? ""
        var hint = requirement.required ? t("apply.pdf_only") : t("apply.pdf_only") + " · " + t("admin.calls.optional")
        if requirement.staffOnly { hint += " " + t("apply.staff_only") }
        return "\(page.form.fileInput("document_\(requirement.id)", label: requirement.label, accept: "application/pdf", hint: hint))\(current)"
    }

    /// What is wrong, at the top: a submission's missing items named one by one.
    static func summary(_ page: ApplyPage, t: Localizer) -> HTML {
        guard !page.missing.isEmpty else { return page.form.summary }
        let items = page.missing.map { item -> HTML in "<li>\(item)</li>" }
        return "<div class=\"form-errors\" role=\"alert\"><p>\(t("apply.missing"))</p><ul>\(items)</ul><p>\(t("apply.missing_saved"))</p></div>"
    }

    /// Why the reader may not apply, said before they write anything.
    static func refusal(_ call: ScholarshipCall, eligibility: ApplyEligibility, verified: Bool, context: Context) -> HTML {
        let t = context.t
        let reason: HTML = verified ? eligibility.explanation(t: t, zone: context.timeZone) : "<p class=\"refusal\">\(t("error.403.unverified"))</p>"
        return """
        <nav class="breadcrumb" aria-label="\(t("layout.breadcrumb"))"><a href="\(ScholarshipPaths.call.path(call.id))">\(call.title)</a></nav>
        <section class="narrow" aria-labelledby="refusal-title">
        <h1 id="refusal-title">\(t("apply.refused.title"))</h1>
        \(reason)
        <p><a href="\(ScholarshipPaths.call.path(call.id))">\(t("apply.back_to_call"))</a></p>
        </section>
        """
    }
}
