/// The block structure of a Markdown text.
enum Block {
    case paragraph([MarkdownLine])
    case heading(level: Int, lines: [MarkdownLine])
    case code([MarkdownLine])
    case quote([Block])
    case list(MarkdownList)
    case rule
}

/// A list and the blocks of each of its items.
struct MarkdownList {
    let ordered: Bool
    let start: Int
    /// A loose list wraps each item's paragraphs in `<p>`.
    let loose: Bool
    let items: [[Block]]
}

/// Parses the lines of one container (the document, a quote, a list item). A container's
/// children get their own parser over the lines with the container's markers removed, one
/// level deeper; at `Markdown.maxNesting` quote and list markers are no longer recognised.
struct BlockParser {
    private let lines: [MarkdownLine]
    private let depth: Int
    private var index = 0
    private var blocks: [Block] = []
    /// Whether a blank line separates two of the blocks, which makes a list item loose.
    private var blankBetweenBlocks = false

    private var canNest: Bool { depth < Markdown.maxNesting }

    static func parse(_ lines: [MarkdownLine], depth: Int) -> (blocks: [Block], loose: Bool) {
        var parser = BlockParser(lines: lines, depth: depth)
        parser.run()
        return (parser.blocks, parser.blankBetweenBlocks)
    }

    private init(lines: [MarkdownLine], depth: Int) {
        self.lines = lines
        self.depth = depth
    }

    private mutating func run() {
        var afterBlank = false
        while index < lines.count {
            if lines[index].isBlank {
                afterBlank = true
                index += 1
                continue
            }
            if afterBlank && !blocks.isEmpty { blankBetweenBlocks = true }
            afterBlank = false
            blocks.append(nextBlock(lines[index]))
        }
    }

    private mutating func nextBlock(_ line: MarkdownLine) -> Block {
        if line.indentation >= 4 { return indentedCode() }
        if let fence = Fence(opening: line) { return fencedCode(fence) }
        if let heading = line.atxHeading {
            index += 1
            return .heading(level: heading.level, lines: [heading.text])
        }
        if line.isThematicBreak {
            index += 1
            return .rule
        }
        if canNest, line.quoteContent != nil { return quote() }
        if canNest, let marker = line.listMarker { return list(marker) }
        return paragraph()
    }

    private mutating func paragraph() -> Block {
        var text = [lines[index]]
        index += 1
        while index < lines.count, !lines[index].isBlank {
            if let level = lines[index].setextLevel {
                index += 1
                return .heading(level: level, lines: text)
            }
            if interruptsParagraph(lines[index]) { break }
            text.append(lines[index])
            index += 1
        }
        return .paragraph(text)
    }

    /// Whether a line opens a block other than a paragraph or indented code.
    private func startsBlock(_ line: MarkdownLine) -> Bool {
        guard line.indentation < 4 else { return false }
        if Fence(opening: line) != nil || line.atxHeading != nil || line.isThematicBreak { return true }
        return canNest && (line.quoteContent != nil || line.listMarker != nil)
    }

    /// Whether a line starts a new block even right after a paragraph's text: a list only
    /// does when its first item has content and, if numbered, starts at 1.
    private func interruptsParagraph(_ line: MarkdownLine) -> Bool {
        guard startsBlock(line) else { return false }
        guard canNest, let marker = line.listMarker else { return true }
        return !marker.isEmpty && (!marker.ordered || marker.start == 1)
    }

    private mutating func indentedCode() -> Block {
        var code: [MarkdownLine] = []
        while index < lines.count, lines[index].isBlank || lines[index].indentation >= 4 {
            code.append(lines[index].droppingSpaces(upTo: 4))
            index += 1
        }
        // Blank lines after the code separate it from what follows; they are not code.
        while let last = code.last, last.isBlank {
            code.removeLast()
            index -= 1
        }
        return .code(code)
    }

