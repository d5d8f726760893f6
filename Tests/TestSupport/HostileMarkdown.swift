import Foundation

/// The hostile inputs in Tests/WebTests/Resources/markdown-xss-corpus.txt (its first lines
/// describe the format), for the renderer's own tests and for the pages that show Markdown.
public enum MarkdownCorpus {
    public static func cases() throws -> [String] {
        let file = URL(fileURLWithPath: TestEnvironment.home).appendingPathComponent("Tests/WebTests/Resources/markdown-xss-corpus.txt")
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        var cases: [String] = [], current: [Substring] = []
        for line in lines + ["----"] {
            if line == "----" {
                if !current.isEmpty { cases.append(unescape(current.joined(separator: "\n"))) }
                current = []
            } else if !line.hasPrefix(";;") {
                current.append(line)
            }
        }
        return cases
    }

    /// A case as a page can carry it. NUL never reaches a page — PostgreSQL refuses it in
    /// text and the form parser answers 400 — so it becomes U+FFFD, as HTML's parser makes
    /// it; a case longer than the column takes (`limit` characters) is cut there.
    public static func storable(_ source: String, limit: Int = .max) -> String {
        let cleaned = source.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
        return String(String.UnicodeScalarView(cleaned.unicodeScalars.prefix(limit)))
    }

    /// `\u{HEX}` stands for that scalar.
    static func unescape(_ text: String) -> String {
        var out = "", rest = Substring(text)
        while let marker = rest.range(of: "\\u{") {
            out += rest[..<marker.lowerBound]
            rest = rest[marker.upperBound...]
            if let close = rest.firstIndex(of: "}"), let value = UInt32(rest[..<close], radix: 16),
               let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
                rest = rest[rest.index(after: close)...]
            } else {
                out += "\\u{"
            }
        }
        return out + rest
    }
}

/// Reads rendered Markdown the way a browser would, independently of the renderer, and lists
/// every tag, attribute or URL that Markdown may not produce.
public enum InertMarkup {
    public static let tags: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre",
                                    "ul", "ol", "li", "blockquote", "a", "img", "br", "hr"]
    public static let attributes: [String: Set<String>] = ["a": ["href", "title", "rel"], "img": ["src", "alt", "title"],
                                                    "ol": ["start"]]

    public static func problems(in html: String) -> [String] {
        var problems: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            guard let close = rest.firstIndex(of: ">") else { return problems + ["a < that opens nothing"] }
            problems += self.problems(inTag: rest[..<close])
            rest = rest[rest.index(after: close)...]
        }
        return problems
    }

    private static func problems(inTag tag: Substring) -> [String] {
        if tag.hasPrefix("/") { return tags.contains(String(tag.dropFirst())) ? [] : ["</\(tag)>"] }
        let name = String(tag.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber) }))
        guard tags.contains(name) else { return ["<\(tag)>"] }
        var problems: [String] = [], seen: Set<String> = []
        var rest = tag.dropFirst(name.count)
        // Only ` name="value"` is accepted: the one shape the renderer writes.
        while let space = rest.first, space == " ", let equals = rest.firstIndex(of: "="),
              rest[rest.index(after: equals)...].first == "\"" {
            let attribute = String(rest[rest.index(after: rest.startIndex)..<equals])
            let valueStart = rest.index(equals, offsetBy: 2)
            guard let valueEnd = rest[valueStart...].firstIndex(of: "\"") else { break }
            let value = decodingEntities(rest[valueStart..<valueEnd])
            if !(attributes[name] ?? []).contains(attribute) || !seen.insert(attribute).inserted {
                problems.append("\(attribute) on <\(name)>")
            }
            if attribute == "href" || attribute == "src", !isAllowed(value, image: attribute == "src") {
                problems.append("\(attribute)=\(value)")
            }
            if attribute == "rel", value != "nofollow noopener" { problems.append("rel=\(value)") }
            rest = rest[rest.index(after: valueEnd)...]
        }
        if !rest.isEmpty { problems.append("malformed <\(tag)>") }
        if name == "a", !seen.isSuperset(of: ["href", "rel"]) { problems.append("<a> without href and rel") }
        if name == "img", !seen.contains("src") { problems.append("<img> without src") }
        return problems
    }

    /// A URL as the browser's URL parser sees it: leading and trailing controls and spaces
    /// trimmed, tabs and line ends removed anywhere. Percent-decoding is checked too, to be sure.
    public static func isAllowed(_ raw: String, image: Bool) -> Bool {
        let url = browserView(raw)
        for candidate in [url, browserView(url.removingPercentEncoding ?? url)] {
            if let scheme = scheme(of: candidate), image || !["http", "https", "mailto"].contains(scheme) { return false }
        }
        if scheme(of: url) == nil {
            return url.hasPrefix("/") && !url.hasPrefix("//") && !url.hasPrefix("/\\")
        }
        return true
    }

    private static func browserView(_ raw: String) -> String {
        var scalars = raw.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }[...]
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.value <= 0x20 { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    private static func scheme(of url: String) -> String? {
        let scalars = Array(url.unicodeScalars)
        guard let first = scalars.first, first.isASCII, first.properties.isAlphabetic else { return nil }
        var end = 1
        while end < scalars.count, scalars[end].isASCII,
              scalars[end].properties.isAlphabetic || ("0"..."9").contains(scalars[end]) || "+-.".unicodeScalars.contains(scalars[end]) {
            end += 1
        }
        guard end < scalars.count, scalars[end] == ":" else { return nil }
        return String(String.UnicodeScalarView(scalars[..<end])).lowercased()
    }

    /// Character references as HTML decodes them in an attribute: numeric ones with or without
    /// `;`, and the named ones an escaper writes.
    static func decodingEntities(_ value: Substring) -> String {
        var out = "", rest = value
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
        while let ampersand = rest.firstIndex(of: "&") {
            out += rest[..<ampersand]
            rest = rest[rest.index(after: ampersand)...]
            if rest.first == "#" {
                let hex = rest.dropFirst().first.map { $0 == "x" || $0 == "X" } ?? false
                let digits = rest.dropFirst(hex ? 2 : 1).prefix(while: { hex ? $0.isHexDigit : $0.isWholeNumber })
                if let number = UInt32(digits, radix: hex ? 16 : 10), let scalar = Unicode.Scalar(number) {
                    out.unicodeScalars.append(scalar)
                    rest = rest.dropFirst((hex ? 2 : 1) + digits.count)
                    if rest.first == ";" { rest = rest.dropFirst() }
                    continue
                }
            } else if let semicolon = rest.firstIndex(of: ";"), let character = named[String(rest[..<semicolon])] {
                out += character
                rest = rest[rest.index(after: semicolon)...]
                continue
            }
            out += "&"
        }
        return out + rest
    }
}
