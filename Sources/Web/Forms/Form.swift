/// Fields of a submitted form or a query string, in the order they were sent.
/// Text is always valid UTF-8: anything else was refused while parsing.
public struct Form: Sendable {
    public static let maxFields = 1_000

    public private(set) var fields: [(name: String, value: String)] = []
    public private(set) var files: [UploadedFile] = []

    public init() {}

    public init(fields: [(String, String)], files: [UploadedFile] = []) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
        self.files = files
    }

    /// Parses `application/x-www-form-urlencoded` bytes. Bad escapes or invalid UTF-8 are a 400.
    public init(urlEncoded bytes: [UInt8]) throws(HTTPError) {
        guard !bytes.isEmpty else { return }
        let pairs = bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true)
        guard pairs.count <= Form.maxFields else { throw HTTPError(.badRequest, reason: "error.400.too_many_fields") }
        for pair in pairs {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            do {
                let name = try PercentEncoding.decode(parts[0], plusAsSpace: true)
                let value = parts.count > 1 ? try PercentEncoding.decode(parts[1], plusAsSpace: true) : ""
                guard !name.contains("\0"), !value.contains("\0") else { throw HTTPError(.badRequest, reason: "error.400.encoding") }
                fields.append((name: name, value: value))
            } catch {
                throw HTTPError(.badRequest, reason: "error.400.encoding")
            }
        }
    }

    mutating func append(name: String, value: String) { fields.append((name: name, value: value)) }
    mutating func append(file: UploadedFile) { files.append(file) }

    /// The first value sent under `name`.
    public subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Every value sent under `name` (checkboxes, multi-selects).
    public func all(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// The value with surrounding white space removed; nil when empty.
    public func trimmed(_ name: String) -> String? {
        guard let value = self[name]?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }

    public func file(_ name: String) -> UploadedFile? { files.first { $0.fieldName == name } }
}

/// A file part of a multipart form. `filename` and `contentType` are what the browser
/// said, to be taken as hints at most; `bytes` is usually a slice of the request's body.
public struct UploadedFile: Sendable {
    public var fieldName: String
    public var filename: String
    public var contentType: String
    public var bytes: ArraySlice<UInt8>

    public init(fieldName: String, filename: String, contentType: String, bytes: ArraySlice<UInt8>) {
        self.fieldName = fieldName
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
    }
}

extension StringProtocol {
    /// The string without leading and trailing white space, newlines included.
    public func trimmingWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

extension StringProtocol {
    /// Length as PostgreSQL's `length()` counts it (code points), which CHECK constraints use.
    /// `count` counts what a reader sees: "n" plus a combining tilde is one Character, two code points.
    public var codePoints: Int { unicodeScalars.count }

    /// At most `limit` code points, for columns with a length CHECK.
    public func truncated(toCodePoints limit: Int) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: unicodeScalars.prefix(limit))
        return String(scalars)
    }
}
