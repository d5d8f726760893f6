import Foundation
import Testing
@testable import Web

extension MarkdownTests {
    /// Rendered output never grows more than this many times the input (eight nested empty
    /// quotes are the worst case), so hostile input cannot blow up a page.
    static let expansion = 32

    @Test func theHostileCorpusRendersInert() throws {
        let cases = try MarkdownCorpus.cases()
        #expect(cases.count >= 100)
        for source in cases {
            let html = render(source)
            #expect(InertMarkup.problems(in: html) == [], "\(source.prefix(120)) became \(html.prefix(400))")
            #expect(html.utf8.count <= Self.expansion * source.utf8.count + 64)
        }
    }

    @Test func noControlOrInvisibleCharacterSmugglesAURL() {
        let characters = (0...0x20).map { Unicode.Scalar(UInt8($0)) }
            + ["\u{7F}", "\u{85}", "\u{A0}", "\u{2028}", "\u{FEFF}", "\u{200B}"]
        for character in characters.map(String.init) {
            for source in ["[x](\(character)javascript:alert(1))", "[x](java\(character)script:alert(1))",
                           "[x](<\(character)//evil.example>)", "[x](/\(character)/evil.example)",
                           "![x](\(character)//evil.example/a.png)", "<java\(character)script:alert(1)>",
                           "[x](https:\(character)//evil.example)", "[x](\(character)data:text/html,x)"] {
                let html = render(source)
                #expect(InertMarkup.problems(in: html) == [], "\(source.unicodeScalars.map(\.value)) became \(html)")
            }
        }
    }

    @Test func aMegabyteOfHostileInputRendersInLinearTime() {
        // A quadratic step anywhere would take hours on any of these, so finishing at all is the test.
        let pieces = [
            String(repeating: "*", count: 50_000),
            String(repeating: "[", count: 50_000),
            String(repeating: ">", count: 10_000) + " ten thousand deep",
            (1...2_000).map { String(repeating: "> ", count: $0 % 40) + "x" }.joined(separator: "\n"),
            (0..<5_000).map { String(repeating: " ", count: $0 % 13) + "- x" }.joined(separator: "\n"),
            String(repeating: "- ", count: 20_000) + "x",
            String(repeating: "[a](", count: 20_000),
            String(repeating: "[a](/x \"", count: 10_000),
            String(repeating: "[a](<", count: 16_000),
            String(repeating: "[a](" + String(repeating: "(", count: 31), count: 2_000),
            String(repeating: "*a **a ", count: 10_000),
            String(repeating: "_a __a *b ", count: 8_000),
            String(repeating: "*a ", count: 20_000) + String(repeating: " a*", count: 20_000),
            (1...400).map { String(repeating: "`", count: $0) + "x" }.joined(),
            String(repeating: "![", count: 20_000) + "x" + String(repeating: "](/a.png)", count: 20_000),
            String(repeating: "[", count: 20_000) + "x" + String(repeating: "](/x)", count: 20_000),
            String(repeating: "<", count: 50_000),
            String(repeating: "<http://a", count: 10_000),
            String(repeating: "\\", count: 50_000),
            String(repeating: "a  \n", count: 20_000),
            String(repeating: "```\n", count: 10_000),
            String(repeating: "> ```\n", count: 10_000),
        ]
        let hostile = pieces.joined(separator: "\n\n")
        #expect(hostile.utf8.count >= 1_000_000)
        let html = render(hostile)
        #expect(html.utf8.count <= Self.expansion * hostile.utf8.count)
        #expect(InertMarkup.problems(in: html) == [])
    }

    @Test func randomMarkupStaysInert() {
        let atoms = ["*", "_", "**", "[", "]", "(", ")", "![", "<", ">", "`", "```", "\\", " ", "  ", "\n", "\n\n",
                     "# ", "- ", "1. ", "> ", "    ", "\t", "a", "é", "/", "//", "https://x", "mailto:", "javascript:",
                     "\"", "'", "&", "&#106;", "~~~", "---", "===", "\u{0}", "\r", "@", "%", "\u{A0}", "](/a \"", "]("]
        var random = SplitMix64(seed: 2024)
        for _ in 0..<3_000 {
            let source = (0..<random.next(below: 60)).map { _ in atoms[random.next(below: atoms.count)] }.joined()
            let html = Markdown(headingOffset: random.next(below: 3)).render(source).rendered
            #expect(InertMarkup.problems(in: html) == [], "\(source.debugDescription) became \(html)")
        }
    }

    @Test func theInertCheckCatchesWhatItShould() {
        for markup in ["<script>", "<p onclick=\"x\">", "<a href=\"/x\">x</a>", "<img src=\"https://a.example/x.png\" alt=\"\">",
                       "<a href=\"&#106;avascript:x\" rel=\"nofollow noopener\">", "<a href=\" //evil\" rel=\"nofollow noopener\">",
                       "<a href=\"/\\evil\" rel=\"nofollow noopener\">", "<a href=\"java&#x09;script:x\" rel=\"nofollow noopener\">",
                       "<a href=\"%6Aavascript:x\" rel=\"nofollow noopener\">", "<em title=\"x\">", "<p>a<b>c</p>", "<img src=/x>"] {
            #expect(InertMarkup.problems(in: markup) != [], "\(markup) passed")
        }
        #expect(InertMarkup.problems(in: "<p><a href=\"https://a.example/?q=&amp;\" title=\"t\" rel=\"nofollow noopener\">x</a></p>") == [])
    }
}

/// A small seeded generator, so a failing random case is the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

/// The hostile inputs in Resources/markdown-xss-corpus.txt (its first lines describe the format).
enum MarkdownCorpus {
    static func cases() throws -> [String] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Resources/markdown-xss-corpus.txt")
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
enum InertMarkup {
    static let tags: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre",
                                    "ul", "ol", "li", "blockquote", "a", "img", "br", "hr"]
    static let attributes: [String: Set<String>] = ["a": ["href", "title", "rel"], "img": ["src", "alt", "title"],
                                                    "ol": ["start"]]

    static func problems(in html: String) -> [String] {
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
    static func isAllowed(_ raw: String, image: Bool) -> Bool {
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
