import Foundation
import Web

/// A highlighted piece of text: the matches stand between two control characters that no
/// stored text keeps (they are removed before marking). The whole text is escaped first, and
/// only then do the markers become `<mark>` tags, so nothing a writer typed — `<script>`, or a
/// `<mark>` of their own — can become markup.
enum Snippet {
    static let start: Character = "\u{1}"
    static let stop: Character = "\u{2}"

    /// Whether anything in `marked` is highlighted.
    static func hasMatch(_ marked: String) -> Bool { marked.utf8.contains(0x01) }

    /// The text escaped, each marked match in `<mark>`. Markers that do not pair up never
    /// leave a tag open or close one that was not opened.
    static func html(_ marked: String) -> HTML {
        var out = HTML()
        var isOpen = false
        let bytes = marked.utf8
        var segment = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x01 || bytes[index] == 0x02 {
            out.append(text: String(decoding: bytes[segment..<index], as: UTF8.self))
            segment = bytes.index(after: index)
            if bytes[index] == 0x01, !isOpen {
                out += "<mark>"
                isOpen = true
            } else if bytes[index] == 0x02, isOpen {
                out += "</mark>"
                isOpen = false
            }
        }
        out.append(text: String(decoding: bytes[segment...], as: UTF8.self))
        if isOpen { out += "</mark>" }
        return out
    }

    /// `text` with every occurrence of `part` (whatever its case) marked, for searches that
    /// match any part of a text rather than its words.
    static func marking(_ part: String, in text: String) -> String {
        let clean = text.filter { $0 != start && $0 != stop }
        let part = part.filter { $0 != start && $0 != stop }
        guard !part.isEmpty else { return clean }
        var out = ""
        var rest = clean[...]
        while let found = rest.range(of: part, options: .caseInsensitive) {
            out += rest[..<found.lowerBound]
            out.append(start)
            out += rest[found]
            out.append(stop)
            rest = rest[found.upperBound...]
        }
        return out + rest
    }
}
