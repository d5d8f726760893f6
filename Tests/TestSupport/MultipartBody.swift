import Foundation
import Web

/// A multipart/form-data body as a browser sends a form with a file input.
public struct MultipartBody: Sendable {
    /// A file input's part: what the browser says of the file, and its bytes.
    public struct File: Sendable {
        public var field: String
        public var filename: String
        public var contentType: String
        public var bytes: [UInt8]

        public init(field: String = "file", filename: String, contentType: String, bytes: [UInt8]) {
            self.field = field
            self.filename = filename
            self.contentType = contentType
            self.bytes = bytes
        }
    }

    public let boundary = "----CampusTestBoundary" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    public private(set) var bytes: [UInt8] = []

    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    public init(fields: [(String, String)], files: [File] = []) {
        for (name, value) in fields {
            bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\n".utf8)
            bytes += Array("Content-Type: \(file.contentType)\r\n\r\n".utf8)
            bytes += file.bytes
            bytes += Array("\r\n".utf8)
        }
        bytes += Array("--\(boundary)--\r\n".utf8)
    }
}

/// Files of each accepted kind, small and real enough for their signatures, with bytes
/// that look like multipart framing inside.
public enum SampleFiles {
    public static func pdf(_ text: String = "Programa", size: Int? = nil) -> [UInt8] {
        var bytes = Array("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj\n<< /Title (\(text)) >>\nendobj\r\n--\r\n".utf8)
        bytes += (0...255).map(UInt8.init)
        if let size, size > bytes.count + 6 { bytes += [UInt8](repeating: 0x20, count: size - bytes.count - 6) }
        bytes += Array("%%EOF\n".utf8)
        return bytes
    }

    public static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
        0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
        0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}

extension TestApp {
    /// Posts a multipart form; `csrf: nil` leaves the token out.
    public func postMultipart(_ uri: String, _ fields: [(String, String)], files: [MultipartBody.File], csrf: String? = "") -> Response {
        var all = fields
        if let csrf { all.append(("_csrf", csrf.isEmpty ? (token() ?? "") : csrf)) }
        let body = MultipartBody(fields: all, files: files)
        return send("POST", uri, headers: ["content-type": body.contentType], body: body.bytes)
    }
}

extension HTTPClient {
    /// Posts a multipart form as a browser would, the CSRF token among its fields.
    public func postMultipart(_ path: String, fields: [(String, String)], files: [MultipartBody.File]) throws -> HTTPResponse {
        let body = MultipartBody(fields: fields, files: files)
        return try send("POST", path, headers: [("Content-Type", body.contentType)], body: body.bytes)
    }
}
