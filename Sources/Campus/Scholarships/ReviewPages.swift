import Foundation
import Web

/// What an assigned reviewer's page shows.
struct ReviewPage {
    let view: ApplicationView
    /// The reader's own assignment (nil once they declared a conflict).
    let mine: ReviewAssignment?
    /// The other reviewers' reviews that are in; shown only once the reader's own is.
    let others: [ReviewAssignment]
    let form: FormState
    let criteria: [CallCriterion]
    let conflictForm: FormState
}

/// The reviewers' pages. In a blind call they name an application by its number only:
/// no applicant, no organization, and file names that say what a file is, not whose.
enum ReviewPages {
    /// "Solicitud n.º 12", or the applicant and their organization when the call is not blind.
    static func label(id: Int64, name: String, organization: String?, blind: Bool, t: Localizer) -> String {
        let number = t("review.application_number", ["id": String(id)])
        guard !blind else { return number }
        return "\(number) · \(name)" + (organization.map { " (\($0))" } ?? "")
    }

    static func list(_ rows: [ReviewListRow], context: Context) -> HTML {
        let t = context.t
        var calls: [(id: Int64, title: String, rows: [ReviewListRow])] = []
        for row in rows {
            if calls.last?.id == row.callID { calls[calls.count - 1].rows.append(row) } else { calls.append((row.callID, row.callTitle, [row])) }
        }
        let sections = calls.map { call -> HTML in
            let done = call.rows.filter(\.reviewed).count
            let items = call.rows.map { row -> HTML in
                let state = row.reviewed ? t("review.state.done") : row.status.isInReview ? t("review.state.todo") : t("application.status.\(row.status.rawValue)")
                return """
                <li><a href="\(ScholarshipPaths.review.path(row.applicationID))">\(label(id: row.applicationID, name: row.applicantName, organization: row.organizationName, blind: row.blind, t: t))</a><br>\
                <span class="muted">\(state)</span></li>
                """
            }
            return """
            <section aria-labelledby="call-\(call.id)-title"><h2 id="call-\(call.id)-title">\(call.title)</h2>
            <p>\(t("review.progress", ["done": String(done), "total": String(call.rows.count)]))</p>
            <progress max="\(call.rows.count)" value="\(done)" aria-label="\(t("review.progress", ["done": String(done), "total": String(call.rows.count)]))"></progress>
            <ul class="plain-list">\(items)</ul></section>
            """
        }
        let body: HTML = calls.isEmpty ? "<p class=\"empty\">\(t("review.none"))</p>" : "\(sections)"
        return """
        <header class="page-header"><h1>\(t("review.title"))</h1><p class="lead">\(t("review.lead"))</p></header>
        \(body)
        """
    }

    static func review(_ page: ReviewPage, context: Context) -> HTML {
        let t = context.t
        let view = page.view
        let application = view.application
        let shows = ApplicationPolicy.showsApplicant(context.user, applicantID: application.userID, blind: view.call.blind)
        let who = label(id: application.id, name: application.applicantName, organization: application.organizationName, blind: !shows, t: t)
        let blindNote: HTML = view.call.blind ? "<p class=\"hint\">\(t("review.blind_note"))</p>" : ""
        return """
        <nav class="breadcrumb" aria-label="\(t("layout.breadcrumb"))"><a href="\(ScholarshipPaths.reviews.path())">\(t("review.title"))</a></nav>
        <header class="page-header"><h1>\(t("review.page_title", ["id": String(application.id)]))</h1>
        <p class="lead">\(who) · \(view.call.title)</p>\(blindNote)</header>
        \(ApplicationPages.contents(view, context: context, staff: false))
        \(form(page, context: context))
        \(others(page, context: context))
        \(conflict(page, context: context))
        """
    }

