import Foundation
import Web

/// What the committee's page of a call shows.
struct CommitteePage {
    let call: ScholarshipCall
    let ranking: [RankedApplication]
    let reviewers: [CallReviewer]
    let seatsLeft: Int
    let criteria: [CallCriterion]
}

/// What the committee's page of one application shows.
struct CommitteeApplicationPage {
    let view: ApplicationView
    let assignments: [ReviewAssignment]
    let reviewers: [CallReviewer]
    let decisionForm: FormState
    let assignForm: FormState
}

/// The committee's pages: the ranking of a call, one application, the release.
enum CommitteePages {
    static func committee(_ page: CommitteePage, context: Context) -> HTML {
        let t = context.t
        let call = page.call
        let id = call.id
        let released: HTML = call.releasedAt.map { "<p><strong>\(t("committee.released_on", ["date": t.dateTime($0, timeZone: context.timeZone)]))</strong></p>" }
            ?? "<p class=\"actions\"><a class=\"button\" href=\"\(ScholarshipPaths.adminRelease.path(id))\">\(t("committee.release"))</a></p><p class=\"hint\">\(t("committee.release_hint"))</p>"
        return """
        \(AdminRoutes.breadcrumb(t, CallAdminPages.trail(t)))
        <header class="page-header"><p class="eyebrow">\(CallPages.badge(call, t: t))</p><h1>\(call.title)</h1>
        <p class="lead">\(call.editionLabel) · \(CallPages.phaseText(call, context: context))</p>
        <p>\(t("committee.numbers", ["awards": String(call.awards), "quota": String(call.quota), "seats": String(page.seatsLeft)]))</p>
        <p class="actions"><a class="button secondary" href="\(ScholarshipPaths.adminSettings.path(id))">\(t("admin.calls.settings"))</a> \
        <a class="button secondary" href="\(ScholarshipPaths.adminStats.path(id))">\(t("committee.stats"))</a> \
        <a class="button secondary" href="\(ScholarshipPaths.adminCSV.path(id))" download>\(t("committee.csv"))</a></p></header>
        \(released)
        \(reviewers(page, context: context))
        \(ranking(page, context: context))
        """
    }

    static func reviewers(_ page: CommitteePage, context: Context) -> HTML {
        let t = context.t
        let items = page.reviewers.map { reviewer -> HTML in
            let organization = reviewer.organizationName.map { " (\($0))" } ?? ""
            return "<li><a href=\"\(Paths.adminUser.path(reviewer.id))\">\(reviewer.name)</a>\(organization) <span class=\"muted\">· \(t("committee.load", ["done": String(reviewer.done), "load": String(reviewer.load)]))</span></li>"
        }
        let list: HTML = items.isEmpty ? "<p class=\"empty\">\(t("committee.no_reviewers"))</p>" : "<ul class=\"plain-list\">\(items)</ul>"
        return """
        <section id="reviewers" aria-labelledby="reviewers-title"><h2 id="reviewers-title">\(t("committee.reviewers"))</h2>
        <p class="hint">\(t("committee.reviewers_hint", ["role": "reviewer:call=\(page.call.id)"]))</p>
        \(list)
        <form method="post" action="\(ScholarshipPaths.adminAssign.path(page.call.id))">\(csrfField(context.chrome))\
        <p class="actions"><button type="submit" class="button secondary">\(t("committee.assign_auto", ["n": String(page.call.reviewsPerApplication)]))</button></p></form>
        </section>
        """
    }

