import Foundation
import Postgres
import Web

/// What an edition's page shows to one reader.
struct EditionPage {
    let detail: EditionDetail
    let sessions: [EditionSession]
    let instructors: [String]
    let mine: Enrollment?
    /// The reader is on this edition's teaching team.
    let teachesHere: Bool
    /// The reader may open the roster (its teaching team, or an admin).
    let seesRoster: Bool
    /// Nil for a visitor and for the teaching team.
    let eligibility: Eligibility?
    /// Links to the course's and the edition's syllabus PDFs.
    var syllabus: HTML = ""
    /// The edition's forum and its sessions' reflection prompts, for those who may read it.
    var forum: (path: String, prompts: [Int64: String])? = nil
}

/// An edition's page: what, when, where, seats, sessions, and the reader's place.
enum EditionPages {
    static func stateBadge(_ edition: EditionDetail, t: Localizer) -> HTML {
        CatalogPages.stateBadge(edition.state, seatsLeft: edition.seatsLeft, waitlisted: edition.waitlisted, t: t)
    }

    static func edition(_ page: EditionPage, context: Context) -> HTML {
        let t = context.t
        let edition = page.detail
        let team: HTML = page.instructors.isEmpty ? "" : "<dt>\(t("edition.team"))</dt><dd>\(page.instructors.joined(separator: ", "))</dd>"
        let staff: HTML = page.seesRoster && !page.teachesHere
            ? "<p><a class=\"button secondary\" href=\"\(Paths.roster.path(edition.edition.id))\">\(t("edition.roster_link"))</a></p>" : ""
        let box: HTML = page.teachesHere ? teachingBox(edition, t: t) : """
            <section class="card" aria-labelledby="enrollment-title">
            <h2 id="enrollment-title">\(t("edition.your_place"))</h2>
            \(enrollmentBox(page, context: context))
            </section>
            """
        let showLinks = page.seesRoster || page.mine?.status == .enrolled || page.mine?.status == .completed
        return """
        <nav class="breadcrumb" aria-label="\(t("layout.breadcrumb"))"><a href="\(Paths.courses.path())">\(t("catalog.title"))</a> › \
        <a href="\(Paths.course.path(edition.courseSlug))" lang="\(edition.courseLanguage)">\(edition.courseTitle)</a></nav>
        <header class="page-header">
        <p class="eyebrow">\(stateBadge(edition, t: t))</p>
        <h1><span lang="\(edition.courseLanguage)">\(edition.courseTitle)</span> · <span lang="\(edition.edition.language)">\(edition.edition.name)</span></h1>
        </header>
        \(box)
        \(staff)
        \(page.forum.map { "<p><a class=\"button secondary\" href=\"\($0.path)\">\(t("edition.forum_link"))</a></p>" as HTML })
        <dl class="facts">\(CatalogPages.facts(edition, t: t, zone: context.timeZone))\(team)</dl>
        \(Markdown.prose(edition.edition.description, language: edition.edition.language, headingOffset: 1))
        \(page.syllabus)
        <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">\(t("edition.sessions"))</h2>
        \(sessionList(page.sessions, language: edition.edition.language, showLinks: showLinks, prompts: page.forum?.prompts ?? [:], context: context))
        </section>
        """
    }

    /// The card for the edition's own teaching team: where its people and requests are.
    static func teachingBox(_ edition: EditionDetail, t: Localizer) -> HTML {
        let roster = Paths.roster.path(edition.edition.id)
        let review: HTML = edition.pending > 0
            ? " <a class=\"button secondary\" href=\"\(roster)#pending\">\(t.plural("edition.teaching.review", edition.pending))</a>" : ""
        return """
        <section class="card" aria-labelledby="enrollment-title">
        <h2 id="enrollment-title">\(t("edition.teaching.title"))</h2>
        <p>\(t("edition.teaching.lead"))</p>
        <p>\(RosterPages.summary(edition, t: t))</p>
        <p class="actions"><a class="button" href="\(roster)">\(t("edition.roster_link"))</a>\(review)</p>
        </section>
        """
    }

