import Foundation
import Postgres
import Web

/// The staff's side of documents: attaching files to a course or an edition from their
/// pages, and deleting them after a confirmation. Both are audited.
enum DocumentAdminRoutes {
    /// The section a course's or an edition's staff page shows, with `form`'s values and
    /// errors after a refused upload.
    static func section(_ context: Context, owner: DocumentOwner, form: FormState? = nil) throws -> HTML {
        let documents = try DocumentQueries.fetchDocuments(context.db, owners: [owner])
        return DocumentPages.adminSection(
            documents, owner: owner, form: form ?? FormState(t: context.t), limit: context.settings.uploadMax, context: context)
    }

    static func uploadToCourse(_ context: Context) throws -> Response {
        let course = try CourseAdminRoutes.loadCourse(context)
        return try upload(context, owner: .course(course.id)) { form in
            let courseForm = FormState(t: context.t, values: CourseAdminRoutes.values(course.fields))
            return try CourseAdminRoutes.coursePage(context, course, form: courseForm, documentForm: form, status: .unprocessableContent)
        }
    }

    static func uploadToEdition(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let id = try context.parameters.id("id")
        guard try EditionAdminQueries.editionExists(context.db, id: id) else { throw HTTPError(.notFound) }
        return try upload(context, owner: .edition(id)) { form in
            try EditionAdminRoutes.editionPage(context, id: id, documentForm: form, status: .unprocessableContent)
        }
    }

    /// Checks the form; shows the owner's page again (422, the title kept) or stores the
    /// file and goes back to the list. The same file sent twice is stored once.
    static func upload(_ context: Context, owner: DocumentOwner, invalid: (FormState) throws -> Response) throws -> Response {
        let user = try context.requireAdmin()
        var form = FormState(t: context.t, form: context.form)
        guard let upload = read(context.form, limit: context.settings.uploadMax, into: &form) else { return try invalid(form) }
        let db = try context.db
        let id: Int64? = try db.transaction {
            guard let id = try DocumentQueries.storeDocument(db, owner: owner, upload, uploadedBy: user.id) else { return nil }
            try context.audit("document.upload", owner.kind, owner.id, [
                "document": String(id), "filename": upload.filename, "media_type": upload.mediaType.rawValue,
                "size": String(upload.bytes.count), "sha256": Crypto.hex(upload.sha256),
            ])
            return id
        }
        return context.redirect(owner.adminPath + "#documents", flash: id == nil ? "flash.document_exists" : "flash.document_uploaded")
    }

    /// Reads and checks the upload form (`file`, `document_title`); nil with the form's
    /// errors. What the file is comes from its bytes alone.
    static func read(_ input: Form, limit: Int, into form: inout FormState) -> DocumentUpload? {
        let title = CatalogAdminInput.line(input, "document_title", 0...200)
        if title == nil { form.fail("document_title", "admin.documents.error.title") }
        guard let file = input.file("file"), !file.bytes.isEmpty else {
            form.fail("file", "admin.documents.error.file")
            return nil
        }
        if file.bytes.count > limit {
            form.fail("file", "admin.documents.error.too_large", [
                "size": DocumentPages.size(file.bytes.count, t: form.t), "max": DocumentPages.size(limit, t: form.t),
            ])
            return nil
        }
        guard let type = MediaType.sniff(file.bytes) else {
            form.fail("file", "admin.documents.error.type")
            return nil
        }
        guard form.isValid, let title else { return nil }
        return DocumentUpload(
            filename: Filename.sanitized(file.filename, as: type), title: title, mediaType: type, bytes: file.bytes,
            sha256: Crypto.sha256(file.bytes))
    }

    static func loadDocument(_ context: Context) throws -> Document {
        try context.requireAdmin()
        guard let document = try DocumentQueries.fetchDocument(context.db, id: try context.parameters.id("id")) else { throw HTTPError(.notFound) }
        return document
    }

    static func confirmDelete(_ context: Context) throws -> Response {
        let document = try loadDocument(context)
        return context.page(context.t("admin.documents.delete_title"), DocumentPages.confirmDelete(document, context: context), section: .admin)
    }

    static func delete(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let db = try context.db
        let id = try context.parameters.id("id")
        let document: Document = try db.transaction {
            guard let document = try DocumentQueries.deleteDocument(db, id: id) else { throw HTTPError(.notFound) }
            try context.audit("document.delete", document.owner.kind, document.owner.id, [
                "document": String(id), "filename": document.filename, "media_type": document.mediaType.rawValue,
                "sha256": Crypto.hex(document.sha256),
            ])
            return document
        }
        return context.redirect(document.owner.adminPath + "#documents", flash: "flash.document_deleted")
    }
}
