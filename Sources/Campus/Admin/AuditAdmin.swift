import Foundation
import Postgres
import Web

/// One line of the audit log, with the names of what it points at as they are now.
struct AuditEntry: Sendable {
    let id: Int64
    let at: Date
    let actor: AuditPerson?
    let action: String
    let subjectKind: String?
    let subjectID: Int64?
    let details: [(String, String)]
    let address: String
    /// The person the entry is about: the subject, or the one enrolled.
    let person: AuditPerson?
    /// The edition it concerns: the subject, the enrollment's, or the one a role is scoped to.
    let edition: (id: Int64, name: String)?
    let course: (id: Int64, title: String)?
    let organization: (id: Int64, name: String)?

    func detail(_ key: String) -> String? { details.first { $0.0 == key }?.1 }
}

/// Someone named in the audit log; a deleted account keeps its row but not its name.
struct AuditPerson: Sendable {
    let id: Int64
    let name: String
    let isDeleted: Bool
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
    /// A number kept in the entry's details under `key`, as SQL (NULL when absent or not a number).
    static func detailID(_ key: String) -> SQL {
        "CASE WHEN a.details->>\(key) ~ '^[0-9]{1,18}$' THEN (a.details->>\(key))::int8 END"
    }

    /// Newest first, a page at a time before entry `before`: one statement, keyset-paginated
    /// on the id (which grows with time), narrowed by the indexes on actor and action.
    /// The names of the actor and of what the entry is about come from joins on primary keys.
    static func fetchEntries(_ db: Connection, filter: AuditFilter, before: Int64?, limit: Int) throws -> [AuditEntry] {
        try db.query("""
            SELECT a.id, a.at, a.actor_id, u.name AS actor_name, u.deleted_at IS NOT NULL AS actor_deleted,
                   a.action, a.subject_kind, a.subject_id, a.address,
                   ARRAY(SELECT key FROM jsonb_each_text(a.details) ORDER BY key) AS keys,
                   ARRAY(SELECT value FROM jsonb_each_text(a.details) ORDER BY key) AS vals,
                   p.id AS person_id, p.name AS person_name, p.deleted_at IS NOT NULL AS person_deleted,
                   e.id AS edition_id, e.name AS edition_name, c.id AS course_id, c.title AS course_title,
                   o.id AS organization_id, o.name AS organization_name
            FROM audit_log a
            LEFT JOIN users u ON u.id = a.actor_id
            LEFT JOIN enrollments x ON a.subject_kind = 'enrollment' AND x.id = a.subject_id
            LEFT JOIN users p ON p.id = CASE WHEN a.subject_kind = 'user' THEN a.subject_id ELSE coalesce(x.user_id, \(detailID("user"))) END
            LEFT JOIN editions e ON e.id = CASE WHEN a.subject_kind = 'edition' THEN a.subject_id
                ELSE coalesce(x.edition_id, \(detailID("edition")),
                              substring(a.details->>'role' from '^instructor:edition=([0-9]{1,18})$')::int8) END
            LEFT JOIN courses c ON c.id = CASE WHEN a.subject_kind = 'course' THEN a.subject_id ELSE coalesce(e.course_id, \(detailID("course"))) END
            LEFT JOIN organizations o ON o.id = CASE WHEN a.subject_kind = 'organization' THEN a.subject_id ELSE \(detailID("organization")) END
            WHERE (\(before) IS NULL OR a.id < \(before))
              AND (\(filter.actor) IS NULL OR a.actor_id IN (SELECT id FROM users WHERE lower(email) = lower(\(filter.actor)) OR id::text = \(filter.actor)))
              AND (\(filter.action) IS NULL OR a.action = \(filter.action) OR a.action LIKE \(filter.action.map { $0 + ".%" }))
              AND (\(filter.from) IS NULL OR a.at >= \(filter.from)::date)
              AND (\(filter.to) IS NULL OR a.at < \(filter.to)::date + 1)
              AND (\(filter.subjectKind) IS NULL OR (a.subject_kind = \(filter.subjectKind) AND a.subject_id = \(filter.subjectID)))
            ORDER BY a.id DESC
            LIMIT \(limit: limit)
            """).map(entry)
    }

    static func entry(_ row: Row) throws -> AuditEntry {
        let keys: [String] = try row["keys"]
        let values: [String] = try row["vals"]
        func person(_ prefix: String, id: Int64?) throws -> AuditPerson? {
            guard let id else { return nil }
            return AuditPerson(id: id, name: try row["\(prefix)_name"] ?? "", isDeleted: try row["\(prefix)_deleted"] ?? false)
        }
        let editionID: Int64? = try row["edition_id"]
        let courseID: Int64? = try row["course_id"]
        let organizationID: Int64? = try row["organization_id"]
        return AuditEntry(
            id: try row["id"], at: try row["at"], actor: try person("actor", id: try row["actor_id"]), action: try row["action"],
            subjectKind: try row["subject_kind"], subjectID: try row["subject_id"], details: Array(zip(keys, values)),
            address: try row["address"], person: try person("person", id: try row["person_id"]),
            edition: try editionID.map { (id: $0, name: try row["edition_name"] ?? "") },
            course: try courseID.map { (id: $0, title: try row["course_title"] ?? "") },
            organization: try organizationID.map { (id: $0, name: try row["organization_name"] ?? "") })
    }

    /// The actions the log holds, each found through the action index (a loose index
    /// scan), so the filter costs a few lookups however long the log grows.
    static func fetchActions(_ db: Connection) throws -> [String] {
        try db.query("""
            WITH RECURSIVE found(action) AS (
                (SELECT action FROM audit_log ORDER BY action LIMIT 1)
                UNION ALL
                SELECT (SELECT a.action FROM audit_log a WHERE a.action > found.action ORDER BY a.action LIMIT 1)
                FROM found WHERE found.action IS NOT NULL
            )
            SELECT action FROM found WHERE action IS NOT NULL
            """).map { try $0["action"] }
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
        let filtered = ["actor", "action", "from", "to"].contains { query.trimmed($0) != nil }
        let body = AuditPages.page(page, form: form, actions: try AuditQueries.fetchActions(db), filtered: filtered, next: next, context: context)
        return context.page(context.t("admin.audit.title"), body, status: form.isValid ? .ok : .unprocessableContent, section: .admin)
    }
}
