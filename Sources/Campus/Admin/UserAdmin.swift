import Foundation
import Postgres
import Web

/// A row of the admin's user list.
struct UserListing: Sendable {
    let id: Int64
    let name: String
    let email: String
    let organization: String?
    let isVerified: Bool
    let isDisabled: Bool
    let isDeleted: Bool
    let grants: [RoleGrant]
}

/// One user as an admin sees them.
struct UserRecord: Sendable {
    let listing: UserListing
    let organizationID: Int64?
    let affiliationCounts: Bool
    let affiliationConfirmed: Bool
    let affiliationRejected: Bool
    let position: String
    let createdAt: Date
    let grantIDs: [(id: Int64, grant: RoleGrant)]
}

enum UserAdminQueries {
    static let pageSize = 50

    /// Users by name, a page at a time after `after` (a user id), matching `search` in the
    /// name, email or organization. One statement, holding only the conditions in use: the
    /// trigram index serves the search, `users_name_order` the order and the page seek.
    static func fetchUsers(_ db: Connection, search: SubstringSearch?, after: Int64?) throws -> [UserListing] {
        var conditions: SQL = "true"
        if let search {
            conditions = """
                \(conditions) AND (\(search.matches("lower(u.name) || ' ' || lower(u.email)"))
                     OR u.organization_id IN (SELECT id FROM organizations WHERE \(search.matches("lower(name)"))))
                """
        }
        if let after {
            conditions = "\(conditions) AND (lower(u.name), u.id) > ((SELECT lower(name) FROM users WHERE id = \(after)), \(after))"
        }
        return try db.query("""
            SELECT u.id, u.name, u.email, o.name AS organization, u.verified_at IS NOT NULL AS verified,
                   u.disabled_at IS NOT NULL AS disabled, u.deleted_at IS NOT NULL AS deleted,
                   ARRAY(SELECT g.role || ':' || g.scope_kind || ':' || coalesce(g.scope_id, 0) FROM role_grants g WHERE g.user_id = u.id) AS grants
            FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
            WHERE \(conditions)
            ORDER BY lower(u.name), u.id
            LIMIT \(limit: pageSize + 1)
            """).map(listing)
    }

    static func listing(_ row: Row) throws -> UserListing {
        let grants: [String] = try row["grants"]
        return UserListing(
            id: try row["id"], name: try row["name"], email: try row["email"], organization: try row["organization"],
            isVerified: try row["verified"], isDisabled: try row["disabled"], isDeleted: try row["deleted"],
            grants: grants.compactMap(Sessions.parseGrant))
    }

    static func fetchUser(_ db: Connection, id: Int64) throws -> UserRecord? {
        guard let row = try db.query("""
            SELECT u.id, u.name, u.email, o.name AS organization, u.verified_at IS NOT NULL AS verified,
                   u.disabled_at IS NOT NULL AS disabled, u.deleted_at IS NOT NULL AS deleted,
                   ARRAY(SELECT g.role || ':' || g.scope_kind || ':' || coalesce(g.scope_id, 0) FROM role_grants g WHERE g.user_id = u.id ORDER BY g.id) AS grants,
                   ARRAY(SELECT g.id FROM role_grants g WHERE g.user_id = u.id ORDER BY g.id) AS grant_ids,
                   u.organization_id, coalesce(\(AccountQueries.affiliationCounts), false) AS affiliation_counts,
                   u.affiliation_confirmed_at IS NOT NULL AS confirmed, u.affiliation_rejected_at IS NOT NULL AS rejected,
                   u.position, u.created_at
            FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
            WHERE u.id = \(id)
            """).first else { return nil }
        let texts: [String] = try row["grants"]
        let ids: [Int64] = try row["grant_ids"]
        return UserRecord(
            listing: try listing(row), organizationID: try row["organization_id"], affiliationCounts: try row["affiliation_counts"],
            affiliationConfirmed: try row["confirmed"], affiliationRejected: try row["rejected"], position: try row["position"],
            createdAt: try row["created_at"],
            grantIDs: zip(ids, texts).compactMap { id, text in Sessions.parseGrant(text).map { (id: id, grant: $0) } })
    }

    /// Whether the thing a scoped role points at exists. Scopes whose feature has not
    /// created its table yet have nothing to point at.
    static func scopeExists(_ db: Connection, _ scope: Scope) throws -> Bool {
        let table: String
        switch scope {
        case .global: return true
        case .course(let id): return try CapsulesFeature.capsuleExists(db, id: id)
        case .call(let id): return try ScholarshipsFeature.callExists(db, id: id)
        case .edition: table = "editions"
        case .forum: table = "forums"
        }
        guard try db.query("SELECT to_regclass(\(table)) IS NOT NULL AS present").first?["present"] == true else { return false }
        return try !db.query("SELECT 1 FROM \(unsafeRaw: table) WHERE id = \(scope.id ?? 0)").isEmpty
    }

