/// The kinds of file Campus accepts, told apart by their first bytes — never by the
/// file's name or the Content-Type a browser sent, which whoever sends them chooses.
public enum MediaType: String, Sendable, CaseIterable {
    case pdf = "application/pdf"
    case png = "image/png"
    case jpeg = "image/jpeg"
    case webp = "image/webp"

    /// What the bytes are, or nil when they are none of the accepted kinds.
    public static func sniff(_ bytes: some Collection<UInt8>) -> MediaType? {
        let head = Array(bytes.prefix(16))
        func starts(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + signature.count && Array(head[offset..<(offset + signature.count)]) == signature
        }
        // "%PDF-" and a version digit; readers accept the header a little later too,
        // but a file that hides it is not one we need.
        if starts(Array("%PDF-".utf8)), head.count > 5, (48...57).contains(head[5]) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        // SOI, then the first marker's 0xFF.
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        // A RIFF container of kind WEBP whose first chunk is lossy, lossless or extended.
        if starts(Array("RIFF".utf8)), starts(Array("WEBPVP8".utf8), at: 8), head.count >= 16,
            [UInt8(ascii: " "), UInt8(ascii: "L"), UInt8(ascii: "X")].contains(head[15])
        {
            return .webp
        }
        return nil
    }

    public var isImage: Bool { self != .pdf }

    /// The extension a saved copy gets.
    public var fileExtension: String {
        switch self {
        case .pdf: "pdf"
        case .png: "png"
        case .jpeg: "jpg"
        case .webp: "webp"
        }
    }

    /// Extensions people give files of this kind, to be replaced rather than doubled.
    var knownExtensions: [String] {
        switch self {
        case .jpeg: ["jpg", "jpeg", "jpe", "jfif"]
        default: [fileExtension]
        }
    }
}
