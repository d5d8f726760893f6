import Foundation
import Web

/// What a document is attached to. Who may read it follows from this (DocumentPolicy, in Access/).
enum DocumentOwner: Hashable, Sendable {
    case course(Int64)
    case edition(Int64)
    /// An applicant's letters and endorsements, uploaded with the application form.
    case application(Int64)

    var kind: String {
        switch self {
        case .course: "course"
        case .edition: "edition"
        case .application: "application"
        }
    }

    var id: Int64 {
        switch self {
        case .course(let id), .edition(let id), .application(let id): id
        }
    }

    init?(kind: String, id: Int64) {
        switch kind {
        case "course": self = .course(id)
        case "edition": self = .edition(id)
        case "application": self = .application(id)
        default: return nil
        }
    }

    /// Where a file is attached to this owner.
    var uploadPath: String {
        switch self {
        case .course(let id): Paths.adminCourseDocuments.path(id)
        case .edition(let id): Paths.adminEditionDocuments.path(id)
        case .application(let id): ScholarshipPaths.application.path(id)
        }
    }

    /// The staff page that lists this owner's documents.
    var adminPath: String {
        switch self {
        case .course(let id): Paths.adminCourse.path(id)
        case .edition(let id): Paths.adminEdition.path(id)
        case .application(let id): ScholarshipPaths.application.path(id)
        }
    }
}

/// A stored file's description. Its bytes are read only to serve it.
struct Document: Sendable {
    let id: Int64
    let owner: DocumentOwner
    /// Cleaned when uploaded (Filename.sanitized), with the extension of what it is.
    let filename: String
    /// A PDF's link text, an image's alternative text; may be empty.
    let title: String
    let mediaType: MediaType
    let size: Int
    let sha256: [UInt8]
    let createdAt: Date

    /// Where it is downloaded; the filename there is what a browser saves it as.
    var path: String { Paths.document.path(id, filename) }

    /// A strong validator: the same bytes, the same tag.
    var etag: String { "\"" + Crypto.hex(sha256) + "\"" }

    /// What a link to it says.
    var label: String { title.isEmpty ? filename : title }
}

/// An upload that passed every check, ready to store.
struct DocumentUpload: Sendable {
    let filename: String
    let title: String
    let mediaType: MediaType
    /// Usually a slice of the request's body: stored without a copy.
    let bytes: ArraySlice<UInt8>
    let sha256: [UInt8]
}
