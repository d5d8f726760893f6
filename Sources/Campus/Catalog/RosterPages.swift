import Foundation
import Web

enum RosterPages {
    static func statusLabel(_ entry: RosterEntry, t: Localizer) -> String {
        switch entry.status {
        case .waitlisted: t("enrollment.status.waitlisted", ["position": String(entry.position ?? 0)])
        case .enrolled where entry.assessed: t("enrollment.status.not_completed")
        default: t("enrollment.status.\(entry.status.rawValue)")
        }
    }

    /// The status in one or two words, for a spreadsheet's column.
    static func statusWord(_ entry: RosterEntry, t: Localizer) -> String {
        entry.status == .enrolled && entry.assessed ? t("roster.word.not_completed") : t("roster.word.\(entry.status.rawValue)")
    }

    /// "3 de 10 plazas ocupadas · 2 en lista de espera · 1 solicitud pendiente", each part in its plural form.
    static func summary(_ edition: EditionDetail, t: Localizer) -> String {
        var parts = [
            t.plural("roster.summary.seats", edition.edition.capacity, ["taken": t.number(edition.seatsTaken)]),
            t.plural("roster.summary.waiting", edition.waitlisted),
        ]
        if edition.admitsByApproval || edition.pending > 0 { parts.append(t.plural("roster.summary.pending", edition.pending)) }
        return parts.joined(separator: " · ")
    }

    static func affiliation(_ entry: RosterEntry, t: Localizer) -> HTML {
        guard entry.organization != nil else { return "" }
        return entry.affiliationConfirmed
            ? "<br><span class=\"affiliation-confirmed\">✓ \(t("roster.affiliation.confirmed"))</span>"
            : "<br><span class=\"muted\">\(t("roster.affiliation.unconfirmed"))</span>"
    }

    static func person(_ entry: RosterEntry, t: Localizer) -> HTML {
        let organization: HTML = entry.organization.map { organization -> HTML in
            "\(organization)<br><span class=\"muted\">\(entry.network.map { t("network.\($0)") } ?? "")</span>\(affiliation(entry, t: t))"
        } ?? "—"
        return """
        <td data-label="\(t("field.name"))">\(entry.name)<br><span class="muted">\(entry.email)</span></td>\
        <td data-label="\(t("field.organization"))">\(organization)</td><td data-label="\(t("field.position"))">\(t("position.\(entry.job)"))</td>
        """
    }

    static func noteInput(_ entry: RosterEntry, value: String?, t: Localizer) -> HTML {
        """
        <label class="visually-hidden" for="note-\(entry.id)">\(t("roster.note"))</label>\
        <input id="note-\(entry.id)" name="note" maxlength="2000" value="\(value ?? "")" placeholder="\(t("roster.note_placeholder"))">
        """
    }

    /// Approving is one click; not accepting goes through its confirmation page, the note kept.
    static func decisionRow(_ entry: RosterEntry, edition: EditionDetail, context: Context) -> HTML {
        let t = context.t
        return """
        <tr>\(person(entry, t: t))<td data-label="\(t("roster.requested"))">\(t.dateTime(entry.requestedAt, timeZone: context.timeZone, showZone: false))</td>
        <td data-label="\(t("roster.decision"))"><form method="post" action="\(Paths.rosterDecide.path(edition.edition.id, entry.id))">\(csrfField(context.chrome))\(noteInput(entry, value: nil, t: t))
        <button type="submit" name="decision" value="approve" class="button secondary">\(t("roster.approve"))</button> \
        <button type="submit" name="decision" value="reject" class="link-button">\(t("roster.reject"))</button></form></td></tr>
        """
    }