    /// The scope kinds a role can point at today: a scope arrives with its feature's table.
    static func fetchScopeKinds(_ db: Connection) throws -> [String] {
        let row = try db.query("""
            SELECT to_regclass('forums') IS NOT NULL AS forum
            """).first
        return ["global", "edition", "course"] + (try row?["forum"] == true ? ["forum"] : []) + ["call"]
    }

    /// Refuses (409) a change that would leave no active admin, when `userID` loses admin
    /// rights. Changes to admins queue on one lock, so two admins cannot remove each other.
    static func keepAnAdmin(_ db: Connection, losing userID: Int64) throws {
        try db.query("SELECT pg_advisory_xact_lock(hashtext('campus admins'))")
        let others: Int = try db.query("""
            SELECT count(DISTINCT g.user_id)::int8 AS n FROM role_grants g JOIN users u ON u.id = g.user_id
            WHERE g.role = 'admin' AND u.disabled_at IS NULL AND u.deleted_at IS NULL AND u.id <> \(userID)
            """).first?["n"] ?? 0
        let isAdmin = try !db.query("SELECT 1 FROM role_grants WHERE user_id = \(userID) AND role = 'admin'").isEmpty
        guard !isAdmin || others > 0 else { throw HTTPError(.conflict, reason: "admin.users.last_admin") }
    }

    /// Grants a role; nil when the user already holds it.
    static func grant(_ db: Connection, userID: Int64, _ grant: RoleGrant, by adminID: Int64?) throws -> Int64? {
        try db.query("""
            INSERT INTO role_grants (user_id, role, scope_kind, scope_id, granted_by)
            VALUES (\(userID), \(grant.role.rawValue), \(grant.scope.kind), \(grant.scope.id), \(adminID))
            ON CONFLICT DO NOTHING RETURNING id
            """).first?["id"]
    }
}

