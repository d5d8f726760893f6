/// Renders the safe subset of Markdown that people may write in descriptions and posts:
/// paragraphs, headings, emphasis, code, lists, quotes, links, images from this site and
/// line breaks. Anything else — raw HTML above all — shows as text.
///
/// Links go only to `http`, `https`, `mailto` or a path on this site, always with
/// `rel="nofollow noopener"`; images only from a path on this site. Entities (`&amp;`) are not
/// decoded anywhere, so what the policy checks is exactly what the browser will read.
/// Parsing is linear in the input: container nesting is capped at `maxNesting`, scans for link
/// destinations and code spans never look back, and emphasis follows CommonMark's algorithm
/// with its "openers bottom" bound.
public struct Markdown: Sendable {
    /// Added to every heading level (and capped at 6), so that a writer's `#` sits below the
    /// page's own headings: under a page's `h2`, an offset of 2 makes `#` an `h3`.
    public let headingOffset: Int

    /// Quotes and lists nested deeper than this show their markers as text.
    public static let maxNesting = 8

    public init(headingOffset: Int = 0) {
        self.headingOffset = max(0, min(5, headingOffset))
    }

    public func render(_ source: String) -> HTML {
        let blocks = BlockParser.parse(MarkdownSource.lines(of: source), depth: 0).blocks
        var writer = MarkdownWriter(headingOffset: headingOffset)
        writer.write(blocks)
        // The one place Markdown becomes trusted markup. Every byte in `writer.out` is either a
        // tag MarkdownWriter spelled out itself or user text that went through its `escape`.
        return HTML(unsafeRaw: String(decoding: writer.out, as: UTF8.self))
    }
}
