/// CSV for spreadsheets (RFC 4180): UTF-8 with a byte-order mark so Excel reads the
/// accents, CRLF line ends, quotes where needed, and cells that would start a formula
/// (`=`, `+`, `-`, `@`, tab, carriage return) neutralised with a leading apostrophe.
public enum CSV {
    public static func render(_ rows: [[String]]) -> [UInt8] {
        var out = "\u{FEFF}"
        for row in rows {
            out += row.map(cell).joined(separator: ",")
            out += "\r\n"
        }
        return Array(out.utf8)
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }
            || text.hasPrefix(" ") || text.hasSuffix(" ")
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
