import Foundation
import Postgres
import Web

/// GET /documents/{id}/{filename}: a file, to those who may see what it is attached to.
/// The staff's routes (upload, delete) are in DocumentAdmin.swift.
enum DocumentRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.document, download),
        Route("POST", Paths.adminCourseDocuments, DocumentAdminRoutes.uploadToCourse),
        Route("POST", Paths.adminEditionDocuments, DocumentAdminRoutes.uploadToEdition),
        Route("GET", Paths.adminDocumentDelete, DocumentAdminRoutes.confirmDelete),
        Route("POST", Paths.adminDocumentDelete, DocumentAdminRoutes.delete),
    ]

    /// The id decides; the filename in the path is only what a browser saves. Whoever
    /// may not see the owner's page gets 404, as for a document that does not exist.
    static func download(_ context: Context) throws -> Response {
        let db = try context.db
        guard let document = try DocumentQueries.fetchDocument(db, id: try context.parameters.id("id")),
            try DocumentPolicy.canRead(document, db: db, reader: context.user)
        else { throw HTTPError(.notFound) }
        var response = Response(status: .ok, headers: headers(document))
        if matches(context.request.headers["if-none-match"], etag: document.etag) {
            response.status = .notModified
            return response
        }
        guard let bytes = try DocumentQueries.fetchBytes(db, id: document.id) else { throw HTTPError(.notFound) }
        response.body = bytes
        return response
    }

    /// The syllabus links of a public page, for documents attached to any of `owners`
    /// that the reader may read (the same policy as the download).
    static func syllabus(_ context: Context, owners: [DocumentOwner]) throws -> HTML {
        DocumentPages.syllabus(try DocumentQueries.fetchReadableDocuments(context.db, owners: owners, reader: context.user), t: context.t)
    }

    /// PDFs are saved, never shown in a page of ours; images are shown alone, sandboxed, so
    /// that a file which is also something else (a polyglot) can run nothing here. The
    /// browser keeps a copy for this reader only, and asks again each time, so a course
    /// gone back to draft stops being served.
    static func headers(_ document: Document) -> [(String, String)] {
        var headers = [
            ("Content-Type", document.mediaType.rawValue),
            ("Cache-Control", "private, no-cache"),
            ("ETag", document.etag),
            ("Cross-Origin-Resource-Policy", "same-origin"),
        ]
        if document.mediaType.isImage {
            headers.append(("Content-Disposition", Filename.contentDisposition("inline", filename: document.filename)))
            headers.append(("Content-Security-Policy", "sandbox"))
        } else {
            headers.append(("Content-Disposition", Filename.contentDisposition("attachment", filename: document.filename)))
        }
        return headers
    }

    /// If-None-Match (RFC 9110 13.1.2): `*` or a list of tags, compared weakly.
    static func matches(_ header: String?, etag: String) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingWhitespace()
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}
