import Foundation
import Web

/// An application with what it holds.
struct ApplicationView {
    let loaded: LoadedApplication
    let parts: CallParts
    let answers: [Int64: String]
    let attached: [Int64: Document]

    var application: Application { loaded.application }
    var call: ScholarshipCall { loaded.call }
}

/// The applicant's pages: their application, the confirmations, and the lists of their
/// applications on /scholarships and /me. A decision shows only once it is released.
enum ApplicationPages {
    /// The status in words; an award says until when it can be accepted.
    static func statusText(_ application: Application, t: Localizer, zone: TimeZone) -> String {
        statusText(application.status, acceptBy: application.acceptBy, fromWaitlist: application.fromWaitlist, t: t, zone: zone)
    }

    static func statusText(_ status: ApplicationStatus, acceptBy: Date?, fromWaitlist: Bool = false, t: Localizer, zone: TimeZone) -> String {
        guard status == .awarded, let acceptBy else { return t("application.status.\(status.rawValue)") }
        let deadline = WindowText.moment(acceptBy, t: t, zone: zone, deadline: true, named: true)
        return t(fromWaitlist ? "application.status.offered" : "application.status.awarded", ["deadline": deadline])
    }

    static func applicant(_ view: ApplicationView, context: Context) -> HTML {
        let t = context.t
        let application = view.application
        let call = view.call
        return """
        <nav class="breadcrumb" aria-label="\(t("layout.breadcrumb"))"><a href="\(ScholarshipPaths.calls.path())">\(t("calls.title"))</a> › \
        <a href="\(ScholarshipPaths.call.path(call.id))">\(call.title)</a></nav>
        <header class="page-header"><h1>\(t("application.title", ["call": call.title]))</h1>
        <p class="lead">\(call.editionLabel)</p></header>
        <section class="card" aria-labelledby="status-title" id="application-\(application.id)">
        <h2 id="status-title">\(t("application.status_title"))</h2>
        <p><strong>\(statusText(application, t: t, zone: context.timeZone))</strong></p>
        \(decisionNote(application, t: t))
        \(actions(view, context: context))
        </section>
        \(eligibility(application, t: t))
        \(contents(view, context: context))
        """
    }

    /// The committee's note, once the decision is released (never before).
    static func decisionNote(_ application: Application, t: Localizer) -> HTML {
        guard application.decisionReleased, !application.decisionNote.isEmpty else { return "" }
        return "<p>\(t("application.decision_note", ["note": application.decisionNote]))</p>"
    }

    static func actions(_ view: ApplicationView, context: Context) -> HTML {
        let t = context.t
        let application = view.application
        let id = application.id
        switch application.status {
        case .awarded:
            return """
            <form method="post" action="\(ScholarshipPaths.accept.path(id))">\(csrfField(context.chrome))\
            <p class="actions"><button type="submit" class="button">\(t("application.accept"))</button> \
            <a class="button secondary" href="\(ScholarshipPaths.decline.path(id))">\(t("application.decline"))</a></p></form>
            <p class="hint">\(t("application.accept_hint", ["coverage": String(view.call.coveragePercent)]))</p>
            """
        case .accepted:
            return "<p><a class=\"button secondary\" href=\"\(Paths.edition.path(view.call.editionID))\">\(t("application.see_edition"))</a></p>"
        case .draft where view.call.phase == .open:
            return """
            <p class="actions"><a class="button" href="\(ScholarshipPaths.apply.path(view.call.id))">\(t("calls.continue_draft"))</a> \
            <a class="button secondary" href="\(ScholarshipPaths.withdraw.path(id))">\(t("application.withdraw"))</a></p>
            """
        default:
            guard application.status.isWithdrawable else { return "" }
            return "<p><a class=\"button secondary\" href=\"\(ScholarshipPaths.withdraw.path(id))\">\(t("application.withdraw"))</a></p>"
        }
    }

