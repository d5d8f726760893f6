import Testing
@testable import Web

@Suite struct HTMLTests {
    @Test func interpolatedTextIsEscaped() {
        let name = "<script>alert('x')</script> & \"friends\""
        let html: HTML = "<p title=\"\(name)\">\(name)</p>"
        #expect(html.rendered == "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;</p>")
        #expect(!html.rendered.contains("<script>"))
    }

    @Test func markupComposesWithoutDoubleEscaping() {
        let inner: HTML = "<em>\("a < b")</em>"
        let outer: HTML = "<p>\(inner)</p>"
        #expect(outer.rendered == "<p><em>a &lt; b</em></p>")
        #expect(([inner, inner] as [HTML]).joined(separator: ", ").rendered == "<em>a &lt; b</em>, <em>a &lt; b</em>")
    }

    @Test func numbersAndOptionalsRender() {
        let missing: HTML? = nil
        let html: HTML = "\(42)\(missing)\(attribute: "checked", when: true)\(attribute: "disabled", when: false)"
        #expect(html.rendered == "42 checked")
    }

    @Test func unicodeIsKept() {
        let html: HTML = "\("São Paulo — ñandú")"
        #expect(html.rendered == "São Paulo — ñandú")
    }
}
