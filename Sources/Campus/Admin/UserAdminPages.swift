import Web

enum UserAdminPages {
    static func roleLabel(_ grant: RoleGrant, t: Localizer) -> String {
        let role = t("role.\(grant.role.rawValue)")
        guard let id = grant.scope.id else { return role }
        return t("role.scoped", ["role": role, "scope": t("scope.\(grant.scope.kind)"), "id": String(id)])
    }

    /// The name, or the words for an account deleted since (its stored name is a placeholder).
    static func displayName(_ user: UserListing, t: Localizer) -> String {
        user.isDeleted ? t("admin.former_participant") : user.name
    }

    static func status(_ user: UserListing, t: Localizer) -> HTML {
        if user.isDeleted { return "<span class=\"state state-finished\">\(t("admin.users.deleted_state"))</span>" }
        if user.isDisabled { return "<span class=\"state state-closed\">\(t("admin.users.disabled_state"))</span>" }
        if !user.isVerified { return "<span class=\"state state-upcoming\">\(t("admin.users.unverified_state"))</span>" }
        return "<span class=\"state state-open\">\(t("admin.users.active_state"))</span>"
    }

    /// What was searched for marked in `text` (escaped like every snippet); a deleted account's
    /// words and placeholders are not the person's, and stay unmarked.
    static func highlighted(_ text: String, _ search: SubstringSearch?, _ user: UserListing) -> HTML {
        guard let search, !user.isDeleted else { return HTML.text(text) }
        return Snippet.html(search.marked(text))
    }