    /// The eligibility checks stored with the application, as the applicant may read them.
    static func eligibility(_ application: Application, t: Localizer) -> HTML {
        guard let code = application.eligibility else { return "" }
        let organization = application.organizationName ?? "—"
        let award: HTML = application.awardEligibility.map { "<p>\(t("application.eligibility.award.\($0)", ["organization": organization]))</p>" } ?? ""
        return """
        <section aria-labelledby="eligibility-title"><h2 id="eligibility-title">\(t("application.eligibility"))</h2>
        <p>\(t("application.eligibility.submitted.\(code)", ["organization": organization]))</p>\(award)</section>
        """
    }

    /// The answers and files, read-only.
    static func contents(_ view: ApplicationView, context: Context, staff: Bool = true) -> HTML {
        let t = context.t
        let answers = view.parts.questions.map { question -> HTML in
            let answer = view.answers[question.id] ?? ""
            return "<dt>\(question.prompt)</dt><dd>\(answer.isEmpty ? "—" : HTML.paragraphs(answer))</dd>"
        }
        let documents = view.parts.requirements.filter { staff || !$0.staffOnly }.map { requirement -> HTML in
            let file: HTML = view.attached[requirement.id].map {
                "<a href=\"\($0.path)\" download>\($0.filename)</a> <span class=\"muted\">PDF · \(DocumentPages.size($0.size, t: t))</span>"
            } ?? (view.application.documentsPurged ? "\(t("application.documents_purged"))" : "—")
            return "<dt>\(requirement.label)</dt><dd>\(file)</dd>"
        }
        return """
        <section aria-labelledby="answers-title"><h2 id="answers-title">\(t("application.answers"))</h2>
        \(answers.isEmpty ? "<p class=\"empty\">\(t("application.no_questions"))</p>" : "<dl class=\"facts\">\(answers)</dl>" as HTML)</section>
        <section aria-labelledby="files-title"><h2 id="files-title">\(t("application.files"))</h2>
        \(documents.isEmpty ? "<p class=\"empty\">\(t("application.no_files"))</p>" : "<dl class=\"facts\">\(documents)</dl>" as HTML)</section>
        """
    }

    /// The page that asks before withdrawing or turning an award down (`action`).
    static func confirm(_ loaded: LoadedApplication, action: String, context: Context) -> HTML {
        let t = context.t
        let id = loaded.application.id
        let path = action == "withdraw" ? ScholarshipPaths.withdraw.path(id) : ScholarshipPaths.decline.path(id)
        return """
        <section class="narrow">
        <h1>\(t("application.\(action)_title"))</h1>
        <p>\(t("application.\(action)_lead", ["call": loaded.call.title]))</p>
        <form class="form" method="post" action="\(path)">\(csrfField(context.chrome))
        <input type="hidden" name="confirm" value="yes">
        <p class="actions"><button type="submit" class="button">\(t("application.\(action)_confirm"))</button> \
        <a class="button secondary" href="\(ScholarshipPaths.application.path(id))">\(t("form.cancel"))</a></p>
        </form>
        </section>
        """
    }

    /// The reader's applications, for /scholarships and /me.
    static func mySection(_ rows: [MyApplicationRow], context: Context, headingLevel: Int) -> HTML {
        guard !rows.isEmpty else { return "" }
        let t = context.t
        let items = rows.map { row -> HTML in
            let link = row.status == .draft && row.callOpen ? ScholarshipPaths.apply.path(row.callID) : ScholarshipPaths.application.path(row.id)
            return """
            <li><a href="\(link)">\(row.callTitle)</a> <span class="muted">· \(row.editionLabel)</span><br>\
            <strong>\(statusText(row.status, acceptBy: row.acceptBy, t: t, zone: context.timeZone))</strong></li>
            """
        }
        let heading: HTML = headingLevel == 2
            ? "<h2 id=\"applications-title\">\(t("me.applications.title"))</h2>" : "<h3 id=\"applications-title\">\(t("me.applications.title"))</h3>"
        return """
        <section id="applications" aria-labelledby="applications-title">
        \(heading)
        <ul class="plain-list">\(items)</ul>
        </section>
        """
    }
}
