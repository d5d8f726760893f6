import Foundation
import Testing
import TestSupport
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
