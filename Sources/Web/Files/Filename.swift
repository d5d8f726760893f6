/// A file's name as people see it and as a download offers it.
public enum Filename {
    /// The name a browser sent, made safe to show and to offer for saving: no folders
    /// (either slash), no control or invisible formatting characters (bidirectional
    /// overrides that make `fdp.exe` read `exe.pdf` included), white space collapsed,
    /// no leading dots, at most `maxLength` code points, and the extension of what the
    /// bytes really are.
    public static func sanitized(_ raw: String, as type: MediaType, maxLength: Int = 120) -> String {
        let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in base.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                continue
            case .spaceSeparator:
                pendingSpace = !cleaned.isEmpty
            default:
                if pendingSpace { cleaned.append(" ") }
                pendingSpace = false
                cleaned.append(scalar)
            }
        }
        var stem = String(cleaned).drop { $0 == "." || $0 == " " }
        if let dot = stem.lastIndex(of: "."), type.knownExtensions.contains(stem[stem.index(after: dot)...].lowercased()) {
            stem = stem[..<dot]
        }
        while let last = stem.last, last == "." || last == " " { stem = stem.dropLast() }
        let room = maxLength - type.fileExtension.count - 1
        while stem.unicodeScalars.count > room { stem = stem.dropLast() }
        let name = stem.isEmpty ? (type.isImage ? "image" : "document") : String(stem)
        return name + "." + type.fileExtension
    }

    /// A Content-Disposition value (RFC 6266) naming the file twice: in ASCII for old
    /// clients, and exactly, UTF-8 percent-encoded (RFC 8187), for the rest.
    public static func contentDisposition(_ disposition: String, filename: String) -> String {
        var fallback = ""
        for scalar in filename.unicodeScalars {
            let printable = scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\" && scalar != "%"
            fallback.unicodeScalars.append(printable ? scalar : "_")
        }
        return "\(disposition); filename=\"\(fallback)\"; filename*=UTF-8''\(encodeValue(filename))"
    }

    /// RFC 8187's attr-char are left as they are; every other byte is %XX.
    static func encodeValue(_ text: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.append(byte)
            case _ where Array("!#$&+-.^_`|~".utf8).contains(byte):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
