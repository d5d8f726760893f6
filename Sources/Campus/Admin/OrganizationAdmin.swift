import Foundation
import Postgres
import Web

/// A member organization as staff manage it.
struct OrganizationRecord: Sendable {
    let id: Int64
    let name: String
    let country: String
    let network: String
    let activeUntil: CalendarDay?
    let isActive: Bool
    let domains: [String]
    let members: Int
}

/// Someone waiting for an admin to confirm their organization.
struct PendingAffiliation: Sendable {
    let userID: Int64
    let name: String
    let email: String
    let organization: String
    let isVerified: Bool
    let createdAt: Date
}

enum OrganizationAdminQueries {
    static let networks = TerritorialNetwork.all

    /// Chose an organization, not decided by an admin, and not counting by email domain.
    static let pendingAffiliation: SQL = """
        FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE u.organization_id IS NOT NULL AND u.affiliation_confirmed_at IS NULL AND u.affiliation_rejected_at IS NULL
          AND u.deleted_at IS NULL AND u.disabled_at IS NULL
          AND NOT (u.verified_at IS NOT NULL AND lower(split_part(u.email, '@', 2)) = ANY(o.email_domains))
        """

    static let pendingAffiliationCount: SQL = "SELECT count(*) \(pendingAffiliation)"

    static func fetchOrganizations(_ db: Connection) throws -> [OrganizationRecord] {
        try db.query("""
            SELECT o.id, o.name, o.country, o.network, o.active_until, coalesce(o.active_until >= current_date, false) AS active,
                   o.email_domains, (SELECT count(*) FROM users u WHERE u.organization_id = o.id AND u.deleted_at IS NULL)::int8 AS members
            FROM organizations o ORDER BY o.network, o.name
            """).map(record)
    }

    static func fetchOrganization(_ db: Connection, id: Int64) throws -> OrganizationRecord? {
        try db.query("""
            SELECT o.id, o.name, o.country, o.network, o.active_until, coalesce(o.active_until >= current_date, false) AS active,
                   o.email_domains, (SELECT count(*) FROM users u WHERE u.organization_id = o.id AND u.deleted_at IS NULL)::int8 AS members
            FROM organizations o WHERE o.id = \(id)
            """).first.map(record)
    }

    static func record(_ row: Row) throws -> OrganizationRecord {
        OrganizationRecord(
            id: try row["id"], name: try row["name"], country: try row["country"], network: try row["network"],
            activeUntil: try row["active_until"], isActive: try row["active"], domains: try row["email_domains"], members: try row["members"])
    }

    static func fetchPendingAffiliations(_ db: Connection, limit: Int) throws -> [PendingAffiliation] {
        try db.query("""
            SELECT u.id, u.name, u.email, o.name AS organization, u.verified_at IS NOT NULL AS verified, u.created_at
            \(pendingAffiliation)
            ORDER BY u.created_at, u.id LIMIT \(limit: limit)
            """).map { row in
            PendingAffiliation(
                userID: try row["id"], name: try row["name"], email: try row["email"], organization: try row["organization"],
                isVerified: try row["verified"], createdAt: try row["created_at"])
        }
    }
}