/// /admin/users: find people, grant and revoke roles, disable accounts.
enum UserAdminRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.adminUsers, listUsers),
        Route("GET", Paths.adminUser, showUser),
        Route("POST", Paths.adminUserGrant, grantRole),
        Route("POST", Paths.adminUserRevoke, revokeRole),
        Route("POST", Paths.adminUserDisable, disableUser),
        Route("POST", Paths.adminUserEnable, enableUser),
        Route("POST", Paths.adminUserAffiliation, decideAffiliation),
    ]

    static func listUsers(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let query = try context.query()
        let search = (query.trimmed("q") ?? "")
        guard search.count <= 200 else { throw HTTPError(.badRequest) }
        let after = try query["after"].map { text -> Int64 in
            guard let id = Int64(text), id > 0 else { throw HTTPError(.badRequest, reason: "error.400.bad_id") }
            return id
        }
        let users = try UserAdminQueries.fetchUsers(context.db, search: SubstringSearch(search), after: after)
        let page = Array(users.prefix(UserAdminQueries.pageSize))
        let next = users.count > UserAdminQueries.pageSize ? page.last.map { Paths.adminUsers.path() + PercentEncoding.query([("q", search), ("after", String($0.id))]) } : nil
        return context.page(context.t("admin.users.title"), UserAdminPages.list(page, search: search, next: next, chrome: context.chrome), section: .admin)
    }

    static func loadUser(_ context: Context) throws -> UserRecord {
        try context.requireAdmin()
        guard let user = try UserAdminQueries.fetchUser(context.db, id: try context.parameters.id("id")) else { throw HTTPError(.notFound) }
        return user
    }

    /// The user a staff action changes: a deleted account keeps its row for the records
    /// that point at it, and takes no roles, access or affiliation changes (409).
    static func loadChangeableUser(_ context: Context) throws -> UserRecord {
        let record = try loadUser(context)
        guard !record.listing.isDeleted else { throw HTTPError(.conflict, reason: "admin.users.deleted") }
        return record
    }

    static func showUser(_ context: Context) throws -> Response {
        try userPage(context, try loadUser(context), form: FormState(t: context.t))
    }

    /// The person's page, with the role form's values and errors.
    static func userPage(_ context: Context, _ record: UserRecord, form: FormState) throws -> Response {
        let db = try context.db
        let history = try AuditQueries.fetchEntries(db, filter: AuditFilter(subjectKind: "user", subjectID: record.listing.id), before: nil, limit: 20)
        let body = UserAdminPages.detail(record, form: form, scopeKinds: try UserAdminQueries.fetchScopeKinds(db), history: history, context: context)
        let title = UserAdminPages.displayName(record.listing, t: context.t)
        return context.page(title, body, status: form.isValid ? .ok : .unprocessableContent, section: .admin)
    }

    static func grantRole(_ context: Context) throws -> Response {
        let record = try loadChangeableUser(context)
        let db = try context.db
        var form = FormState(t: context.t, form: context.form)
        let role = Role(rawValue: context.form["role"] ?? "")
        let scopeKind = context.form["scope"] ?? "global"
        let scopeID = context.form.trimmed("scope_id").flatMap { Int64($0) }
        if role == nil { form.fail("role", "account.error.choose") }
        var grant: RoleGrant?
        if let role {
            if let scope = Scope(kind: scopeKind, id: scopeKind == "global" ? nil : scopeID), let valid = RoleGrant(role: role, scope: scope) {
                if try UserAdminQueries.scopeExists(db, scope) { grant = valid } else { form.fail("scope_id", "admin.users.scope_missing") }
            } else {
                form.fail("scope", "admin.users.scope_invalid")
            }
        }
        guard form.isValid, let grant else { return try userPage(context, record, form: form) }
        let granted: Bool = try db.transaction {
            guard try UserAdminQueries.grant(db, userID: record.listing.id, grant, by: context.user?.id) != nil else { return false }
            try context.audit("role.grant", "user", record.listing.id, ["role": grant.description])
            let scoped = grant.role == .moderator && grant.scope != .global ? "_forum" : grant.scope.kind == "course" ? "_course" : ""
            try Notifier.notify(
                db, app: context.app, userID: record.listing.id, kind: .account, message: "notice.role_granted.\(grant.role.rawValue)\(scoped)",
                values: ["id": grant.scope.id.map(String.init) ?? ""], link: Paths.me.path())
            return true
        }
        return context.redirect(Paths.adminUser.path(record.listing.id), flash: granted ? "flash.role_granted" : "flash.role_exists")
    }

    static func revokeRole(_ context: Context) throws -> Response {
        let record = try loadChangeableUser(context)
        let grantID = try context.parameters.id("grant")
        guard let held = record.grantIDs.first(where: { $0.id == grantID }) else { throw HTTPError(.notFound) }
        let db = try context.db
        try db.transaction {
            if held.grant.role == .admin { try UserAdminQueries.keepAnAdmin(db, losing: record.listing.id) }
            try db.execute("DELETE FROM role_grants WHERE id = \(grantID) AND user_id = \(record.listing.id)")
            try context.audit("role.revoke", "user", record.listing.id, ["role": held.grant.description])
        }
        return context.redirect(Paths.adminUser.path(record.listing.id), flash: "flash.role_revoked")
    }

    /// A disabled account cannot sign in, and its sessions end at once.
    static func disableUser(_ context: Context) throws -> Response {
        let record = try loadChangeableUser(context)
        guard record.listing.id != context.user?.id else { throw HTTPError(.conflict, reason: "admin.users.not_yourself") }
        let db = try context.db
        try db.transaction {
            try UserAdminQueries.keepAnAdmin(db, losing: record.listing.id)
            let changed = try db.execute("UPDATE users SET disabled_at = now() WHERE id = \(record.listing.id) AND disabled_at IS NULL")
            try Sessions.endAll(db, userID: record.listing.id)
            if changed > 0 { try context.audit("user.disable", "user", record.listing.id) }
        }
        return context.redirect(Paths.adminUser.path(record.listing.id), flash: "flash.user_disabled")
    }

    static func enableUser(_ context: Context) throws -> Response {
        let record = try loadChangeableUser(context)
        let db = try context.db
        try db.transaction {
            let changed = try db.execute("UPDATE users SET disabled_at = NULL WHERE id = \(record.listing.id) AND disabled_at IS NOT NULL")
            if changed > 0 { try context.audit("user.enable", "user", record.listing.id) }
        }
        return context.redirect(Paths.adminUser.path(record.listing.id), flash: "flash.user_enabled")
    }

    /// Confirms or rejects the organization a user chose (`decision` = confirm | reject).
    static func decideAffiliation(_ context: Context) throws -> Response {
        let record = try loadChangeableUser(context)
        guard let organizationID = record.organizationID else { throw HTTPError(.conflict, reason: "admin.affiliation.none") }
        let decision = context.form["decision"]
        guard decision == "confirm" || decision == "reject" else { throw HTTPError(.unprocessableContent, reason: "admin.affiliation.choose") }
        let db = try context.db
        try db.transaction {
            if decision == "confirm" {
                try db.execute("""
                    UPDATE users SET affiliation_confirmed_at = now(), affiliation_confirmed_by = \(context.user?.id), affiliation_rejected_at = NULL
                    WHERE id = \(record.listing.id)
                    """)
            } else {
                try db.execute("""
                    UPDATE users SET affiliation_rejected_at = now(), affiliation_confirmed_at = NULL, affiliation_confirmed_by = NULL
                    WHERE id = \(record.listing.id)
                    """)
            }
            try context.audit("affiliation.\(decision ?? "")", "user", record.listing.id, ["organization": String(organizationID)])
            try Notifier.notify(
                db, app: context.app, userID: record.listing.id, kind: .account,
                message: decision == "confirm" ? "notice.affiliation_confirmed" : "notice.affiliation_rejected",
                values: ["organization": record.listing.organization ?? ""], link: Paths.me.path())
        }
        let back = Paths.localPath(context.form["next"], fallback: Paths.adminUser.path(record.listing.id))
        return context.redirect(back, flash: decision == "confirm" ? "flash.affiliation_confirmed" : "flash.affiliation_rejected")
    }
}
