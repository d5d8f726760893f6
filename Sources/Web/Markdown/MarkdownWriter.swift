/// Writes parsed Markdown as markup. Tags and attribute names only ever come from the
/// `StaticString`s spelled out in this file; text, URLs, titles and descriptions from the input
/// only ever leave through `escape`, so nothing in the input can add markup of its own.
struct MarkdownWriter {
    let headingOffset: Int
    private(set) var out: [UInt8] = []

    init(headingOffset: Int) {
        self.headingOffset = headingOffset
    }

    mutating func write(_ blocks: [Block], tight: Bool = false) {
        for block in blocks { write(block, tight: tight) }
    }

    private mutating func write(_ block: Block, tight: Bool) {
        switch block {
        case .paragraph(let lines) where tight:
            inline(lines)
        case .paragraph(let lines):
            startBlock("<p>")
            inline(lines)
            markup("</p>\n")
        case .heading(let level, let lines):
            let shown = min(6, level + headingOffset)
            startBlock("<h")
            number(shown)
            markup(">")
            inline(lines)
            markup("</h")
            number(shown)
            markup(">\n")
        case .code(let lines):
            startBlock("<pre><code>")
            for line in lines {
                escape(line)
                out.append(Byte.newline)
            }
            markup("</code></pre>\n")
        case .quote(let blocks):
            startBlock("<blockquote>\n")
            write(blocks)
            startBlock("</blockquote>\n")
        case .list(let list):
            write(list)
        case .rule:
            startBlock("<hr>\n")
        }
    }

    private mutating func write(_ list: MarkdownList) {
        if !list.ordered {
            startBlock("<ul>\n")
        } else if list.start == 1 {
            startBlock("<ol>\n")
        } else {
            startBlock("<ol start=\"")
            number(list.start)
            markup("\">\n")
        }
        for item in list.items {
            startBlock("<li>")
            write(item, tight: !list.loose)
            markup("</li>\n")
        }
        startBlock(list.ordered ? "</ol>\n" : "</ul>\n")
    }

    private mutating func inline(_ lines: [MarkdownLine]) {
        // Continuation lines keep their leading spaces here: a code span spanning lines keeps
        // them too, and the inline parser drops them after each line break.
        var text = Array(lines.first?.drop(while: { $0 == Byte.space }) ?? [])
        for line in lines.dropFirst() {
            text.append(Byte.newline)
            text.append(contentsOf: line)
        }
        while text.last == Byte.space { text.removeLast() }
        write(InlineParser.parse(text))
    }

    private mutating func write(_ inlines: Inlines) {
        // Inside an image's description only text is written: it becomes the alt attribute.
        var descriptionDepth = 0
        var linkDepth = 0
        for token in inlines.tokens {
            let plain = descriptionDepth > 0
            switch token {
            case .text(let range):
                escape(inlines.text[range])
            case .code(let range):
                if !plain { markup("<code>") }
                escape(Self.codeContent(inlines.text[range]))
                if !plain { markup("</code>") }
            case .delimiter(let index):
                emphasis(inlines.delimiters[index], plain: plain)
            case .opener(let image):
                markup(image ? "![" : "[")
            case .linkStart(let index) where !plain:
                linkDepth += 1
                openLink(inlines.targets[index])
            case .linkEnd where !plain:
                linkDepth -= 1
                markup("</a>")
            case .linkStart, .linkEnd:
                break
            case .imageStart(let index):
                descriptionDepth += 1
                if descriptionDepth == 1 { openImage(inlines.targets[index], insideLink: linkDepth > 0) }
            case .imageEnd(let index):
                descriptionDepth -= 1
                if descriptionDepth == 0 { closeImage(inlines.targets[index], insideLink: linkDepth > 0) }
            case .autolink(let index, let label):
                autolink(inlines.targets[index], label: inlines.text[label], bare: plain || linkDepth > 0)
            case .softBreak:
                out.append(Byte.newline)
            case .hardBreak:
                if plain { out.append(Byte.newline) } else { markup("<br>\n") }
            }
        }
    }

    private mutating func emphasis(_ delimiter: Delimiter, plain: Bool) {
        if !plain {
            for strong in delimiter.closed { markup(strong ? "</strong>" : "</em>") }
        }
        out.append(contentsOf: repeatElement(delimiter.char, count: delimiter.remaining))
        if !plain {
            for strong in delimiter.opened.reversed() { markup(strong ? "<strong>" : "<em>") }
        }
    }

    private mutating func openLink(_ target: LinkTarget) {
        markup("<a href=\"")
        escape(target.url[...])
        markup("\"")
        title(target)
        markup(" rel=\"nofollow noopener\">")
    }

    /// Links cannot nest, so an autolink inside a link (or an image's description) is its text.
    private mutating func autolink(_ target: LinkTarget, label: ArraySlice<UInt8>, bare: Bool) {
        if !bare { openLink(target) }
        escape(label)
        if !bare { markup("</a>") }
    }

    private mutating func openImage(_ target: LinkTarget, insideLink: Bool) {
        switch target.kind {
        case .image:
            markup("<img src=\"")
            escape(target.url[...])
            markup("\" alt=\"")
        case .imageElsewhere where !insideLink:
            openLink(target)
        case .imageElsewhere, .link:
            break
        }
    }

    private mutating func closeImage(_ target: LinkTarget, insideLink: Bool) {
        switch target.kind {
        case .image:
            markup("\"")
            title(target)
            markup(">")
        case .imageElsewhere where !insideLink:
            markup("</a>")
        case .imageElsewhere, .link:
            break
        }
    }

    private mutating func title(_ target: LinkTarget) {
        guard let title = target.title else { return }
        markup(" title=\"")
        escape(title[...])
        markup("\"")
    }

    /// A code span's content: line ends become spaces, and one space is taken off each end when
    /// both have one, so that `` ` `` `` can show a backtick.
    private static func codeContent(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let content = bytes.map { $0 == Byte.newline ? Byte.space : $0 }
        guard content.count >= 2, content.first == Byte.space, content.last == Byte.space,
              content.contains(where: { $0 != Byte.space }) else { return content }
        return Array(content.dropFirst().dropLast())
    }

    private mutating func escape(_ bytes: [UInt8]) { escape(bytes[...]) }

    private mutating func escape(_ bytes: ArraySlice<UInt8>) {
        for byte in bytes {
            switch byte {
            case Byte.ampersand: markup("&amp;")
            case Byte.less: markup("&lt;")
            case Byte.greater: markup("&gt;")
            case Byte.quote: markup("&quot;")
            case Byte.apostrophe: markup("&#39;")
            default: out.append(byte)
            }
        }
    }

    private mutating func markup(_ fixed: StaticString) {
        fixed.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Markup that starts on a line of its own.
    private mutating func startBlock(_ fixed: StaticString) {
        if let last = out.last, last != Byte.newline { out.append(Byte.newline) }
        markup(fixed)
    }

    private mutating func number(_ value: Int) {
        out.append(contentsOf: String(value).utf8)
    }
}
