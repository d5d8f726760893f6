import Testing
@testable import Web

@Suite struct MarkdownTests {
    func render(_ source: String, headingOffset: Int = 0) -> String {
        Markdown(headingOffset: headingOffset).render(source).rendered
    }

    @Test func paragraphsAndLineBreaks() {
        #expect(render("one\ntwo\n\nthree") == "<p>one\ntwo</p>\n<p>three</p>\n")
        #expect(render("hard  \nbreak\\\nagain") == "<p>hard<br>\nbreak<br>\nagain</p>\n")
        #expect(render("windows\r\nand\rmac") == "<p>windows\nand\nmac</p>\n")
        #expect(render("  indented \n   continuation   ") == "<p>indented\ncontinuation</p>\n")
        #expect(render("") == "")
        #expect(render("\n\n  \n") == "")
    }

    @Test func headingsStartAtTheLevelThePageChooses() {
        #expect(render("# One\n## Two ##\n###### Six") == "<h1>One</h1>\n<h2>Two</h2>\n<h6>Six</h6>\n")
        #expect(render("# One\n### Three\n#### Four", headingOffset: 2) == "<h3>One</h3>\n<h5>Three</h5>\n<h6>Four</h6>\n")
        #expect(render("Big\n===\nSmall\n---", headingOffset: 1) == "<h2>Big</h2>\n<h3>Small</h3>\n")
        #expect(render("#hashtag and ####### seven") == "<p>#hashtag and ####### seven</p>\n")
        #expect(render("# *Emphasis* in `code` #") == "<h1><em>Emphasis</em> in <code>code</code></h1>\n")
    }