/// /admin/organizations: member cities, their membership and email domains, and the
/// queue of affiliations waiting for confirmation.
enum OrganizationAdminRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.adminOrganizations, listOrganizations),
        Route("GET", Paths.adminOrganizationNew, showNewOrganization),
        Route("POST", Paths.adminOrganizations, createOrganization),
        Route("GET", Paths.adminOrganization, showOrganization),
        Route("POST", Paths.adminOrganization, updateOrganization),
    ]

    static func listOrganizations(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let db = try context.db
        let body = OrganizationAdminPages.list(
            try OrganizationAdminQueries.fetchOrganizations(db), pending: try OrganizationAdminQueries.fetchPendingAffiliations(db, limit: 100), context: context)
        return context.page(context.t("admin.organizations.title"), body, section: .admin)
    }

    static func showNewOrganization(_ context: Context) throws -> Response {
        try context.requireAdmin()
        var form = FormState(t: context.t)
        form.values["network"] = "andina"
        return context.page(context.t("admin.organizations.new"), OrganizationAdminPages.form(form, id: nil, chrome: context.chrome), section: .admin)
    }

    static func showOrganization(_ context: Context) throws -> Response {
        try context.requireAdmin()
        guard let organization = try OrganizationAdminQueries.fetchOrganization(context.db, id: try context.parameters.id("id")) else { throw HTTPError(.notFound) }
        let form = FormState(t: context.t, values: [
            "name": organization.name, "country": organization.country, "network": organization.network,
            "active_until": organization.activeUntil?.description ?? "", "email_domains": organization.domains.joined(separator: "\n"),
        ])
        return context.page(organization.name, OrganizationAdminPages.form(form, id: organization.id, chrome: context.chrome), section: .admin)
    }

    struct Fields {
        let name: String
        let country: String
        let network: String
        let activeUntil: CalendarDay?
        let domains: [String]
    }

    /// Reads and checks the organization form; nil with the form's errors when invalid.
    static func read(_ input: Form, into form: inout FormState) -> Fields? {
        let name = input.trimmed("name").flatMap { (2...200).contains($0.codePoints) ? $0 : nil }
        if name == nil { form.fail("name", "admin.organizations.error.name") }
        let country = (input.trimmed("country") ?? "").uppercased()
        if country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isLetter }) { form.fail("country", "admin.organizations.error.country") }
        let network = input["network"] ?? ""
        if !OrganizationAdminQueries.networks.contains(network) { form.fail("network", "account.error.choose") }
        var activeUntil: CalendarDay?
        if let text = input.trimmed("active_until") {
            activeUntil = CalendarDay(iso: text)
            if activeUntil == nil { form.fail("active_until", "form.error.date") }
        }
        let domains = (input["email_domains"] ?? "").split { $0 == "," || $0 == " " || $0.isNewline }.map { $0.lowercased() }
        for domain in domains where AccountRules.emailProblem("x@" + domain) != nil || domain.contains("@") {
            form.fail("email_domains", "admin.organizations.error.domain")
        }
        guard form.isValid, let name else { return nil }
        return Fields(name: name, country: country, network: network, activeUntil: activeUntil, domains: Array(Set(domains)).sorted())
    }

    static func createOrganization(_ context: Context) throws -> Response {
        try context.requireAdmin()
        var form = FormState(t: context.t, form: context.form)
        guard let fields = read(context.form, into: &form) else {
            return context.invalid(context.t("admin.organizations.new"), OrganizationAdminPages.form(form, id: nil, chrome: context.chrome), section: .admin)
        }
        let db = try context.db
        let id: Int64? = try db.transaction {
            guard let id: Int64 = try db.query("""
                INSERT INTO organizations (name, country, network, active_until, email_domains)
                VALUES (\(fields.name), \(fields.country), \(fields.network), \(fields.activeUntil), \(fields.domains))
                ON CONFLICT (name, country) DO NOTHING RETURNING id
                """).first?["id"] else { return nil }
            try context.audit("organization.create", "organization", id, ["name": fields.name])
            return id
        }
        guard let id else {
            // Submitted twice, or the same city again: go to the one that exists.
            let existing: Int64? = try db.query("SELECT id FROM organizations WHERE name = \(fields.name) AND country = \(fields.country)").first?["id"]
            return context.redirect(existing.map { Paths.adminOrganization.path($0) } ?? Paths.adminOrganizations.path(), flash: "flash.organization_exists")
        }
        return context.redirect(Paths.adminOrganization.path(id), flash: "flash.organization_saved")
    }

    static func updateOrganization(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let id = try context.parameters.id("id")
        let db = try context.db
        guard let before = try OrganizationAdminQueries.fetchOrganization(db, id: id) else { throw HTTPError(.notFound) }
        var form = FormState(t: context.t, form: context.form)
        guard let fields = read(context.form, into: &form) else {
            return context.invalid(before.name, OrganizationAdminPages.form(form, id: id, chrome: context.chrome), section: .admin)
        }
        do {
            try db.transaction {
                try db.execute("""
                    UPDATE organizations SET name = \(fields.name), country = \(fields.country), network = \(fields.network),
                           active_until = \(fields.activeUntil), email_domains = \(fields.domains), updated_at = now()
                    WHERE id = \(id)
                    """)
                var changes: [String: String] = [:]
                if before.name != fields.name { changes["name"] = "\(before.name) → \(fields.name)" }
                if before.activeUntil != fields.activeUntil { changes["active_until"] = "\(before.activeUntil?.description ?? "—") → \(fields.activeUntil?.description ?? "—")" }
                if before.domains != fields.domains { changes["email_domains"] = fields.domains.joined(separator: ", ") }
                if before.network != fields.network { changes["network"] = fields.network }
                if before.country != fields.country { changes["country"] = fields.country }
                try context.audit("organization.update", "organization", id, changes)
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            form.fail("name", "admin.organizations.error.duplicate")
            return context.invalid(before.name, OrganizationAdminPages.form(form, id: id, chrome: context.chrome), section: .admin)
        }
        return context.redirect(Paths.adminOrganization.path(id), flash: "flash.organization_saved")
    }
}

