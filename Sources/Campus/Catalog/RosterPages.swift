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

    static func person(_ entry: RosterEntry, t: Localizer) -> HTML {
        let organization: HTML = entry.organization.map { organization -> HTML in
            "\(organization)<br><span class=\"muted\">\(entry.network.map { t("network.\($0)") } ?? "")</span>"
        } ?? "—"
        return "<td>\(entry.name)<br><span class=\"muted\">\(entry.email)</span></td><td>\(organization)</td><td>\(t("position.\(entry.job)"))</td>"
    }

    static func roster(_ edition: EditionDetail, entries: [RosterEntry], ended: Bool, context: Context) -> HTML {
        let t = context.t
        let id = edition.edition.id
        let pending = entries.filter { $0.status == .pending }
        let seated = entries.filter { $0.status == .enrolled || $0.status == .completed }
        let waiting = entries.filter { $0.status == .waitlisted }
        let gone = entries.filter { $0.status == .withdrawn || $0.status == .rejected }

        let noteField: HTML = "<label class=\"visually-hidden\" for=\"note-%ID%\">\(t("roster.note"))</label>"
        func decisionRow(_ entry: RosterEntry) -> HTML {
            let label = HTML(unsafeRaw: noteField.rendered.replacingOccurrences(of: "%ID%", with: String(entry.id)))
            return """
            <tr>\(person(entry, t: t))<td>\(t.dateTime(entry.requestedAt, timeZone: context.timeZone, showZone: false))</td>
            <td><form method="post" action="\(Paths.rosterDecide.path(id, entry.id))">\(csrfField(context.chrome))\(label)\
            <input id="note-\(entry.id)" name="note" maxlength="2000" placeholder="\(t("roster.note_placeholder"))">
            <button type="submit" name="decision" value="approve" class="button secondary">\(t("roster.approve"))</button> \
            <button type="submit" name="decision" value="reject" class="link-button">\(t("roster.reject"))</button></form></td></tr>
            """
        }
        func seatedRow(_ entry: RosterEntry) -> HTML {
            let assessment: HTML
            if ended {
                let label = HTML(unsafeRaw: noteField.rendered.replacingOccurrences(of: "%ID%", with: String(entry.id)))
                assessment = """
                <form method="post" action="\(Paths.rosterAssess.path(id, entry.id))">\(csrfField(context.chrome))\(label)\
                <input id="note-\(entry.id)" name="note" maxlength="2000" value="\(entry.completionNote ?? "")" placeholder="\(t("roster.note_placeholder"))">
                <button type="submit" name="result" value="completed" class="button secondary">\(t("roster.completed"))</button> \
                <button type="submit" name="result" value="not_completed" class="link-button">\(t("roster.not_completed"))</button></form>
                """
            } else {
                assessment = "<span class=\"muted\">\(t("roster.assess_after", ["date": t.date(year: edition.edition.endsOn.year, month: edition.edition.endsOn.month, day: edition.edition.endsOn.day)]))</span>"
            }
            return "<tr>\(person(entry, t: t))<td>\(statusLabel(entry, t: t))</td><td>\(assessment)</td></tr>"
        }
        func simpleRow(_ entry: RosterEntry) -> HTML {
            "<tr>\(person(entry, t: t))<td>\(statusLabel(entry, t: t))</td><td>\(entry.decisionNote ?? "")</td></tr>"
        }
        func table(_ rows: [HTML], headers: [String]) -> HTML {
            let head = headers.map { header -> HTML in "<th scope=\"col\">\(header)</th>" }
            return "<div class=\"table-wrap\"><table class=\"data\"><thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody></table></div>"
        }
        let who = [t("field.name"), t("field.organization"), t("field.position")]
        func section(_ anchor: String, _ title: String, _ body: HTML, empty: Bool) -> HTML {
            "<section id=\"\(anchor)\" aria-labelledby=\"\(anchor)-title\"><h2 id=\"\(anchor)-title\">\(title)</h2>\(empty ? "<p class=\"empty\">\(t("roster.none"))</p>" as HTML : body)</section>"
        }
        return """
        <nav class="breadcrumb" aria-label="\(t("layout.breadcrumb"))"><a href="\(Paths.course.path(edition.courseSlug))">\(edition.courseTitle)</a> › \
        <a href="\(Paths.edition.path(id))">\(edition.edition.name)</a></nav>
        <header class="page-header">
        <h1>\(t("roster.title", ["edition": edition.edition.name]))</h1>
        <p class="lead">\(t("roster.summary", ["taken": t.number(edition.seatsTaken), "capacity": t.number(edition.edition.capacity), "waiting": t.number(edition.waitlisted), "pending": t.number(pending.count)]))</p>
        <p class="actions"><a class="button secondary" href="\(Paths.rosterCSV.path(id))">\(t("roster.csv"))</a></p>
        </header>
        \(edition.admitsByApproval || !pending.isEmpty ? section("pending", t("roster.pending"), table(pending.map(decisionRow), headers: who + [t("roster.requested"), t("roster.decision")]), empty: pending.isEmpty) : "")
        \(section("enrolled", t("roster.enrolled"), table(seated.map(seatedRow), headers: who + [t("roster.status"), t("roster.completion")]), empty: seated.isEmpty))
        \(section("waitlist", t("roster.waitlist"), table(waiting.map(simpleRow), headers: who + [t("roster.status"), t("roster.note")]), empty: waiting.isEmpty))
        \(gone.isEmpty ? "" : section("left", t("roster.left"), table(gone.map(simpleRow), headers: who + [t("roster.status"), t("roster.note")]), empty: false))
        """
    }
}