    static func list(_ users: [UserListing], search: String, next: String?, chrome: Chrome) -> HTML {
        let t = chrome.t
        let found = SubstringSearch(search)
        let rows = users.map { user -> HTML in
            """
            <tr><td data-label="\(t("field.name"))"><a href="\(Paths.adminUser.path(user.id))">\(highlighted(displayName(user, t: t), found, user))</a></td>
            <td data-label="\(t("field.email"))">\(highlighted(user.email, found, user))</td>
            <td data-label="\(t("field.organization"))">\(user.organization.map { highlighted($0, found, user) } ?? "—")</td>
            <td data-label="\(t("admin.users.state"))">\(status(user, t: t))</td>
            <td data-label="\(t("admin.users.roles"))">\(user.grants.map { roleLabel($0, t: t) }.joined(separator: ", "))</td></tr>
            """
        }
        let table: HTML = users.isEmpty
            ? "<p class=\"empty\">\(search.isEmpty ? t("admin.users.none") : t("admin.users.no_match", ["q": search]))</p>"
            : """
            <div class="table-wrap"><table class="data stacking">
            <thead><tr><th scope="col">\(t("field.name"))</th><th scope="col">\(t("field.email"))</th><th scope="col">\(t("field.organization"))</th>
            <th scope="col">\(t("admin.users.state"))</th><th scope="col">\(t("admin.users.roles"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        let more: HTML = next.map { "<nav class=\"pagination\" aria-label=\"\(t("pagination.label"))\"><a rel=\"next\" href=\"\($0)\">\(t("pagination.next"))</a></nav>" } ?? ""
        return """
        \(AdminRoutes.breadcrumb(t))
        <header class="page-header"><h1>\(t("admin.users.title"))</h1></header>
        <form class="filters" method="get" action="\(Paths.adminUsers.path())" role="search">
        <div class="field"><label for="q">\(t("admin.users.search"))</label>
        <input id="q" name="q" type="search" value="\(search)" maxlength="200"></div>
        <button type="submit" class="button">\(t("admin.search"))</button>
        </form>
        \(table)
        \(more)
        """
    }

    static func detail(_ record: UserRecord, form: FormState, scopeKinds: [String], history: [AuditEntry], context: Context) -> HTML {
        let t = context.t
        let user = record.listing
        let actions: HTML = user.isDeleted
            ? "<p class=\"empty\">\(t("admin.users.deleted"))</p>"
            : """
              <section aria-labelledby="affiliation-title"><h2 id="affiliation-title">\(t("admin.affiliation.title"))</h2>\(affiliation(record, context: context))</section>
              \(roles(record, form: form, scopeKinds: scopeKinds, context: context))
              <section aria-labelledby="access-title"><h2 id="access-title">\(t("admin.users.access"))</h2>\(access(user, chrome: context.chrome))</section>
              """
        return """
        \(AdminRoutes.breadcrumb(t, [(Paths.adminUsers.path(), t("admin.users.title"))]))
        <header class="page-header">
        <h1>\(displayName(user, t: t))</h1>
        <p class="lead">\(user.email) \(status(user, t: t))</p>
        <p class="muted">\(t("position.\(record.position)")) · \(t("admin.users.since", ["date": t.dateTime(record.createdAt, timeZone: context.timeZone, showZone: false)]))</p>
        </header>
        \(actions)
        <section aria-labelledby="history-title"><h2 id="history-title">\(t("admin.users.history"))</h2>
        \(AuditPages.table(history, empty: t("admin.users.no_history"), context: context))</section>
        """
    }

    static func affiliation(_ record: UserRecord, context: Context) -> HTML {
        let t = context.t
        guard let organization = record.listing.organization else { return "<p class=\"muted\">\(t("admin.affiliation.no_organization"))</p>" }
        let state = record.affiliationCounts ? t("admin.affiliation.counts")
            : record.affiliationRejected ? t("admin.affiliation.rejected_state") : t("admin.affiliation.pending_state")
        return """
        <p>\(organization) — \(state)</p>
        <form class="inline" method="post" action="\(Paths.adminUserAffiliation.path(record.listing.id))">\(csrfField(context.chrome))\
        <button type="submit" name="decision" value="confirm" class="button secondary"\(attribute: "disabled", when: record.affiliationConfirmed)>\(t("admin.affiliation.confirm"))</button> \
        <button type="submit" name="decision" value="reject" class="button secondary"\(attribute: "disabled", when: record.affiliationRejected)>\(t("admin.affiliation.reject"))</button></form>
        """
    }

    /// The roles held, each with its revoke button, and the form to grant one. Only scopes
    /// that exist today are offered, and only the roles that can point at them.
    static func roles(_ record: UserRecord, form: FormState, scopeKinds: [String], context: Context) -> HTML {
        let t = context.t
        let user = record.listing
        let grants = record.grantIDs.map { item -> HTML in
            """
            <li>\(roleLabel(item.grant, t: t)) \
            <form class="inline" method="post" action="\(Paths.adminUserRevoke.path(user.id, item.id))">\(csrfField(context.chrome))\
            <button type="submit" class="link-button">\(t("admin.users.revoke"))</button></form></li>
            """
        }
        let held: HTML = grants.isEmpty ? "<p class=\"muted\">\(t("admin.users.learner_only"))</p>" : "<ul class=\"plain-list\">\(grants)</ul>"
        let grantable = Role.allCases.filter { role in
            scopeKinds.contains { kind in Scope(kind: kind, id: kind == "global" ? nil : 1).map { RoleGrant.isValid(role: role, scope: $0) } ?? false }
        }
        let roleOptions = grantable.map { (value: $0.rawValue, label: t("role.\($0.rawValue)")) }
        let scopeOptions = scopeKinds.map { (value: $0, label: t("scope.\($0)")) }
        var grantForm = form
        if grantForm.values["scope"] == nil { grantForm.values["scope"] = "global" }
        return """
        <section aria-labelledby="roles-title">
        <h2 id="roles-title">\(t("admin.users.roles"))</h2>
        \(held)
        \(grantForm.summary)
        <form class="form" method="post" action="\(Paths.adminUserGrant.path(user.id))" novalidate>
        \(csrfField(context.chrome))
        \(grantForm.select("role", label: t("admin.users.role"), options: roleOptions))
        \(grantForm.select("scope", label: t("admin.users.scope"), options: scopeOptions, hint: t("admin.users.scope_hint")))
        \(grantForm.input("scope_id", label: t("admin.users.scope_id"), type: "number"))
        <p class="actions"><button type="submit" class="button">\(t("admin.users.grant"))</button></p>
        </form>
        </section>
        """
    }

    static func access(_ user: UserListing, chrome: Chrome) -> HTML {
        let t = chrome.t
        return user.isDisabled
            ? """
              <form method="post" action="\(Paths.adminUserEnable.path(user.id))">\(csrfField(chrome))\
              <button type="submit" class="button secondary">\(t("admin.users.enable"))</button></form>
              """
            : """
              <form method="post" action="\(Paths.adminUserDisable.path(user.id))">\(csrfField(chrome))\
              <p class="hint">\(t("admin.users.disable_hint"))</p>\
              <button type="submit" class="button danger">\(t("admin.users.disable"))</button></form>
              """
    }
}