    /// The applications by weighted score, with the reviews in and their spread.
    static func ranking(_ page: CommitteePage, context: Context) -> HTML {
        let t = context.t
        let rows = page.ranking.map { row -> HTML in
            let application = row.application
            let decision: String = application.decision.map { t("committee.decision.\($0.rawValue)") } ?? "—"
            let provisional: HTML = application.decision != nil && !application.decisionReleased ? " <span class=\"muted\">(\(t("committee.provisional")))</span>" : ""
            return """
            <tr id="application-\(application.id)"><td data-label="\(t("committee.rank"))">\(row.rank)</td>
            <td data-label="\(t("committee.applicant"))"><a href="\(ScholarshipPaths.application.path(application.id))">\(application.applicantName)</a><br>\
            <span class="muted">\(application.organizationName ?? "—")\(application.network.map { " · " + t("network.\($0)") } ?? "")</span></td>
            <td data-label="\(t("committee.status"))">\(t("application.status.\(application.status.rawValue)"))</td>
            <td data-label="\(t("committee.score"))">\(Ranking.text(row.score, t: t))</td>
            <td data-label="\(t("committee.reviews_in"))">\(t("committee.reviews_of", ["n": String(row.reviews), "of": String(max(row.assigned, row.reviews))]))</td>
            <td data-label="\(t("committee.spread"))">\(Ranking.text(row.spread, t: t))</td>
            <td data-label="\(t("committee.decision"))">\(decision)\(provisional)</td></tr>
            """
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\">\(t("committee.no_applications"))</p>" : """
            <div class="table-wrap"><table class="data stacking"><thead><tr><th scope="col">\(t("committee.rank"))</th>
            <th scope="col">\(t("committee.applicant"))</th><th scope="col">\(t("committee.status"))</th><th scope="col">\(t("committee.score"))</th>
            <th scope="col">\(t("committee.reviews_in"))</th><th scope="col">\(t("committee.spread"))</th><th scope="col">\(t("committee.decision"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        return """
        <section id="ranking" aria-labelledby="ranking-title"><h2 id="ranking-title">\(t("committee.ranking"))</h2>
        <p class="hint">\(t("committee.ranking_hint"))</p>
        \(table)
        </section>
        """
    }

    static func application(_ page: CommitteeApplicationPage, context: Context) -> HTML {
        let t = context.t
        let view = page.view
        let application = view.application
        let organization = application.organizationName.map { " · \($0)" } ?? ""
        return """
        \(AdminRoutes.breadcrumb(t, CallAdminPages.trail(t) + [(ScholarshipPaths.adminCall.path(view.call.id), view.call.title)]))
        <header class="page-header"><h1>\(t("committee.application_title", ["id": String(application.id), "name": application.applicantName]))</h1>
        <p class="lead">\(application.applicantEmail)\(organization)</p>
        <p><strong>\(ApplicationPages.statusText(application, t: t, zone: context.timeZone))</strong></p></header>
        \(ApplicationPages.eligibility(application, t: t))
        \(ApplicationPages.contents(view, context: context))
        \(ReviewPages.scoresTable(page.assignments.filter { $0.submittedAt != nil }, criteria: view.parts.criteria, named: true, t: t))
        \(assignments(page, context: context))
        \(decisionForm(page, context: context))
        """
    }

    static func assignments(_ page: CommitteeApplicationPage, context: Context) -> HTML {
        let t = context.t
        let items = page.assignments.map { assignment -> HTML in
            let state: String
            if let conflict = assignment.conflictAt {
                state = t("committee.conflict_on", ["date": t.dateTime(conflict, timeZone: context.timeZone), "reason": assignment.conflictReason ?? ""])
            } else {
                state = assignment.submittedAt == nil ? t("review.state.todo") : t("review.state.done")
            }
            let how = t(assignment.assignedByAdmin ? "committee.by_hand" : "committee.automatic")
            return "<li>\(assignment.reviewerName) <span class=\"muted\">· \(how) · \(state)</span></li>"
        }
        let assigned = Set(page.assignments.map(\.reviewerID))
        let choices = [(value: "", label: t("review.choose"))] + page.reviewers.filter { !assigned.contains($0.id) }.map {
            (value: String($0.id), label: $0.name + ($0.organizationName.map { " (\($0))" } ?? ""))
        }
        return """
        <section id="assignments" aria-labelledby="assignments-title"><h2 id="assignments-title">\(t("committee.assignments"))</h2>
        \(items.isEmpty ? "<p class=\"empty\">\(t("committee.no_assignments"))</p>" : "<ul class=\"plain-list\">\(items)</ul>" as HTML)
        \(page.assignForm.summary)
        <form class="form" method="post" action="\(ScholarshipPaths.assign.path(page.view.application.id))" novalidate>
        \(csrfField(context.chrome))
        \(page.assignForm.select("reviewer_id", label: t("committee.assign_reviewer"), options: choices, hint: t("committee.assign_hint")))
        <p class="actions"><button type="submit" class="button secondary">\(t("committee.assign"))</button></p>
        </form></section>
        """
    }

    static func decisionForm(_ page: CommitteeApplicationPage, context: Context) -> HTML {
        let t = context.t
        let call = page.view.call
        let options = [(value: "", label: t("review.choose"))] + DecisionKind.allCases.map { (value: $0.rawValue, label: t("committee.decision.\($0.rawValue)")) }
        let hint = call.isReleased ? t("committee.decide_now_hint") : t("committee.decide_hint")
        return """
        <section id="decide" aria-labelledby="decision-title"><h2 id="decision-title">\(t("committee.decision"))</h2>
        <p class="hint">\(hint)</p>
        \(page.decisionForm.summary)
        <form class="form" method="post" action="\(ScholarshipPaths.decide.path(page.view.application.id))" novalidate>
        \(csrfField(context.chrome))
        \(page.decisionForm.select("decision", label: t("committee.decision"), options: options))
        \(page.decisionForm.textarea("note", label: t("committee.note"), rows: 3, maxLength: 2000, hint: t("committee.note_hint")))
        <p class="actions"><button type="submit" class="button">\(t("committee.record"))</button></p>
        </form></section>
        """
    }

    static func confirmRelease(_ call: ScholarshipCall, preview: Release.Preview, context: Context) -> HTML {
        let t = context.t
        let undecided: HTML = preview.undecided > 0 ? "<p class=\"refusal\">\(t.plural("release.undecided", preview.undecided))</p>" : ""
        return """
        \(AdminRoutes.breadcrumb(t, CallAdminPages.trail(t) + [(ScholarshipPaths.adminCall.path(call.id), call.title)]))
        <section class="narrow">
        <h1>\(t("release.title"))</h1>
        <p>\(t("release.lead", ["call": call.title]))</p>
        <ul><li>\(t.plural("release.awards", preview.awards))</li><li>\(t.plural("release.waitlist", preview.waitlist))</li>
        <li>\(t.plural("release.decline", preview.decline))</li><li>\(t.plural("release.seats", preview.seatsLeft))</li></ul>
        \(undecided)
        <form class="form" method="post" action="\(ScholarshipPaths.adminRelease.path(call.id))">\(csrfField(context.chrome))
        <input type="hidden" name="confirm" value="yes">
        <p class="actions"><button type="submit" class="button">\(t("release.confirm"))</button> \
        <a class="button secondary" href="\(ScholarshipPaths.adminCall.path(call.id))">\(t("form.cancel"))</a></p>
        </form>
        </section>
        """
    }
}