    static func seatedRow(_ entry: RosterEntry, edition: EditionDetail, ended: Bool, context: Context) -> HTML {
        let t = context.t
        let assessment: HTML
        if ended {
            assessment = """
            <form method="post" action="\(Paths.rosterAssess.path(edition.edition.id, entry.id))">\(csrfField(context.chrome))\(noteInput(entry, value: entry.completionNote, t: t))
            <button type="submit" name="result" value="completed" class="button secondary">\(t("roster.completed"))</button> \
            <button type="submit" name="result" value="not_completed" class="link-button">\(t("roster.not_completed"))</button></form>
            """
        } else {
            let end = edition.edition.endsOn
            assessment = "<span class=\"muted\">\(t("roster.assess_after", ["date": t.date(year: end.year, month: end.month, day: end.day)]))</span>"
        }
        return "<tr>\(person(entry, t: t))<td data-label=\"\(t("roster.status"))\">\(statusLabel(entry, t: t))</td><td data-label=\"\(t("roster.completion"))\">\(assessment)</td></tr>"
    }

    static func simpleRow(_ entry: RosterEntry, t: Localizer) -> HTML {
        "<tr>\(person(entry, t: t))<td data-label=\"\(t("roster.status"))\">\(statusLabel(entry, t: t))</td><td data-label=\"\(t("roster.note"))\">\(entry.decisionNote ?? "")</td></tr>"
    }

    /// On a phone the rows stack, each cell labelled (see campus.css, "Roster on phones").
    static func table(_ rows: [HTML], headers: [String]) -> HTML {
        let head = headers.map { header -> HTML in "<th scope=\"col\">\(header)</th>" }
        return "<div class=\"table-wrap\"><table class=\"data stacking\"><thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody></table></div>"
    }

    static func roster(_ edition: EditionDetail, entries: [RosterEntry], ended: Bool, context: Context) -> HTML {
        let t = context.t
        let id = edition.edition.id
        let pending = entries.filter { $0.status == .pending }
        let seated = entries.filter { $0.status == .enrolled || $0.status == .completed || $0.status == .held }
        let waiting = entries.filter { $0.status == .waitlisted }
        let gone = entries.filter { $0.status == .withdrawn || $0.status == .rejected }
        let who = [t("field.name"), t("field.organization"), t("field.position")]
        func section(_ anchor: String, _ title: String, _ body: HTML, empty: Bool) -> HTML {
            "<section id=\"\(anchor)\" aria-labelledby=\"\(anchor)-title\"><h2 id=\"\(anchor)-title\">\(title)</h2>\(empty ? "<p class=\"empty\">\(t("roster.none"))</p>" as HTML : body)</section>"
        }
        let decisions = table(pending.map { decisionRow($0, edition: edition, context: context) }, headers: who + [t("roster.requested"), t("roster.decision")])
        return """
        <nav class="breadcrumb" aria-label="\(t("layout.breadcrumb"))"><a href="\(Paths.course.path(edition.courseSlug))">\(edition.courseTitle)</a> › \
        <a href="\(Paths.edition.path(id))">\(edition.edition.name)</a></nav>
        <header class="page-header">
        <h1>\(t("roster.title", ["edition": edition.edition.name]))</h1>
        <p class="lead">\(summary(edition, t: t))</p>
        <p class="actions"><a class="button secondary" href="\(Paths.rosterCSV.path(id))">\(t("roster.csv"))</a></p>
        </header>
        \(edition.admitsByApproval || !pending.isEmpty ? section("pending", t("roster.pending"), decisions, empty: pending.isEmpty) : "")
        \(section("enrolled", t("roster.enrolled"), table(seated.map { seatedRow($0, edition: edition, ended: ended, context: context) }, headers: who + [t("roster.status"), t("roster.completion")]), empty: seated.isEmpty))
        \(section("waitlist", t("roster.waitlist"), table(waiting.map { simpleRow($0, t: t) }, headers: who + [t("roster.status"), t("roster.note")]), empty: waiting.isEmpty))
        \(gone.isEmpty ? "" : section("left", t("roster.left"), table(gone.map { simpleRow($0, t: t) }, headers: who + [t("roster.status"), t("roster.note")]), empty: false))
        """
    }
}
