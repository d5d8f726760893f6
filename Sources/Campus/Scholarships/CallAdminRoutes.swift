import Foundation
import Postgres
import Web

/// /admin/scholarships: the committee's calls — creating one, its settings, and what it
/// asks (questions, documents, the rubric: CallPartsRoutes). Every change is audited.
enum CallAdminRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ScholarshipPaths.admin, listCalls),
        Route("GET", ScholarshipPaths.adminNew, showNewCall),
        Route("POST", ScholarshipPaths.admin, createCall),
        Route("GET", ScholarshipPaths.adminSettings, showSettings),
        Route("POST", ScholarshipPaths.adminSettings, updateSettings),
    ] + CallPartsRoutes.routes

    /// The call named in the path, for an admin; 404 when there is none.
    static func loadCall(_ context: Context, lock: Bool = false) throws -> ScholarshipCall {
        try context.requireAdmin()
        guard let call = try CallQueries.fetchCall(try context.db, id: try context.parameters.id("call"), lock: lock) else { throw HTTPError(.notFound) }
        return call
    }

    static func listCalls(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let calls = try CallQueries.fetchAllCalls(try context.db)
        return context.page(context.t("admin.calls.title"), CallAdminPages.list(calls, context: context), section: .admin)
    }

    static func showNewCall(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let form = FormState(t: context.t, values: CallAdminInput.defaults(zone: CatalogAdminInput.defaultZone(context)))
        return try newCallPage(context, form: form)
    }

    static func newCallPage(_ context: Context, form: FormState, status: Status = .ok) throws -> Response {
        let editions = try CallQueries.fetchEditionChoices(try context.db)
        let body = CallAdminPages.newCall(form: form, editions: editions, chrome: context.chrome)
        return context.page(context.t("admin.calls.new"), body, status: status, section: .admin)
    }

    static func createCall(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let db = try context.db
        var form = FormState(t: context.t, form: context.form)
        guard let fields = try CallAdminInput.read(context.form, db: db, into: &form) else {
            return try newCallPage(context, form: form, status: .unprocessableContent)
        }
        let id: Int64 = try db.transaction {
            let id = try CallQueries.createCall(db, fields)
            try context.audit("call.create", "call", id, [
                "edition": String(fields.editionID), "title": fields.title, "quota": String(fields.quota),
                "blind": String(fields.blind),
            ])
            return id
        }
        return context.redirect(ScholarshipPaths.adminSettings.path(id), flash: "flash.call_created")
    }

    static func showSettings(_ context: Context) throws -> Response {
        let call = try loadCall(context)
        let zone = CatalogAdminInput.defaultZone(context)
        return try settingsPage(context, call, form: FormState(t: context.t, values: try CallAdminInput.values(call, db: context.db, zone: zone)))
    }

    /// The call's settings and what it asks, each form with its own values and errors.
    static func settingsPage(
        _ context: Context, _ call: ScholarshipCall, form: FormState, partForms: [String: FormState] = [:], status: Status = .ok
    ) throws -> Response {
        let db = try context.db
        let page = CallSettingsPage(
            call: call, parts: try CallQueries.fetchParts(db, callID: call.id), editions: try CallQueries.fetchEditionChoices(db),
            form: form, partForms: partForms)
        return context.page(call.title, CallAdminPages.settings(page, context: context), status: status, section: .admin)
    }

    enum SaveOutcome { case saved, invalid }

    /// Holds the call's row lock from the checks against the awards standing to the update,
    /// so no award made meanwhile slips under a lowered quota or maximum.
    static func updateSettings(_ context: Context) throws -> Response {
        let db = try context.db
        var form = FormState(t: context.t, form: context.form)
        let before = try loadCall(context)
        let outcome: SaveOutcome = try db.transaction {
            guard let call = try CallQueries.fetchCall(db, id: before.id, lock: true) else { throw HTTPError(.notFound) }
            guard let fields = try CallAdminInput.read(context.form, db: db, into: &form) else { return .invalid }
            try checkAgainstAwards(db, call: call, fields: fields, into: &form)
            guard form.isValid else { return .invalid }
            try CallQueries.updateCall(db, id: call.id, fields)
            let changed = CallAdminInput.changes(call, fields)
            if !changed.isEmpty { try context.audit("call.update", "call", call.id, changed.merging(["edition": String(fields.editionID)]) { a, _ in a }) }
            return .saved
        }
        guard outcome == .saved else { return try settingsPage(context, before, form: form, status: .unprocessableContent) }
        return context.redirect(ScholarshipPaths.adminSettings.path(before.id), flash: "flash.call_saved")
    }

    /// A call keeps its edition once people apply, and its limits above the awards it stands by.
    static func checkAgainstAwards(_ db: Connection, call: ScholarshipCall, fields: CallFields, into form: inout FormState) throws {
        if fields.editionID != call.editionID, try CallQueries.hasApplications(db, callID: call.id) {
            form.fail("edition_id", "admin.calls.error.edition_fixed")
        }
        if fields.quota < call.awards { form.fail("quota", "admin.calls.error.quota_below", ["n": String(call.awards)]) }
        if let maximum = fields.maxPerOrganization {
            let largest = try CallQueries.fetchLargestOrganizationAwards(db, callID: call.id)
            if maximum < largest { form.fail("max_per_organization", "admin.calls.error.maximum_below", ["n": String(largest)]) }
        }
    }
}