enum OrganizationAdminPages {
    static func list(_ organizations: [OrganizationRecord], pending: [PendingAffiliation], context: Context) -> HTML {
        let t = context.t
        let queueRows = pending.map { item -> HTML in
            """
            <tr><td data-label="\(t("field.name"))"><a href="\(Paths.adminUser.path(item.userID))">\(item.name)</a></td>
            <td data-label="\(t("field.email"))">\(item.email)\(item.isVerified ? "" : " (\(t("admin.users.unverified_state")))")</td>
            <td data-label="\(t("field.organization"))">\(item.organization)</td>
            <td data-label="\(t("admin.affiliation.since"))">\(t.dateTime(item.createdAt, timeZone: context.timeZone, showZone: false))</td>
            <td data-label="\(t("admin.affiliation.decision"))"><form class="inline" method="post" action="\(Paths.adminUserAffiliation.path(item.userID))">\(csrfField(context.chrome))\
            <input type="hidden" name="next" value="\(Paths.adminOrganizations.path())">\
            <button type="submit" name="decision" value="confirm" class="button secondary">\(t("admin.affiliation.confirm"))</button> \
            <button type="submit" name="decision" value="reject" class="link-button">\(t("admin.affiliation.reject"))</button></form></td></tr>
            """
        }
        let queue: HTML = pending.isEmpty ? "<p class=\"empty\">\(t("admin.affiliation.queue_empty"))</p>" : """
            <div class="table-wrap"><table class="data stacking"><thead><tr><th scope="col">\(t("field.name"))</th><th scope="col">\(t("field.email"))</th>
            <th scope="col">\(t("field.organization"))</th><th scope="col">\(t("admin.affiliation.since"))</th><th scope="col">\(t("admin.affiliation.decision"))</th></tr></thead>
            <tbody>\(queueRows)</tbody></table></div>
            """
        let rows = organizations.map { organization -> HTML in
            let state: HTML = organization.isActive
                ? "<span class=\"state state-open\">\(t("admin.organizations.active"))</span>"
                : "<span class=\"state state-closed\">\(t("admin.organizations.lapsed"))</span>"
            let until = organization.activeUntil.map { t.date(year: $0.year, month: $0.month, day: $0.day, short: true) } ?? "—"
            return """
            <tr><td data-label="\(t("admin.organizations.name"))"><a href="\(Paths.adminOrganization.path(organization.id))">\(organization.name)</a></td>
            <td data-label="\(t("admin.organizations.country"))">\(organization.country)</td>
            <td data-label="\(t("admin.organizations.network"))">\(t("network.\(organization.network)"))</td>
            <td data-label="\(t("admin.organizations.membership"))">\(state) \(until)</td>
            <td data-label="\(t("admin.organizations.domains"))">\(organization.domains.joined(separator: ", "))</td>
            <td data-label="\(t("admin.organizations.people"))">\(t.number(organization.members))</td></tr>
            """
        }
        return """
        \(AdminRoutes.breadcrumb(t))
        <header class="page-header"><h1>\(t("admin.organizations.title"))</h1>
        <p class="actions"><a class="button" href="\(Paths.adminOrganizationNew.path())">\(t("admin.organizations.new"))</a></p></header>
        <section aria-labelledby="queue-title"><h2 id="queue-title">\(t("admin.affiliation.queue"))</h2>
        <p class="hint">\(t("admin.affiliation.queue_hint"))</p>\(queue)</section>
        <section aria-labelledby="members-title"><h2 id="members-title">\(t("admin.organizations.members"))</h2>
        <div class="table-wrap"><table class="data stacking"><thead><tr><th scope="col">\(t("admin.organizations.name"))</th><th scope="col">\(t("admin.organizations.country"))</th>
        <th scope="col">\(t("admin.organizations.network"))</th><th scope="col">\(t("admin.organizations.membership"))</th>
        <th scope="col">\(t("admin.organizations.domains"))</th><th scope="col">\(t("admin.organizations.people"))</th></tr></thead>
        <tbody>\(rows)</tbody></table></div></section>
        """
    }

    static func form(_ form: FormState, id: Int64?, chrome: Chrome) -> HTML {
        let t = form.t
        let networks = OrganizationAdminQueries.networks.map { (value: $0, label: t("network.\($0)")) }
        let action = id.map { Paths.adminOrganization.path($0) } ?? Paths.adminOrganizations.path()
        return """
        \(AdminRoutes.breadcrumb(t, [(Paths.adminOrganizations.path(), t("admin.organizations.title"))]))
        <section class="narrow">
        <h1>\(id == nil ? t("admin.organizations.new") : form.values["name"] ?? "")</h1>
        \(form.summary)
        <form class="form" method="post" action="\(action)" novalidate>
        \(csrfField(chrome))
        \(form.input("name", label: t("admin.organizations.name"), required: true, maxLength: 200))
        \(form.input("country", label: t("admin.organizations.country"), required: true, hint: t("admin.organizations.country_hint"), maxLength: 2))
        \(form.select("network", label: t("admin.organizations.network"), options: networks))
        \(form.input("active_until", label: t("admin.organizations.active_until"), type: "date", hint: t("admin.organizations.active_until_hint")))
        \(form.textarea("email_domains", label: t("admin.organizations.domains"), rows: 3, hint: t("admin.organizations.domains_hint")))
        <p class="actions"><button type="submit" class="button">\(t("form.save"))</button> \
        <a class="button secondary" href="\(Paths.adminOrganizations.path())">\(t("form.cancel"))</a></p>
        </form>
        </section>
        """
    }
}
