import Foundation
import Postgres
import Web

/// Admins' pages for forums: every forum with its numbers, creating open network forums,
/// and each forum's settings (pre-moderation among them). Audited.
enum ForumAdminRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ForumPaths.admin, listForums),
        Route("POST", ForumPaths.admin, createForum),
        Route("GET", ForumPaths.adminForum, showForum),
        Route("POST", ForumPaths.adminForum, updateForum),
    ]

    static func listForums(_ context: Context) throws -> Response {
        let admin = try context.requireAdmin()
        let forums = try ForumQueries.fetchForums(try context.db, reader: admin)
        return context.page(context.t("admin.forums.title"), ForumAdminPages.list(forums, form: FormState(t: context.t), context: context), section: .admin)
    }

    /// The settings a form sends: `title`, `description`, `network`, `language` (open forums
    /// only) and `premoderation` (0–100).
    struct Fields {
        var title = ""
        var description = ""
        var network: String?
        var language = "es"
        var premoderation = 0
    }

    static func read(_ context: Context, form: inout FormState, open: Bool) -> Fields {
        var fields = Fields()
        if open {
            fields.title = ForumInput.title(context.form, &form)
            if fields.title.codePoints > 120 { form.fail("title", "forum.error.title_length", ["max": "120"]) }
            let network = context.form["network"] ?? ""
            fields.network = network.isEmpty ? nil : network
            if let network = fields.network, !TerritorialNetwork.all.contains(network) { form.fail("network", "admin.forums.error.network") }
            fields.language = Language(rawValue: context.form["language"] ?? "")?.rawValue ?? ""
            if fields.language.isEmpty { form.fail("language", "admin.forums.error.language") }
        }
        fields.description = context.form.trimmed("description") ?? ""
        if fields.description.codePoints > 2000 || !ForumInput.isPrintable(fields.description) { form.fail("description", "admin.forums.error.description") }
        let premoderation = context.form.trimmed("premoderation") ?? "0"
        if let value = Int(premoderation), (0...100).contains(value) { fields.premoderation = value } else { form.fail("premoderation", "admin.forums.error.premoderation") }
        return fields
    }

    static func createForum(_ context: Context) throws -> Response {
        let admin = try context.requireAdmin()
        var form = FormState(t: context.t, form: context.form)
        let fields = read(context, form: &form, open: true)
        let db = try context.db
        guard form.isValid else {
            let forums = try ForumQueries.fetchForums(db, reader: admin)
            return context.invalid(context.t("admin.forums.title"), ForumAdminPages.list(forums, form: form, context: context), section: .admin)
        }
        let id: Int64 = try db.transaction {
            let id: Int64 = try db.query("""
                INSERT INTO forums (title, description, network, language, premoderation)
                VALUES (\(fields.title), \(fields.description), \(fields.network), \(fields.language), \(fields.premoderation)) RETURNING id
                """).first?["id"] ?? 0
            try context.audit("forum.create", "forum", id, ["forum": fields.title, "premoderation": String(fields.premoderation)])
            return id
        }
        return context.redirect(ForumPaths.adminForum.path(id), flash: "flash.forum_saved")
    }

    static func loadForum(_ context: Context) throws -> Forum {
        let admin = try context.requireAdmin()
        guard let forum = try ForumQueries.fetchForum(try context.db, id: try context.parameters.id("id"), reader: admin) else {
            throw HTTPError(.notFound, reason: "forum.not_found")
        }
        return forum
    }

    static func showForum(_ context: Context) throws -> Response {
        let forum = try loadForum(context)
        var form = FormState(t: context.t)
        form.values = ["title": forum.title, "description": forum.description, "network": forum.network ?? "", "language": forum.language,
                       "premoderation": String(forum.premoderation)]
        return context.page(forum.title, ForumAdminPages.forum(forum, form: form, context: context), section: .admin)
    }

    static func updateForum(_ context: Context) throws -> Response {
        let forum = try loadForum(context)
        var form = FormState(t: context.t, form: context.form)
        let open = forum.editionID == nil
        let fields = read(context, form: &form, open: open)
        guard form.isValid else { return context.invalid(forum.title, ForumAdminPages.forum(forum, form: form, context: context), section: .admin) }
        let db = try context.db
        try db.transaction {
            try db.execute("""
                UPDATE forums SET description = \(fields.description), premoderation = \(fields.premoderation),
                       title = CASE WHEN \(open) THEN \(fields.title) ELSE title END,
                       network = CASE WHEN \(open) THEN \(fields.network) ELSE network END,
                       language = CASE WHEN \(open) THEN \(fields.language) ELSE language END
                WHERE id = \(forum.id)
                """)
            var changes = ["forum": open ? fields.title : forum.title]
            if open, fields.title != forum.title { changes["title"] = "\(forum.title) → \(fields.title)" }
            if fields.premoderation != forum.premoderation { changes["premoderation"] = "\(forum.premoderation) → \(fields.premoderation)" }
            if fields.description != forum.description { changes["description"] = "edited" }
            try context.audit("forum.update", "forum", forum.id, changes)
        }
        return context.redirect(ForumPaths.adminForum.path(forum.id), flash: "flash.forum_saved")
    }
}