    @Test func emphasisAndStrong() {
        #expect(render("*em* _em_ **strong** __strong__ ***both***")
            == "<p><em>em</em> <em>em</em> <strong>strong</strong> <strong>strong</strong> <em><strong>both</strong></em></p>\n")
        #expect(render("*a **b** c*") == "<p><em>a <strong>b</strong> c</em></p>\n")
        #expect(render("snake_case_name and 2*3*4") == "<p>snake_case_name and 2<em>3</em>4</p>\n")
        #expect(render("*open only and close only*  *") == "<p><em>open only and close only</em>  *</p>\n")
        #expect(render("*foo**bar*") == "<p><em>foo**bar</em></p>\n")
        #expect(render("\\*not\\* **unclosed") == "<p>*not* **unclosed</p>\n")
    }

    @Test func codeSpansAndBlocks() {
        #expect(render("`a < b` and `` x ` y `` and `*no em*`")
            == "<p><code>a &lt; b</code> and <code>x ` y</code> and <code>*no em*</code></p>\n")
        #expect(render("``unclosed` ticks") == "<p>``unclosed` ticks</p>\n")
        #expect(render("```swift\nlet a = \"<b>\"\n\n  indented\n```\nafter")
            == "<pre><code>let a = &quot;&lt;b&gt;&quot;\n\n  indented\n</code></pre>\n<p>after</p>\n")
        #expect(render("~~~\nnever closed\n```") == "<pre><code>never closed\n```\n</code></pre>\n")
        #expect(render("    x <y>\n\n\tz\n\nafter") == "<pre><code>x &lt;y&gt;\n\nz\n</code></pre>\n<p>after</p>\n")
    }

    @Test func listsNestAndNumber() {
        #expect(render("- a\n- b\n  - c\n\n1. x\n2. y")
            == "<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n<ol>\n<li>x</li>\n<li>y</li>\n</ol>\n")
        #expect(render("3) three\n4) four") == "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>\n")
        #expect(render("* a\n\n* b\n\n  more") == "<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n<p>more</p>\n</li>\n</ul>\n")
        #expect(render("- item\nlazy line\n+ other list") == "<ul>\n<li>item\nlazy line</li>\n</ul>\n<ul>\n<li>other list</li>\n</ul>\n")
        #expect(render("- ```\n  code\n  ```") == "<ul>\n<li>\n<pre><code>code\n</code></pre>\n</li>\n</ul>\n")
        #expect(render("Text\n2. not a list\n- a list") == "<p>Text\n2. not a list</p>\n<ul>\n<li>a list</li>\n</ul>\n")
        #expect(render("* * *\n- - -") == "<hr>\n<hr>\n")
    }

    @Test func blockQuotesNestUpToALimit() {
        #expect(render("> a\n> > b\nlazy\n\nout")
            == "<blockquote>\n<p>a</p>\n<blockquote>\n<p>b\nlazy</p>\n</blockquote>\n</blockquote>\n<p>out</p>\n")
        #expect(render("> - one\n>   two\n> ```\n> <b>\n> ```")
            == "<blockquote>\n<ul>\n<li>one\ntwo</li>\n</ul>\n<pre><code>&lt;b&gt;\n</code></pre>\n</blockquote>\n")
        let nested = render(String(repeating: ">", count: 10) + " deep")
        #expect(nested == String(repeating: "<blockquote>\n", count: Markdown.maxNesting)
            + "<p>&gt;&gt; deep</p>\n" + String(repeating: "</blockquote>\n", count: Markdown.maxNesting))
    }

    @Test func linksGetTheirRelAndStayOnAllowedSchemes() {
        #expect(render("[site](https://example.org/a?b=1&c=2 \"The \\\"title\\\"\") and [home](/courses)")
            == "<p><a href=\"https://example.org/a?b=1&amp;c=2\" title=\"The &quot;title&quot;\" rel=\"nofollow noopener\">site</a>"
            + " and <a href=\"/courses\" rel=\"nofollow noopener\">home</a></p>\n")
        #expect(render("[*mail*](MAILTO:ana@example.org) [file](</docs/my file (1).pdf>) [ñ](/año)")
            == "<p><a href=\"MAILTO:ana@example.org\" rel=\"nofollow noopener\"><em>mail</em></a>"
            + " <a href=\"/docs/my%20file%20(1).pdf\" rel=\"nofollow noopener\">file</a>"
            + " <a href=\"/a%C3%B1o\" rel=\"nofollow noopener\">ñ</a></p>\n")
        #expect(render("<https://example.org/x?y=<> and <ana@example.org>")
            == "<p>&lt;https://example.org/x?y=&lt;&gt; and <a href=\"mailto:ana@example.org\" rel=\"nofollow noopener\">ana@example.org</a></p>\n")
        #expect(render("<HTTP://example.org/%zz>") == "<p><a href=\"HTTP://example.org/%25zz\" rel=\"nofollow noopener\">HTTP://example.org/%zz</a></p>\n")
        #expect(render("[a [b](/b) c](/a)") == "<p>[a <a href=\"/b\" rel=\"nofollow noopener\">b</a> c](/a)</p>\n")
    }

    @Test func disallowedDestinationsShowAsText() {
        for source in ["[x](javascript:alert(1))", "[x](//evil.example)", "[x](relative/path)", "[x](#top)",
                       "[x](ftp://example.org)", "[x]()", "<ftp://example.org>", "[x](/\\evil.example)"] {
            let html = render(source)
            #expect(!html.contains("<a"), "\(source) became \(html)")
            #expect(html.hasPrefix("<p>[x]") || html.hasPrefix("<p>&lt;"), "\(source) became \(html)")
        }
        #expect(render("[x](javascript:alert(1))") == "<p>[x](javascript:alert(1))</p>\n")
    }

    @Test func imagesComeOnlyFromTheSite() {
        #expect(render("![A \"cat\" & *dog*](/static/cat.png \"t\")")
            == "<p><img src=\"/static/cat.png\" alt=\"A &quot;cat&quot; &amp; dog\" title=\"t\"></p>\n")
        #expect(render("![logo *x*](https://other.example/l.png)")
            == "<p><a href=\"https://other.example/l.png\" rel=\"nofollow noopener\">logo x</a></p>\n")
        #expect(render("[![badge](https://other.example/b.png)](/page)")
            == "<p><a href=\"/page\" rel=\"nofollow noopener\">badge</a></p>\n")
        #expect(render("[![a](/a.png)](/b)")
            == "<p><a href=\"/b\" rel=\"nofollow noopener\"><img src=\"/a.png\" alt=\"a\"></a></p>\n")
        #expect(render("![x](//evil.example/x.png) ![y](data:image/png;base64,AA)")
            == "<p>![x](//evil.example/x.png) ![y](data:image/png;base64,AA)</p>\n")
    }

    @Test func everythingElseIsText() {
        #expect(render("<b>bold</b> & &amp; | a | b |\n\n[ref]: /x")
            == "<p>&lt;b&gt;bold&lt;/b&gt; &amp; &amp;amp; | a | b |</p>\n<p>[ref]: /x</p>\n")
        #expect(render("a\n\n***\n___") == "<p>a</p>\n<hr>\n<hr>\n")
        #expect(render("l'école \u{0} ok") == "<p>l&#39;école \u{FFFD} ok</p>\n")
    }
}
