import Foundation
import Postgres
import Web

/// One line of the audit log, with the actor's current name.
struct AuditEntry: Sendable {
    let id: Int64
    let at: Date
    let actorID: Int64?
    let actorName: String?
    let actorEmail: String?
    let action: String
    let subjectKind: String?
    let subjectID: Int64?
    let details: [(String, String)]
    let address: String
}

/// Filters of the audit page; every one optional.
struct AuditFilter: Sendable {
    var actor: String? = nil
    var action: String? = nil
    var from: CalendarDay? = nil
    var to: CalendarDay? = nil
    var subjectKind: String? = nil
    var subjectID: Int64? = nil
}

enum AuditQueries {
    /// Newest first, a page at a time before entry `before`: one statement, keyset-paginated
    /// on the id (which grows with time), narrowed by the indexes on actor and action.
    static func fetchEntries(_ db: Connection, filter: AuditFilter, before: Int64?, limit: Int) throws -> [AuditEntry] {
        try db.query("""
            SELECT a.id, a.at, a.actor_id, u.name AS actor_name, u.email AS actor_email, a.action, a.subject_kind, a.subject_id, a.address,
                   ARRAY(SELECT key FROM jsonb_each_text(a.details) ORDER BY key) AS keys,
                   ARRAY(SELECT value FROM jsonb_each_text(a.details) ORDER BY key) AS vals
            FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
            WHERE (\(before) IS NULL OR a.id < \(before))
              AND (\(filter.actor) IS NULL OR a.actor_id IN (SELECT id FROM users WHERE lower(email) = lower(\(filter.actor)) OR id::text = \(filter.actor)))
              AND (\(filter.action) IS NULL OR a.action = \(filter.action) OR a.action LIKE \(filter.action.map { $0 + ".%" }))
              AND (\(filter.from) IS NULL OR a.at >= \(filter.from)::date)
              AND (\(filter.to) IS NULL OR a.at < \(filter.to)::date + 1)
              AND (\(filter.subjectKind) IS NULL OR (a.subject_kind = \(filter.subjectKind) AND a.subject_id = \(filter.subjectID)))
            ORDER BY a.id DESC
            LIMIT \(limit)
            """).map { row in
            let keys: [String] = try row["keys"]
            let values: [String] = try row["vals"]
            return AuditEntry(
                id: try row["id"], at: try row["at"], actorID: try row["actor_id"], actorName: try row["actor_name"],
                actorEmail: try row["actor_email"], action: try row["action"], subjectKind: try row["subject_kind"],
                subjectID: try row["subject_id"], details: Array(zip(keys, values)), address: try row["address"])
        }
    }

    static func fetchActions(_ db: Connection) throws -> [String] {
        try db.query("SELECT DISTINCT action FROM audit_log ORDER BY action").map { try $0["action"] }
    }
}

/// /admin/audit: who did what, when and from where.
enum AuditRoutes {
    static let routes: [Route<Handler>] = [Route("GET", Paths.adminAudit, listAudit)]
    static let pageSize = 50

    static func listAudit(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let query = try context.query()
        var form = FormState(t: context.t, form: query)
        var filter = AuditFilter()
        filter.actor = query.trimmed("actor")
        filter.action = query.trimmed("action")
        if let text = query.trimmed("from") {
            filter.from = CalendarDay(iso: text)
            if filter.from == nil { form.fail("from", "form.error.date") }
        }
        if let text = query.trimmed("to") {
            filter.to = CalendarDay(iso: text)
            if filter.to == nil { form.fail("to", "form.error.date") }
        }
        let before = try query["before"].map { text -> Int64 in
            guard let id = Int64(text), id > 0 else { throw HTTPError(.badRequest, reason: "error.400.bad_id") }
            return id
        }
        let db = try context.db
        let entries = form.isValid ? try AuditQueries.fetchEntries(db, filter: filter, before: before, limit: pageSize + 1) : []
        let page = Array(entries.prefix(pageSize))
        var next: String?
        if entries.count > pageSize, let last = page.last {
            next = Paths.adminAudit.path() + PercentEncoding.query([
                ("actor", filter.actor), ("action", filter.action), ("from", query.trimmed("from")), ("to", query.trimmed("to")), ("before", String(last.id)),
            ])
        }
        let body = AuditPages.page(page, form: form, actions: try AuditQueries.fetchActions(db), next: next, context: context)
        return context.page(context.t("admin.audit.title"), body, status: form.isValid ? .ok : .unprocessableContent, section: .admin)
    }
}

enum AuditPages {
    static func page(_ entries: [AuditEntry], form: FormState, actions: [String], next: String?, context: Context) -> HTML {
        let t = context.t
        let actionOptions = [(value: "", label: t("admin.audit.any_action"))] + actions.map { (value: $0, label: $0) }
        let more: HTML = next.map { "<nav class=\"pagination\" aria-label=\"\(t("pagination.label"))\"><a rel=\"next\" href=\"\($0)\">\(t("pagination.older"))</a></nav>" } ?? ""
        return """
        \(AdminRoutes.breadcrumb(t))
        <header class="page-header"><h1>\(t("admin.audit.title"))</h1><p class="lead">\(t("admin.audit.lead"))</p></header>
        <form class="filters" method="get" action="\(Paths.adminAudit.path())">
        \(form.input("actor", label: t("admin.audit.actor"), hint: nil, maxLength: 254))
        \(form.select("action", label: t("admin.audit.action"), options: actionOptions))
        \(form.input("from", label: t("admin.audit.from"), type: "date"))
        \(form.input("to", label: t("admin.audit.to"), type: "date"))
        <button type="submit" class="button">\(t("admin.filter"))</button>
        </form>
        \(table(entries, context: context))
        \(more)
        """
    }

    static func table(_ entries: [AuditEntry], context: Context) -> HTML {
        let t = context.t
        guard !entries.isEmpty else { return "<p class=\"empty\">\(t("admin.audit.empty"))</p>" }
        let rows = entries.map { entry -> HTML in
            let actor: HTML = entry.actorID.map { id in
                "<a href=\"\(Paths.adminUser.path(id))\">\(entry.actorName ?? "")</a>"
            } ?? "\(t("admin.audit.system"))"
            let subject: HTML
            if entry.subjectKind == "user", let id = entry.subjectID {
                subject = "<a href=\"\(Paths.adminUser.path(id))\">\(t("admin.audit.user", ["id": String(id)]))</a>"
            } else if entry.subjectKind == "organization", let id = entry.subjectID {
                subject = "<a href=\"\(Paths.adminOrganization.path(id))\">\(t("admin.audit.organization", ["id": String(id)]))</a>"
            } else {
                subject = "\([entry.subjectKind, entry.subjectID.map(String.init)].compactMap { $0 }.joined(separator: " "))"
            }
            let details = entry.details.map { "\($0.0): \($0.1)" }.joined(separator: "; ")
            return """
            <tr><td>\(t.dateTime(entry.at, timeZone: context.timeZone, showZone: false))</td><td>\(actor)</td>
            <td><code>\(entry.action)</code></td><td>\(subject)</td><td>\(details)</td><td>\(entry.address)</td></tr>
            """
        }
        return """
        <div class="table-wrap"><table class="data">
        <thead><tr><th scope="col">\(t("admin.audit.when"))</th><th scope="col">\(t("admin.audit.actor"))</th><th scope="col">\(t("admin.audit.action"))</th>
        <th scope="col">\(t("admin.audit.subject"))</th><th scope="col">\(t("admin.audit.details"))</th><th scope="col">\(t("admin.audit.address"))</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """
    }
}
