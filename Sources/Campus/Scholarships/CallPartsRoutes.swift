import Foundation
import Postgres
import Web

/// What a call asks: its questions, the documents it requests and its review rubric,
/// added and removed on the call's settings page. A question or a requested document
/// stays once applications have been submitted, a criterion once someone scored it (409).
enum CallPartsRoutes {
    static let routes: [Route<Handler>] = [
        Route("POST", ScholarshipPaths.adminQuestions, addQuestion),
        Route("POST", ScholarshipPaths.adminQuestionDelete, deleteQuestion),
        Route("POST", ScholarshipPaths.adminDocuments, addRequirement),
        Route("POST", ScholarshipPaths.adminDocumentDelete, deleteRequirement),
        Route("POST", ScholarshipPaths.adminCriteria, addCriterion),
        Route("POST", ScholarshipPaths.adminCriterionDelete, deleteCriterion),
    ]

    static func addQuestion(_ context: Context) throws -> Response {
        let call = try CallAdminRoutes.loadCall(context)
        var form = FormState(t: context.t, form: context.form)
        let prompt = CatalogAdminInput.paragraphs(context.form, "prompt", 3...1000)
        if prompt == nil { form.fail("prompt", "admin.calls.error.prompt") }
        let limit = CatalogAdminInput.integer(context.form["max_length"], in: 50...20000)
        if limit == nil { form.fail("max_length", "admin.calls.error.number", ["min": "50", "max": "20000"]) }
        guard let prompt, let limit else { return try invalid(context, call, "question", form) }
        let required = context.form["required"] == "1"
        try save(context, call, kind: "question", label: prompt) { db in
            try db.query("""
                INSERT INTO call_questions (call_id, prompt, max_length, required) VALUES (\(call.id), \(prompt), \(limit), \(required))
                RETURNING id
                """).first?["id"] ?? 0
        }
        return context.redirect(ScholarshipPaths.adminSettings.path(call.id) + "#questions", flash: "flash.call_part_added")
    }

    static func addRequirement(_ context: Context) throws -> Response {
        let call = try CallAdminRoutes.loadCall(context)
        var form = FormState(t: context.t, form: context.form)
        let label = CatalogAdminInput.line(context.form, "label", 3...200)
        if label == nil { form.fail("label", "admin.calls.error.label") }
        let visibility = context.form["visibility"] ?? ""
        if visibility != "reviewers" && visibility != "staff" { form.fail("visibility", "account.error.choose") }
        guard let label, form.isValid else { return try invalid(context, call, "document", form) }
        let required = context.form["required"] == "1"
        try save(context, call, kind: "document", label: label) { db in
            try db.query("""
                INSERT INTO call_documents (call_id, label, visibility, required) VALUES (\(call.id), \(label), \(visibility), \(required))
                RETURNING id
                """).first?["id"] ?? 0
        }
        return context.redirect(ScholarshipPaths.adminSettings.path(call.id) + "#documents", flash: "flash.call_part_added")
    }

    static func addCriterion(_ context: Context) throws -> Response {
        let call = try CallAdminRoutes.loadCall(context)
        var form = FormState(t: context.t, form: context.form)
        let name = CatalogAdminInput.line(context.form, "name", 3...200)
        if name == nil { form.fail("name", "admin.calls.error.criterion") }
        let weight = CatalogAdminInput.integer(context.form["weight"], in: 1...100)
        if weight == nil { form.fail("weight", "admin.calls.error.number", ["min": "1", "max": "100"]) }
        guard let name, let weight else { return try invalid(context, call, "criterion", form) }
        try save(context, call, kind: "criterion", label: name) { db in
            try db.query("INSERT INTO call_criteria (call_id, name, weight) VALUES (\(call.id), \(name), \(weight)) RETURNING id").first?["id"] ?? 0
        }
        return context.redirect(ScholarshipPaths.adminSettings.path(call.id) + "#criteria", flash: "flash.call_part_added")
    }

    static func deleteQuestion(_ context: Context) throws -> Response {
        try delete(context, kind: "question", anchor: "questions", table: "call_questions", label: "prompt") { db, call in
            guard !(try hasSubmissions(db, callID: call.id)) else { throw HTTPError(.conflict, reason: "admin.calls.part_in_use") }
        }
    }

    static func deleteRequirement(_ context: Context) throws -> Response {
        try delete(context, kind: "document", anchor: "documents", table: "call_documents", label: "label") { db, call in
            guard !(try hasSubmissions(db, callID: call.id)) else { throw HTTPError(.conflict, reason: "admin.calls.part_in_use") }
        }
    }

    static func deleteCriterion(_ context: Context) throws -> Response {
        let item = try context.parameters.id("item")
        return try delete(context, kind: "criterion", anchor: "criteria", table: "call_criteria", label: "name") { db, _ in
            guard try db.query("SELECT 1 FROM review_scores WHERE criterion_id = \(item) LIMIT 1").isEmpty else {
                throw HTTPError(.conflict, reason: "admin.calls.part_in_use")
            }
        }
    }

    static func hasSubmissions(_ db: Connection, callID: Int64) throws -> Bool {
        try !db.query("SELECT 1 FROM applications WHERE call_id = \(callID) AND submitted_at IS NOT NULL LIMIT 1").isEmpty
    }

    /// Deletes item `{item}` of the call from `table` (one of three literal names), after `check`.
    static func delete(
        _ context: Context, kind: String, anchor: String, table: String, label: String, check: (Connection, ScholarshipCall) throws -> Void
    ) throws -> Response {
        let call = try CallAdminRoutes.loadCall(context)
        let item = try context.parameters.id("item")
        let db = try context.db
        try db.transaction {
            guard try !db.query("SELECT 1 FROM \(unsafeRaw: table) WHERE id = \(item) AND call_id = \(call.id)").isEmpty else {
                throw HTTPError(.notFound)
            }
            try check(db, call)
            guard let text: String = try db.query("""
                DELETE FROM \(unsafeRaw: table) WHERE id = \(item) AND call_id = \(call.id) RETURNING \(unsafeRaw: label) AS text
                """).first?["text"] else { throw HTTPError(.notFound) }
            try context.audit("call.part_remove", "call", call.id, ["edition": String(call.editionID), "part": kind, "text": String(text.prefix(120))])
        }
        return context.redirect(ScholarshipPaths.adminSettings.path(call.id) + "#\(anchor)", flash: "flash.call_part_removed")
    }

    static func save(_ context: Context, _ call: ScholarshipCall, kind: String, label: String, insert: (Connection) throws -> Int64) throws {
        let db = try context.db
        try db.transaction {
            _ = try insert(db)
            try context.audit("call.part_add", "call", call.id, ["edition": String(call.editionID), "part": kind, "text": String(label.prefix(120))])
        }
    }

    /// The settings page again (422) with this part's form and its errors.
    static func invalid(_ context: Context, _ call: ScholarshipCall, _ kind: String, _ form: FormState) throws -> Response {
        let values = try CallAdminInput.values(call, db: context.db, zone: CatalogAdminInput.defaultZone(context))
        return try CallAdminRoutes.settingsPage(
            context, call, form: FormState(t: context.t, values: values), partForms: [kind: form], status: .unprocessableContent)
    }
}