    static func form(_ page: ReviewPage, context: Context) -> HTML {
        let t = context.t
        let form = page.form
        let scale = (0...5).map { (value: String($0), label: t("review.score.\($0)")) }
        let fields = page.criteria.map { criterion -> HTML in
            var choices = form
            if choices.values["score_\(criterion.id)"] == nil { choices.values["score_\(criterion.id)"] = "" }
            return choices.select("score_\(criterion.id)", label: t("review.criterion", ["name": criterion.name, "weight": String(criterion.weight)]),
                                  options: [(value: "", label: t("review.choose"))] + scale)
        }
        let state: HTML = page.mine?.submittedAt.map { "<p class=\"hint\">\(t("review.submitted_on", ["date": t.dateTime($0, timeZone: context.timeZone)]))</p>" } ?? ""
        return """
        <section aria-labelledby="my-review-title"><h2 id="my-review-title">\(t("review.mine"))</h2>
        \(state)\(form.summary)
        <form class="form" method="post" action="\(ScholarshipPaths.review.path(page.view.application.id))" novalidate>
        \(csrfField(context.chrome))
        \(fields)
        \(form.textarea("comment", label: t("review.comment"), rows: 5, maxLength: 5000, hint: t("review.comment_hint")))
        <p class="actions"><button type="submit" class="button">\(t("review.save"))</button></p>
        </form></section>
        """
    }

    /// The other reviewers' scores, only once the reader's own review is in.
    static func others(_ page: ReviewPage, context: Context) -> HTML {
        let t = context.t
        guard ReviewPolicy.seesOthersScores(context.user, submittedOwn: page.mine?.submittedAt != nil) else {
            return "<p class=\"hint\">\(t("review.others_later"))</p>"
        }
        guard !page.others.isEmpty else { return "<p class=\"hint\">\(t("review.others_none"))</p>" }
        return scoresTable(page.others, criteria: page.criteria, named: false, t: t)
    }

    /// Reviews side by side: a column per review, a row per criterion, the weighted score last.
    /// With several reviews it is wider than a phone and scrolls: the region is in the tab
    /// order so that a keyboard can scroll it too.
    static func scoresTable(_ reviews: [ReviewAssignment], criteria: [CallCriterion], named: Bool, t: Localizer) -> HTML {
        let heads = reviews.enumerated().map { index, review -> HTML in
            "<th scope=\"col\">\(named ? review.reviewerName : t("review.nth", ["n": String(index + 1)]))</th>"
        }
        let rows = criteria.map { criterion -> HTML in
            let cells = reviews.map { review -> HTML in "<td>\(review.scores[criterion.id].map(String.init) ?? "—")</td>" }
            return "<tr><th scope=\"row\">\(criterion.name)</th>\(cells)</tr>"
        }
        let weighted = reviews.map { review -> HTML in "<td><strong>\(Ranking.text(ReviewQueries.weighted(review.scores, criteria: criteria), t: t))</strong></td>" }
        let comments = reviews.map { review -> HTML in "<td>\(review.comment)</td>" }
        return """
        <section aria-labelledby="others-title"><h2 id="others-title">\(t(named ? "committee.reviews" : "review.others"))</h2>
        <div class="table-wrap" role="region" aria-labelledby="others-title" tabindex="0"><table class="data"><thead><tr><th scope="col">\(t("review.criterion_head"))</th>\(heads)</tr></thead>
        <tbody>\(rows)<tr><th scope="row">\(t("review.weighted"))</th>\(weighted)</tr>
        <tr><th scope="row">\(t("review.comment"))</th>\(comments)</tr></tbody></table></div></section>
        """
    }

    /// Declaring a conflict of interest, while the reader's review is not in.
    static func conflict(_ page: ReviewPage, context: Context) -> HTML {
        let t = context.t
        guard let mine = page.mine, mine.submittedAt == nil else { return "" }
        return """
        <section aria-labelledby="conflict-title"><h2 id="conflict-title">\(t("review.conflict"))</h2>
        <p>\(t("review.conflict_lead"))</p>
        \(page.conflictForm.summary)
        <form class="form" method="post" action="\(ScholarshipPaths.conflict.path(page.view.application.id))" novalidate>
        \(csrfField(context.chrome))
        \(page.conflictForm.textarea("reason", label: t("review.conflict_reason"), rows: 3, maxLength: 1000))
        <p class="actions"><button type="submit" class="button secondary">\(t("review.conflict_declare"))</button></p>
        </form></section>
        """
    }
}
