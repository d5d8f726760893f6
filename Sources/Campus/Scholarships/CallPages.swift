import Foundation
import Web

/// What a call's page shows to one reader.
struct CallPage {
    let call: ScholarshipCall
    let parts: CallParts
    let edition: EditionDetail?
    /// The reader's application to this call, if any.
    let mine: Application?
    /// Nil for a visitor and for someone who already applied.
    let eligibility: ApplyEligibility?
}

/// The public pages of calls: the list and one call.
enum CallPages {
    /// "Open until 8 January, 23:59 (America/Bogota)", "Opens on…", "Closed on…".
    static func phaseText(_ call: ScholarshipCall, context: Context) -> String {
        let t = context.t
        let zone = context.timeZone
        switch call.phase {
        case .upcoming: return t("calls.phase.upcoming", ["date": WindowText.moment(call.opensAt, t: t, zone: zone, named: true)])
        case .open: return t("calls.phase.open", ["date": WindowText.moment(call.closesAt, t: t, zone: zone, deadline: true, named: true)])
        case .closed: return t("calls.phase.closed", ["date": WindowText.moment(call.closesAt, t: t, zone: zone, deadline: true, named: true)])
        }
    }

    static func badge(_ call: ScholarshipCall, t: Localizer) -> HTML {
        "<span class=\"state state-\(call.phase.rawValue)\">\(t("calls.badge.\(call.phase.rawValue)"))</span>"
    }

    static func list(_ calls: [ScholarshipCall], mine: [MyApplicationRow], context: Context) -> HTML {
        let t = context.t
        let cards = calls.map { call -> HTML in
            """
            <li class="card"><p class="eyebrow">\(badge(call, t: t))</p>
            <h2><a href="\(ScholarshipPaths.call.path(call.id))">\(call.title)</a></h2>
            <p><span lang="\(call.courseLanguage)">\(call.courseTitle)</span> · <span lang="\(call.editionLanguage)">\(call.editionName)</span></p>
            <p class="next-edition">\(t.plural("calls.awards", call.quota, ["coverage": String(call.coveragePercent)])) · \(phaseText(call, context: context))</p></li>
            """
        }
        let list: HTML = calls.isEmpty ? "<p class=\"empty\">\(t("calls.none"))</p>" : "<ul class=\"card-list\">\(cards)</ul>"
        return """
        <header class="page-header"><h1>\(t("calls.title"))</h1><p class="lead">\(t("calls.lead"))</p></header>
        \(ApplicationPages.mySection(mine, context: context, headingLevel: 2))
        \(list)
        """
    }

    static func call(_ page: CallPage, context: Context) -> HTML {
        let t = context.t
        let call = page.call
        let description: HTML = call.description.isEmpty
            ? "" : "<div class=\"prose\">\(Markdown(headingOffset: 1).render(call.description))</div>"
        let edition: HTML = page.edition.map { "<a href=\"\(Paths.edition.path($0.edition.id))\">\(call.editionLabel)</a>" } ?? "\(call.editionLabel)"
        let maximum: HTML = call.maxPerOrganization.map { "<dt>\(t("calls.maximum"))</dt><dd>\(t.plural("calls.maximum_value", $0))</dd>" } ?? ""
        let blind: HTML = call.blind ? "<dt>\(t("calls.review"))</dt><dd>\(t("calls.blind"))</dd>" : ""
        return """
        <nav class="breadcrumb" aria-label="\(t("layout.breadcrumb"))"><a href="\(ScholarshipPaths.calls.path())">\(t("calls.title"))</a></nav>
        <header class="page-header">
        <p class="eyebrow">\(badge(call, t: t))</p>
        <h1>\(call.title)</h1>
        <p class="lead">\(t("calls.for_edition")) \(edition)</p>
        </header>
        <section class="card" aria-labelledby="apply-title">
        <h2 id="apply-title">\(t("calls.your_application"))</h2>
        \(applyBox(page, context: context))
        </section>
        <dl class="facts">
        <dt>\(t("calls.window"))</dt><dd>\(phaseText(call, context: context))</dd>
        <dt>\(t("calls.awards_label"))</dt><dd>\(t.plural("calls.awards", call.quota, ["coverage": String(call.coveragePercent)]))</dd>
        <dt>\(t("calls.eligibility"))</dt><dd>\(t("calls.eligibility_rule"))</dd>
        \(maximum)\(blind)
        </dl>
        \(description)
        \(asks(page.parts, t: t))
        """
    }

    /// What the call asks: the questions and the documents, so nobody starts unprepared.
    static func asks(_ parts: CallParts, t: Localizer) -> HTML {
        guard !parts.questions.isEmpty || !parts.requirements.isEmpty else { return "" }
        let questions = parts.questions.map { question -> HTML in
            "<li>\(question.prompt) <span class=\"muted\">· \(t("apply.max_characters", ["max": t.number(question.maxLength)]))</span></li>"
        }
        let documents = parts.requirements.map { requirement -> HTML in
            let optional: HTML = requirement.required ? "" : " <span class=\"muted\">· \(t("admin.calls.optional"))</span>"
            return "<li>\(requirement.label)\(optional)</li>"
        }
        return """
        <section aria-labelledby="asks-title">
        <h2 id="asks-title">\(t("calls.asks"))</h2>
        \(questions.isEmpty ? "" : "<h3>\(t("calls.questions"))</h3><ul>\(questions)</ul>" as HTML)
        \(documents.isEmpty ? "" : "<h3>\(t("calls.documents"))</h3><ul>\(documents)</ul><p class=\"hint\">\(t("calls.documents_hint"))</p>" as HTML)
        </section>
        """
    }

    /// The reader's place: their application, or whether they may apply and why not.
    static func applyBox(_ page: CallPage, context: Context) -> HTML {
        let t = context.t
        let call = page.call
        guard let user = context.user else {
            let login = Paths.login.path() + PercentEncoding.query([("next", ScholarshipPaths.call.path(call.id))])
            return "<p><a class=\"button\" href=\"\(login)\">\(t("calls.sign_in_to_apply"))</a></p>"
        }
        if let mine = page.mine {
            let link = mine.status == .draft && call.phase == .open ? ScholarshipPaths.apply.path(call.id) : ScholarshipPaths.application.path(mine.id)
            let label = mine.status == .draft && call.phase == .open ? t("calls.continue_draft") : t("calls.see_application")
            return """
            <p><strong>\(ApplicationPages.statusText(mine, t: t, zone: context.timeZone))</strong></p>
            <p><a class="button" href="\(link)">\(label)</a></p>
            """
        }
        let eligibility = page.eligibility ?? .eligible
        if eligibility.isAboutTheWindow { return eligibility.explanation(t: t, zone: context.timeZone) }
        guard user.isVerified else { return "<p>\(t("error.403.unverified"))</p>" }
        guard eligibility == .eligible else { return eligibility.explanation(t: t, zone: context.timeZone) }
        return """
        <p>\(t("calls.may_apply"))</p>
        <p><a class="button" href="\(ScholarshipPaths.apply.path(call.id))">\(t("calls.apply"))</a></p>
        """
    }
}
