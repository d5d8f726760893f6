import Foundation
import Postgres
import Web

/// An edition's page: what, when, where, seats, sessions, and the reader's place.
enum EditionPages {
    static func stateBadge(_ edition: EditionDetail, t: Localizer) -> HTML {
        let label: String
        switch edition.state {
        case .open: label = t.plural("edition.state.open", edition.seatsLeft)
        case .full: label = t.plural("edition.state.full", edition.waitlisted)
        default: label = t("edition.state.\(edition.state.rawValue)")
        }
        return "<span class=\"state state-\(edition.state.rawValue)\">\(label)</span>"
    }

    static func edition(_ edition: EditionDetail, sessions: [EditionSession], instructors: [String], mine: Enrollment?, teaches: Bool, context: Context) -> HTML {
        let t = context.t
        let team: HTML = instructors.isEmpty ? "" : "<dt>\(t("edition.team"))</dt><dd>\(instructors.joined(separator: ", "))</dd>"
        let staff: HTML = teaches ? "<p><a class=\"button secondary\" href=\"\(Paths.roster.path(edition.edition.id))\">\(t("edition.roster_link"))</a></p>" : ""
        return """
        <nav class="breadcrumb" aria-label="\(t("layout.breadcrumb"))"><a href="\(Paths.courses.path())">\(t("catalog.title"))</a> › \
        <a href="\(Paths.course.path(edition.courseSlug))" lang="\(edition.courseLanguage)">\(edition.courseTitle)</a></nav>
        <header class="page-header">
        <p class="eyebrow">\(stateBadge(edition, t: t))</p>
        <h1><span lang="\(edition.courseLanguage)">\(edition.courseTitle)</span> · <span lang="\(edition.edition.language)">\(edition.edition.name)</span></h1>
        </header>
        <section class="card" aria-labelledby="enrollment-title">
        <h2 id="enrollment-title">\(t("edition.your_place"))</h2>
        \(enrollmentBox(edition, mine: mine, context: context))
        </section>
        \(staff)
        <dl class="facts">\(CatalogPages.facts(edition.edition, t: t, zone: context.timeZone))\(team)</dl>
        <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">\(t("edition.sessions"))</h2>
        \(sessionList(sessions, showLinks: teaches || mine?.status == .enrolled || mine?.status == .completed, context: context))
        </section>
        """
    }

    /// What the reader can do here, and why not when they cannot.
    static func enrollmentBox(_ edition: EditionDetail, mine: Enrollment?, context: Context) -> HTML {
        let t = context.t
        let id = edition.edition.id
        guard let user = context.user else {
            let login = Paths.login.path() + PercentEncoding.query([("next", Paths.edition.path(id))])
            return edition.state.acceptsRequests
                ? "<p>\(t("edition.sign_in_to_enroll"))</p><p class=\"actions\"><a class=\"button\" href=\"\(login)\">\(t("nav.login"))</a> <a class=\"button secondary\" href=\"\(Paths.register.path())\">\(t("nav.register"))</a></p>"
                : "<p>\(windowText(edition, context: context))</p>"
        }
        let withdrawForm: HTML = """
            <form class="inline" method="post" action="\(Paths.editionWithdraw.path(id))">\(csrfField(context.chrome))\
            <button type="submit" class="button secondary">\(t("edition.withdraw"))</button></form>
            """
        if let mine, mine.status != .withdrawn {
            let status = statusText(mine, t: t)
            switch mine.status {
            case .enrolled, .waitlisted, .pending:
                return "<p><strong>\(status)</strong></p>\(edition.state == .finished ? "" : withdrawForm)"
            default:
                return "<p><strong>\(status)</strong></p>"
            }
        }
        guard edition.state.acceptsRequests else { return "<p>\(windowText(edition, context: context))</p>" }
        guard user.isVerified else { return "<p>\(t("error.403.unverified"))</p>" }
        let label = edition.admitsByApproval ? t("edition.request") : edition.state == .full ? t("edition.join_waitlist") : t("edition.enroll")
        let hint = edition.admitsByApproval ? t("edition.request_hint") : edition.state == .full ? t.plural("edition.waitlist_hint", edition.waitlisted) : ""
        let previous: HTML = mine?.status == .withdrawn ? "<p class=\"hint\">\(t("edition.withdrew_before"))</p>" : ""
        return """
        \(previous)<form method="post" action="\(Paths.editionEnroll.path(id))">\(csrfField(context.chrome))\
        <button type="submit" class="button">\(label)</button></form>
        \(hint.isEmpty ? "" : "<p class=\"hint\">\(hint)</p>" as HTML)
        """
    }

    static func statusText(_ enrollment: Enrollment, t: Localizer) -> String {
        switch enrollment.status {
        case .waitlisted: return t("enrollment.status.waitlisted", ["position": String(enrollment.position ?? 0)])
        case .enrolled where enrollment.assessed: return t("enrollment.status.not_completed")
        default: return t("enrollment.status.\(enrollment.status.rawValue)")
        }
    }

    static func windowText(_ edition: EditionDetail, context: Context) -> String {
        let t = context.t
        switch edition.state {
        case .upcoming: return t("enroll.refused.not_open", ["date": t.dateTime(edition.opensAt, timeZone: context.timeZone)])
        case .closed: return t("enroll.refused.closed", ["date": t.dateTime(edition.closesAt, timeZone: context.timeZone)])
        case .running, .finished: return t("enroll.refused.started")
        case .open, .full: return ""
        }
    }

    /// Sessions in the reader's time zone, with the zone they were planned in.
    /// Meeting links go only to participants and the teaching team.
    static func sessionList(_ sessions: [EditionSession], showLinks: Bool, context: Context) -> HTML {
        let t = context.t
        guard !sessions.isEmpty else { return "<p class=\"empty\">\(t("edition.no_sessions"))</p>" }
        let items = sessions.map { session -> HTML in
            let planned = TimeZone(identifier: session.timeZone) ?? .gmt
            let local = t.dateTime(session.startsAt, timeZone: context.timeZone)
            let original: HTML = planned.identifier != context.timeZone.identifier
                ? " <span class=\"muted\">\(t("edition.session_planned", ["time": t.dateTime(session.startsAt, timeZone: planned)]))</span>" : ""
            let whereHTML: HTML
            if let link = session.link {
                whereHTML = showLinks
                    ? "<a href=\"\(link)\" rel=\"noopener\">\(t("edition.session_link"))</a>"
                    : "<span class=\"muted\">\(t("edition.session_link_participants"))</span>"
            } else {
                whereHTML = "\(session.place ?? "")"
            }
            return """
            <li><strong>\(session.title)</strong> <span class="muted">· \(t("session.kind.\(session.kind)")) · \(t.plural("edition.minutes", session.durationMinutes))</span><br>
            \(local)\(original)<br>\(whereHTML)</li>
            """
        }
        return "<ul class=\"plain-list\">\(items)</ul>"
    }
}