    /// What the reader can do here, and why not when they cannot.
    static func enrollmentBox(_ page: EditionPage, context: Context) -> HTML {
        let t = context.t
        let edition = page.detail
        let id = edition.edition.id
        guard let user = context.user else {
            let login = Paths.login.path() + PercentEncoding.query([("next", Paths.edition.path(id))])
            return edition.state.acceptsRequests
                ? "<p>\(t("edition.sign_in_to_enroll"))</p><p class=\"actions\"><a class=\"button\" href=\"\(login)\">\(t("nav.login"))</a> <a class=\"button secondary\" href=\"\(Paths.register.path())\">\(t("nav.register"))</a></p>"
                : "<p>\(windowText(edition, context: context))</p>"
        }
        if let mine = page.mine, mine.status != .withdrawn {
            let status: HTML = "<p><strong>\(statusText(mine, t: t))</strong></p>"
            guard mine.status.isActive, edition.state != .finished else { return status }
            return "\(status)<p><a class=\"button secondary\" href=\"\(Paths.editionWithdraw.path(id))\">\(t("edition.withdraw"))</a></p>"
        }
        let eligibility = page.eligibility ?? .eligible
        if eligibility.isAboutTheWindow { return eligibility.explanation(t: t, zone: context.timeZone) }
        guard user.isVerified else { return "<p>\(t("error.403.unverified"))</p>" }
        guard eligibility == .eligible else { return eligibility.explanation(t: t, zone: context.timeZone) }
        let label = edition.admitsByApproval ? t("edition.request") : edition.state == .full ? t("edition.join_waitlist") : t("edition.enroll")
        let hint = edition.admitsByApproval ? t("edition.request_hint") : edition.state == .full ? t.plural("edition.waitlist_hint", edition.waitlisted) : ""
        let previous: HTML = page.mine?.status == .withdrawn ? "<p class=\"hint\">\(t("edition.withdrew_before"))</p>" : ""
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

    /// Why a visitor cannot ask now: the window, said for everyone alike.
    static func windowText(_ edition: EditionDetail, context: Context) -> String {
        let eligibility: Eligibility
        switch edition.state {
        case .upcoming: eligibility = .notOpen(opens: edition.opensAt)
        case .closed: eligibility = .closed(closes: edition.closesAt)
        case .running, .finished: eligibility = .started
        case .open, .full: return ""
        }
        guard let reason = eligibility.reason(t: context.t, zone: context.timeZone) else { return "" }
        return context.t(reason.key, reason.values)
    }

    /// The answer to an enroll POST the rules refuse (409): the same words the page says.
    static func refusal(_ edition: EditionDetail, eligibility: Eligibility, context: Context) -> HTML {
        let t = context.t
        return """
        <section class="error-page" aria-labelledby="error-title">
        <p class="error-code">409</p>
        <h1 id="error-title">\(t("enroll.refused.title"))</h1>
        \(eligibility.explanation(t: t, zone: context.timeZone))
        <p class="actions"><a class="button" href="\(Paths.edition.path(edition.edition.id))">\(t("enroll.refused.back", ["edition": edition.edition.name]))</a></p>
        </section>
        """
    }

    /// Sessions in the reader's time zone, with the zone they were planned in; those
    /// already over are marked. Meeting links go only to participants and the teaching team.
    /// Each description is in the edition's `language`, its `#` a level under the list's heading.
    static func sessionList(_ sessions: [EditionSession], language: String, showLinks: Bool, prompts: [Int64: String] = [:], context: Context) -> HTML {
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
            let past: HTML = session.isPast ? " <span class=\"state state-finished\">\(t("edition.session_past"))</span>" : ""
            let prompt: HTML = prompts[session.id].map { "<br><a href=\"\($0)\">\(t("edition.session_prompt"))</a>" } ?? ""
            return """
            <li><strong>\(session.title)</strong>\(past) <span class="muted">· \(t("session.kind.\(session.kind)")) · \(t.plural("edition.minutes", session.durationMinutes))</span><br>
            \(local)\(original)<br>\(whereHTML)\(prompt)\(Markdown.prose(session.description, language: language, headingOffset: 2))</li>
            """
        }
        return "<ul class=\"plain-list\">\(items)</ul>"
    }
}
