import Foundation
import Postgres
import Web

/// The SQL of documents. Descriptions and bytes live in two tables, so that listing
/// what is attached to something never reads a file.
enum DocumentQueries {
    static let columns: SQL = "d.id, d.owner_kind, d.owner_id, d.filename, d.title, d.media_type, d.size, d.sha256, d.created_at"

    /// Stores the file and its description together, in the caller's transaction when
    /// there is one. Nil when the same bytes are already attached to this owner.
    static func storeDocument(_ db: Connection, owner: DocumentOwner, _ upload: DocumentUpload, uploadedBy: Int64?) throws -> Int64? {
        try db.transaction {
            let id: Int64? = try db.query("""
                INSERT INTO documents (owner_kind, owner_id, uploaded_by, filename, title, media_type, size, sha256)
                VALUES (\(owner.kind), \(owner.id), \(uploadedBy), \(upload.filename), \(upload.title), \(upload.mediaType.rawValue),
                        \(upload.bytes.count), \(ByteArray(upload.sha256)))
                ON CONFLICT (owner_kind, owner_id, sha256) DO NOTHING
                RETURNING id
                """).first?["id"]
            guard let id else { return nil }
            try db.execute("INSERT INTO document_contents (document_id, bytes) VALUES (\(id), \(upload.bytes))")
            return id
        }
    }

    /// What is attached to any of `owners`, oldest first: one statement (documents_owner),
    /// no bytes. For staff pages; public pages use `fetchReadableDocuments`.
    static func fetchDocuments(_ db: Connection, owners: [DocumentOwner]) throws -> [Document] {
        try fetchDocuments(db, owners: owners, condition: "true")
    }

    /// The same, only what `reader` may read (DocumentPolicy, as the download decides).
    static func fetchReadableDocuments(_ db: Connection, owners: [DocumentOwner], reader: CurrentUser?) throws -> [Document] {
        try fetchDocuments(db, owners: owners, condition: DocumentPolicy.visibleSQL(reader))
    }

    /// The owners are spelled out pair by pair, one statement per number of owners (one or
    /// two on every page), rather than unnested from arrays: PostgreSQL cannot tell an
    /// array's length from a generic plan, so it kept planning that statement anew at every
    /// execution — 0.3 ms of planning for 0.02 ms of work on each course and edition page.
    private static func fetchDocuments(_ db: Connection, owners: [DocumentOwner], condition: SQL) throws -> [Document] {
        guard let first = owners.first else { return [] }
        let owned = owners.dropFirst().reduce("(d.owner_kind = \(first.kind) AND d.owner_id = \(first.id))" as SQL) { any, owner in
            any + " OR (d.owner_kind = \(owner.kind) AND d.owner_id = \(owner.id))"
        }
        return try db.query("""
            SELECT \(columns) FROM documents d
            WHERE (\(owned))
              AND \(condition)
            ORDER BY d.created_at, d.id
            """).map(document)
    }

    static func fetchDocument(_ db: Connection, id: Int64) throws -> Document? {
        try db.query("SELECT \(columns) FROM documents d WHERE d.id = \(id)").first.map(document)
    }

    /// The file itself, in binary format: a 10 MB file arrives as 10 MB, not 20 of hex.
    static func fetchBytes(_ db: Connection, id: Int64) throws -> [UInt8]? {
        try db.queryBinary("SELECT bytes FROM document_contents WHERE document_id = \(id)").first?.bytes("bytes")
    }

    /// Deletes the document and its bytes; its description, or nil when there was none.
    static func deleteDocument(_ db: Connection, id: Int64) throws -> Document? {
        try db.query("DELETE FROM documents d WHERE d.id = \(id) RETURNING \(columns)").first.map(document)
    }

    static func document(_ row: Row) throws -> Document {
        let kind: String = try row["owner_kind"]
        let type: String = try row["media_type"]
        guard let owner = DocumentOwner(kind: kind, id: try row["owner_id"]), let mediaType = MediaType(rawValue: type) else {
            throw PostgresError(kind: .decoding, message: "document of kind \(kind), type \(type)")
        }
        return Document(
            id: try row["id"], owner: owner, filename: try row["filename"], title: try row["title"], mediaType: mediaType,
            size: try row["size"], sha256: try row.bytes("sha256"), createdAt: try row["created_at"])
    }
}
