import Foundation
import Web

/// Pages that ask before an action that cannot be undone: what will happen, a button that
/// posts the action with `confirm=yes`, and the way back. Plain forms, no script.
enum ConfirmationPages {
    static func page(title: String, points: [String], action: String, fields: HTML = "", button: String, cancel: String, context: Context) -> HTML {
        let t = context.t
        let items = points.map { point -> HTML in "<li>\(point)</li>" }
        return """
        <section class="narrow confirmation">
        <h1>\(title)</h1>
        <ul>\(items)</ul>
        <form class="form" method="post" action="\(action)">\(csrfField(context.chrome))
        <input type="hidden" name="confirm" value="yes">
        \(fields)
        <p class="actions"><button type="submit" class="button danger">\(button)</button> \
        <a class="button secondary" href="\(cancel)">\(t("form.cancel"))</a></p>
        </form>
        </section>
        """
    }

    /// Leaving an edition: what happens to this reader's seat, place in line or request.
    static func withdraw(_ edition: EditionDetail, mine: Enrollment?, context: Context) -> HTML {
        let t = context.t
        let back = Paths.edition.path(edition.edition.id)
        let title = t("withdraw.title", ["edition": edition.edition.name])
        let points: [String]
        switch mine?.status {
        case .enrolled?: points = [t("withdraw.point.seat"), t("withdraw.point.return")]
        case .waitlisted?: points = [t("withdraw.point.waitlist", ["position": String(mine?.position ?? 0)]), t("withdraw.point.return")]
        case .pending?: points = [t("withdraw.point.request"), t("withdraw.point.return")]
        default:
            return """
            <section class="narrow confirmation">
            <h1>\(title)</h1>
            <p>\(t("withdraw.nothing"))</p>
            <p class="actions"><a class="button secondary" href="\(back)">\(t("withdraw.back"))</a></p>
            </section>
            """
        }
        return page(
            title: title, points: points, action: Paths.editionWithdraw.path(edition.edition.id),
            button: t("withdraw.confirm"), cancel: back, context: context)
    }

    /// Not accepting a request: the person is told, with the note, and cannot ask again.
    static func reject(_ edition: EditionDetail, entry: RosterEntry, note: String?, context: Context) -> HTML {
        let t = context.t
        var form = FormState(t: t)
        form.values["note"] = note ?? ""
        let fields: HTML = """
            <input type="hidden" name="decision" value="reject">
            \(form.textarea("note", label: t("roster.note"), rows: 4, maxLength: 2000, hint: t("reject.note_hint")))
            """
        return page(
            title: t("reject.title", ["name": entry.name]),
            points: [t("reject.point.edition", ["edition": edition.edition.name, "course": edition.courseTitle]), t("reject.point.told"), t("reject.point.final")],
            action: Paths.rosterDecide.path(edition.edition.id, entry.id), fields: fields,
            button: t("reject.confirm"), cancel: Paths.roster.path(edition.edition.id) + "#pending", context: context)
    }

    /// Deleting a session from an edition's programme.
    static func deleteSession(_ session: EditionSession, editionID: Int64, context: Context) -> HTML {
        let t = context.t
        let zone = TimeZone(identifier: session.timeZone) ?? .gmt
        return page(
            title: t("session_delete.title", ["title": session.title]),
            points: [t("session_delete.point.when", ["time": t.dateTime(session.startsAt, timeZone: zone)]), t("session_delete.point.gone")]
                + (session.isPast ? [] : [t("session_delete.point.notified")]) + [t("session_delete.point.final")],
            action: Paths.adminEditionSessionDelete.path(editionID, session.id),
            button: t("session_delete.confirm"), cancel: Paths.adminEdition.path(editionID), context: context)
    }
}
