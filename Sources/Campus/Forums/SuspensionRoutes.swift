import Foundation
import Postgres
import Web

/// Suspending someone from posting in every forum for a number of days, and lifting it
/// early: global moderators and admins, with a reason, audited, and the person told until
/// when. They can still read; their posting pages say until when they wait.
enum SuspensionRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ForumPaths.suspend, showSuspension),
        Route("POST", ForumPaths.suspend, suspend),
        Route("POST", ForumPaths.unsuspend, unsuspend),
    ]

    static let maxDays = 365

    /// The person named in the path (404 for no live account), for a reader who may suspend (403).
    static func loadPerson(_ context: Context) throws -> (id: Int64, name: String) {
        let user = try context.requireUser()
        guard ForumPolicy.canSuspend(user) else { throw HTTPError(.forbidden) }
        guard let person = try AccountQueries.fetchRecipient(try context.db, id: try context.parameters.id("id")) else {
            throw HTTPError(.notFound, reason: "forum.suspend.no_person")
        }
        return (person.id, person.name)
    }

    static func showSuspension(_ context: Context) throws -> Response {
        let person = try loadPerson(context)
        return try page(context, person: person, form: FormState(t: context.t))
    }

    static func page(_ context: Context, person: (id: Int64, name: String), form: FormState, status: Status = .ok) throws -> Response {
        let active = try SuspensionQueries.fetchActive(try context.db, userID: person.id)
        let body = SuspensionPages.page(person: person, active: active.map { ($0.until, $0.reason) }, form: form, context: context)
        return context.page(context.t("forum.suspend.title", ["name": person.name]), body, status: status, section: .forums)
    }

    /// `days` (1–365) and `reason`.
    static func suspend(_ context: Context) throws -> Response {
        let person = try loadPerson(context)
        guard person.id != context.user?.id else { throw HTTPError(.conflict, reason: "forum.suspend.self") }
        var form = FormState(t: context.t, form: context.form)
        let days = context.form.trimmed("days").flatMap(Int.init) ?? 0
        if !(1...maxDays).contains(days) { form.fail("days", "forum.suspend.error.days", ["max": String(maxDays)]) }
        let reason = ForumInput.reason(context.form, &form)
        guard form.isValid else { return try page(context, person: person, form: form, status: .unprocessableContent) }
        let db = try context.db
        try db.transaction {
            // One suspension at a time per person: concurrent requests queue on the person's lock.
            try db.query("SELECT pg_advisory_xact_lock(hashtext('forum suspension'), \(Int32(truncatingIfNeeded: person.id)))")
            if let active = try SuspensionQueries.fetchActive(db, userID: person.id) {
                throw HTTPError(.conflict, reason: "forum.suspend.already", arguments: ["until": context.t.dateTime(active.until, timeZone: context.timeZone)])
            }
            let until: Date = try db.query("""
                INSERT INTO forum_suspensions (user_id, ends_at, reason, created_by)
                VALUES (\(person.id), now() + make_interval(days => \(days)::int), \(reason), \(context.user?.id)) RETURNING ends_at
                """).first?["ends_at"] ?? Date()
            let stamp = ForumFormat.iso(until)
            try context.audit("user.suspend", "user", person.id, ["days": String(days), "until": stamp, "reason": reason])
            try ForumNews.tellAuthor(
                context, authorID: person.id, message: "notice.forum.suspended", values: ["until": stamp.replacingOccurrences(of: "T", with: " ") + " UTC"],
                reason: reason, link: ForumPaths.forums.path())
        }
        return context.redirect(ForumPaths.suspend.path(person.id), flash: "flash.forum_suspended")
    }

    /// `reason`: lifting early is explained too.
    static func unsuspend(_ context: Context) throws -> Response {
        let person = try loadPerson(context)
        var form = FormState(t: context.t, form: context.form)
        let reason = ForumInput.reason(context.form, &form)
        guard form.isValid else { return try page(context, person: person, form: form, status: .unprocessableContent) }
        let db = try context.db
        try db.transaction {
            guard try db.execute("""
                UPDATE forum_suspensions SET lifted_at = now(), lifted_by = \(context.user?.id), lift_reason = \(reason)
                WHERE user_id = \(person.id) AND lifted_at IS NULL AND ends_at > now()
                """) > 0 else { throw HTTPError(.conflict, reason: "forum.suspend.none") }
            try context.audit("user.unsuspend", "user", person.id, ["reason": reason])
            try ForumNews.tellAuthor(context, authorID: person.id, message: "notice.forum.unsuspended", values: [:], reason: reason, link: ForumPaths.forums.path())
        }
        return context.redirect(ForumPaths.suspend.path(person.id), flash: "flash.forum_unsuspended")
    }
}

enum SuspensionPages {
    static func page(person: (id: Int64, name: String), active: (until: Date, reason: String)?, form: FormState, context: Context) -> HTML {
        let t = context.t
        let reason = ForumFormat.reasonField("reason", label: t("forum.moderate.reason"), error: form.message("reason"), value: form.values["reason"] ?? "")
        let body: HTML
        if let active {
            body = """
            <p class="notice">\(t("forum.suspend.active", ["until": t.dateTime(active.until, timeZone: context.timeZone), "reason": active.reason]))</p>
            <form class="form" method="post" action="\(ForumPaths.unsuspend.path(person.id))">\(csrfField(context.chrome))
            \(reason)
            <p class="actions"><button type="submit" class="button">\(t("forum.suspend.lift"))</button></p></form>
            """
        } else {
            body = """
            <form class="form" method="post" action="\(ForumPaths.suspend.path(person.id))" novalidate>\(csrfField(context.chrome))
            \(form.input("days", label: t("forum.suspend.days"), type: "number", required: true, hint: t("forum.suspend.days_hint")))
            \(reason)
            <p class="actions"><button type="submit" class="button danger">\(t("forum.suspend.submit"))</button></p></form>
            """
        }
        return """
        <nav class="breadcrumb" aria-label="\(t("layout.breadcrumb"))"><a href="\(ForumPaths.moderation.path())">\(t("forum.queue.title"))</a></nav>
        <section class="narrow">
        <h1>\(t("forum.suspend.title", ["name": person.name]))</h1>
        <p class="lead">\(t("forum.suspend.lead"))</p>
        \(form.summary)
        \(body)
        </section>
        """
    }
}