    private mutating func fencedCode(_ fence: Fence) -> Block {
        index += 1
        var code: [MarkdownLine] = []
        while index < lines.count {
            let line = lines[index]
            index += 1
            if fence.isClosed(by: line) { break }
            code.append(line.droppingSpaces(upTo: fence.indent))
        }
        return .code(code)
    }

    private mutating func quote() -> Block {
        let inner = containerLines(after: nil) { $0.quoteContent }
        return .quote(BlockParser.parse(inner, depth: depth + 1).blocks)
    }

    private mutating func list(_ first: ListMarker) -> Block {
        var items: [[Block]] = []
        var loose = false
        var marker = first
        while true {
            let item = BlockParser.parse(itemLines(marker), depth: depth + 1)
            items.append(item.blocks)
            loose = loose || item.loose
            var next = index
            while next < lines.count, lines[next].isBlank { next += 1 }
            guard next < lines.count, let following = lines[next].listMarker, following.continues(first) else { break }
            if next > index { loose = true }
            index = next
            marker = following
        }
        return .list(MarkdownList(ordered: first.ordered, start: first.start, loose: loose, items: items))
    }

    /// The lines of the list item starting at `index`, with its indentation removed. Leaves
    /// `index` after the item's last non-blank line, so blank lines after it are seen by the list.
    private mutating func itemLines(_ marker: ListMarker) -> [MarkdownLine] {
        index += 1
        // An item may begin with one blank line, not two.
        if marker.isEmpty, index < lines.count, lines[index].isBlank { return [marker.content] }
        var item = containerLines(after: marker.content) { line in
            line.isBlank || line.indentation >= marker.contentIndent
                ? line.droppingSpaces(upTo: marker.contentIndent) : nil
        }
        while item.count > 1, item[item.count - 1].isBlank {
            item.removeLast()
            index -= 1
        }
        return item
    }

    /// A container's lines from `index` on: those `content` recognises as its own, returned
    /// without the container's marker or indentation, and lazy continuations of a paragraph.
    private mutating func containerLines(
        after first: MarkdownLine?, content: (MarkdownLine) -> MarkdownLine?
    ) -> [MarkdownLine] {
        var inner: [MarkdownLine] = []
        var fence = OpenFence()
        var lazy = false
        if let first {
            inner.append(first)
            fence.note(first)
        }
        while index < lines.count {
            let line = lines[index]
            if let own = content(line) {
                inner.append(own)
                fence.note(own)
                lazy = false
            } else if !fence.isOpen, continuesLazily(line, after: inner.last, lazily: lazy) {
                inner.append(line)
                lazy = true
            } else {
                break
            }
            index += 1
        }
        return inner
    }

    /// Whether a line without a container's marker still continues the paragraph that ends the
    /// container ("lazy continuation"): `> quoted` then `more` keeps `more` inside the quote.
    /// `lazily` says the previous line was such a continuation already.
    private func continuesLazily(_ line: MarkdownLine, after previous: MarkdownLine?, lazily: Bool) -> Bool {
        // Anything that would open a block out here does so; an underline cannot make a heading
        // of text it is not beside, so it ends the container too.
        guard var previous, !previous.isBlank, !line.isBlank, line.setextLevel == nil, !startsBlock(line) else {
            return false
        }
        if lazily { return true }
        for _ in 0..<Markdown.maxNesting {
            if let content = previous.quoteContent {
                previous = content
            } else if let marker = previous.listMarker {
                previous = marker.content
            } else {
                break
            }
        }
        return !previous.isBlank && previous.indentation < 4 && previous.atxHeading == nil
            && !previous.isThematicBreak && Fence(opening: previous) == nil
    }
}

/// Follows fences through a container's lines, because a line that does not belong to the
/// container cannot continue a code block lazily the way it continues a paragraph.
private struct OpenFence {
    private var fence: Fence?
    var isOpen: Bool { fence != nil }

    mutating func note(_ line: MarkdownLine) {
        if let open = fence {
            if open.isClosed(by: line) { fence = nil }
        } else {
            fence = Fence(opening: line)
        }
    }
}
