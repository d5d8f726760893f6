import Testing
@testable import Campus
@testable import Web

/// Highlighted snippets, without a database.
@Suite struct SnippetTests {
    @Test func theTextIsEscapedBeforeTheMarksBecomeTags() {
        let marked = "Plan de \u{1}movilidad\u{2} <script>alert(1)</script> y <mark>falso</mark> & \"más\""
        #expect(Snippet.html(marked).rendered
            == "Plan de <mark>movilidad</mark> &lt;script&gt;alert(1)&lt;/script&gt; y &lt;mark&gt;falso&lt;/mark&gt; &amp; &quot;más&quot;")
    }

    @Test func marksThatDoNotPairUpLeaveNoTagOpen() {
        #expect(Snippet.html("a\u{2}b").rendered == "ab")
        #expect(Snippet.html("\u{1}a\u{1}b\u{2}c\u{2}").rendered == "<mark>ab</mark>c")
        #expect(Snippet.html("a \u{1}b").rendered == "a <mark>b</mark>")
        #expect(Snippet.html("sin marcas <b>").rendered == "sin marcas &lt;b&gt;")
        #expect(Snippet.html("").rendered == "")
    }

    @Test func aSnippetSaysWhetherAnythingMatched() {
        #expect(Snippet.hasMatch("x \u{1}y\u{2}"))
        #expect(!Snippet.hasMatch("x y <mark>z</mark>"))
    }

    @Test func partsOfATextAreMarkedWhateverTheirCase() {
        #expect(Snippet.marking("bulk", in: "Bulk 001 · bulk1@example.org") == "\u{1}Bulk\u{2} 001 · \u{1}bulk\u{2}1@example.org")
        #expect(Snippet.marking("PÁRAMO", in: "Pedro Páramo") == "Pedro \u{1}Páramo\u{2}")
        #expect(Snippet.marking("zzz", in: "Pedro") == "Pedro")
        // Markers in the text itself are dropped first: only the search's own marks remain.
        #expect(Snippet.marking("ana", in: "\u{1}Mariana\u{2}") == "Mari\u{1}ana\u{2}")
        #expect(Snippet.html(Snippet.marking("\u{1}", in: "a\u{1}b")).rendered == "ab")
        // Markup in a name is text, marked like any other.
        #expect(Snippet.html(Snippet.marking("b>", in: "<b>Zoë</b>")).rendered == "&lt;<mark>b&gt;</mark>Zoë&lt;/<mark>b&gt;</mark>")
    }
}