enum ForumAdminPages {
    static func list(_ forums: [Forum], form: FormState, context: Context) -> HTML {
        let t = context.t
        let rows = forums.map { forum -> HTML in
            """
            <tr><td data-label="\(t("admin.forums.forum"))"><a href="\(ForumPaths.adminForum.path(forum.id))">\(forum.title)</a></td>
            <td data-label="\(t("admin.forums.kind"))">\(t(forum.editionID == nil ? "admin.forums.kind.open" : "admin.forums.kind.edition"))</td>
            <td data-label="\(t("admin.forums.numbers"))">\(ForumPages.counts(forum, context: context))</td>
            <td data-label="\(t("admin.forums.premoderation"))">\(forum.premoderation)</td></tr>
            """
        }
        return """
        \(AdminRoutes.breadcrumb(t))
        <header class="page-header"><h1>\(t("admin.forums.title"))</h1><p class="lead">\(t("admin.forums.lead"))</p></header>
        <div class="table-wrap"><table class="data stacking"><thead><tr><th scope="col">\(t("admin.forums.forum"))</th><th scope="col">\(t("admin.forums.kind"))</th>
        <th scope="col">\(t("admin.forums.numbers"))</th><th scope="col">\(t("admin.forums.premoderation"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
        <section aria-labelledby="new-forum"><h2 id="new-forum">\(t("admin.forums.new"))</h2>
        \(form.summary)
        <form class="form" method="post" action="\(ForumPaths.admin.path())" novalidate>\(csrfField(context.chrome))
        \(fields(form, open: true, context: context))
        <p class="actions"><button type="submit" class="button">\(t("admin.forums.create"))</button></p></form></section>
        """
    }

    static func fields(_ form: FormState, open: Bool, context: Context) -> HTML {
        let t = context.t
        var out = HTML()
        if open {
            out += form.input("title", label: t("forum.field.title"), required: true, maxLength: 120, minLength: 3)
            out += form.select("network", label: t("admin.forums.network"), options: [(value: "", label: t("admin.forums.no_network"))]
                + TerritorialNetwork.all.map { (value: $0, label: t("network.\($0)")) })
            out += form.select("language", label: t("admin.forums.language"), options: Language.allCases.map { (value: $0.rawValue, label: t("language_name.\($0.rawValue)")) })
        }
        out += form.textarea("description", label: t("admin.forums.description"), rows: 3, maxLength: 2000)
        out += form.input("premoderation", label: t("admin.forums.premoderation"), type: "number", hint: t("admin.forums.premoderation_hint"))
        return out
    }

    static func forum(_ forum: Forum, form: FormState, context: Context) -> HTML {
        let t = context.t
        return """
        \(AdminRoutes.breadcrumb(t, [(ForumPaths.admin.path(), t("admin.forums.title"))]))
        <header class="page-header"><h1>\(forum.title)</h1><p class="muted">\(ForumPages.counts(forum, context: context))</p>
        <p><a href="\(ForumPaths.forum.path(forum.id))">\(t("admin.forums.open_forum"))</a></p></header>
        \(form.summary)
        <form class="form" method="post" action="\(ForumPaths.adminForum.path(forum.id))" novalidate>\(csrfField(context.chrome))
        \(fields(form, open: forum.editionID == nil, context: context))
        <p class="actions"><button type="submit" class="button">\(t("admin.forums.save"))</button></p></form>
        """
    }
}
