/// A line of Markdown: a slice of the normalised source, which containers narrow to their content.
typealias MarkdownLine = ArraySlice<UInt8>

/// The ASCII bytes Markdown's syntax is made of.
enum Byte {
    static let newline: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let bang = UInt8(ascii: "!")
    static let quote = UInt8(ascii: "\"")
    static let hash = UInt8(ascii: "#")
    static let percent = UInt8(ascii: "%")
    static let ampersand = UInt8(ascii: "&")
    static let apostrophe = UInt8(ascii: "'")
    static let leftParen = UInt8(ascii: "(")
    static let rightParen = UInt8(ascii: ")")
    static let star = UInt8(ascii: "*")
    static let plus = UInt8(ascii: "+")
    static let dash = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let slash = UInt8(ascii: "/")
    static let less = UInt8(ascii: "<")
    static let equals = UInt8(ascii: "=")
    static let greater = UInt8(ascii: ">")
    static let at = UInt8(ascii: "@")
    static let leftBracket = UInt8(ascii: "[")
    static let backslash = UInt8(ascii: "\\")
    static let rightBracket = UInt8(ascii: "]")
    static let underscore = UInt8(ascii: "_")
    static let backtick = UInt8(ascii: "`")
    static let tilde = UInt8(ascii: "~")
    static let delete: UInt8 = 0x7F

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// The characters a backslash may escape: ASCII punctuation.
    static func isPunctuation(_ byte: UInt8) -> Bool {
        (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40)
            || (byte >= 0x5B && byte <= 0x60) || (byte >= 0x7B && byte <= 0x7E)
    }
}

enum MarkdownSource {
    /// Splits text into lines with tabs expanded (stops every 4 columns) and NUL replaced by
    /// U+FFFD, so every later stage sees spaces and one kind of line end only.
    static func lines(of text: String) -> [MarkdownLine] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(text.utf8.count)
        var bounds: [Range<Int>] = []
        var lineStart = 0, column = 0, afterCarriageReturn = false
        for byte in text.utf8 {
            if afterCarriageReturn {
                afterCarriageReturn = false
                if byte == Byte.newline { continue }
            }
            switch byte {
            case Byte.newline, 0x0D:
                bounds.append(lineStart..<buffer.count)
                lineStart = buffer.count
                column = 0
                afterCarriageReturn = byte == 0x0D
            case 0x09:
                let width = 4 - column % 4
                buffer.append(contentsOf: repeatElement(Byte.space, count: width))
                column += width
            case 0x00:
                buffer.append(contentsOf: [0xEF, 0xBF, 0xBD])
                column += 1
            default:
                buffer.append(byte)
                if byte & 0xC0 != 0x80 { column += 1 }
            }
        }
        if lineStart < buffer.count { bounds.append(lineStart..<buffer.count) }
        return bounds.map { buffer[$0] }
    }
}

extension ArraySlice<UInt8> {
    var indentation: Int { prefix(while: { $0 == Byte.space }).count }
    var isBlank: Bool { allSatisfy { $0 == Byte.space } }

    func droppingSpaces(upTo count: Int) -> Self {
        dropFirst(prefix(count).prefix(while: { $0 == Byte.space }).count)
    }

    var trimmingSpaces: Self {
        var slice = drop(while: { $0 == Byte.space })
        while slice.last == Byte.space { slice.removeLast() }
        return slice
    }

    /// `# Title` to `###### Title`, with the optional closing `#`s removed.
    var atxHeading: (level: Int, text: Self)? {
        guard indentation < 4 else { return nil }
        let marks = dropFirst(indentation).prefix(while: { $0 == Byte.hash }).count
        let rest = dropFirst(indentation + marks)
        guard (1...6).contains(marks), rest.first == nil || rest.first == Byte.space else { return nil }
        let text = rest.trimmingSpaces
        var end = text.endIndex
        while end > text.startIndex, text[end - 1] == Byte.hash { end -= 1 }
        if end == text.startIndex { return (marks, text[end..<end]) }
        if end < text.endIndex, text[end - 1] == Byte.space { return (marks, text[..<end].trimmingSpaces) }
        return (marks, text)
    }

    /// `***`, `---` or `___`, spaces allowed between.
    var isThematicBreak: Bool {
        guard indentation < 4 else { return false }
        var marker: UInt8?, count = 0
        for byte in self where byte != Byte.space {
            guard byte == Byte.star || byte == Byte.dash || byte == Byte.underscore,
                  marker == nil || marker == byte else { return false }
            marker = byte
            count += 1
        }
        return count >= 3
    }

    /// The underline that makes the paragraph above it a heading: `===` (1) or `---` (2).
    var setextLevel: Int? {
        guard indentation < 4 else { return nil }
        let body = trimmingSpaces
        guard let first = body.first, first == Byte.equals || first == Byte.dash,
              body.allSatisfy({ $0 == first }) else { return nil }
        return first == Byte.equals ? 1 : 2
    }

    /// What follows a block quote's `>` (and the one space after it).
    var quoteContent: Self? {
        guard indentation < 4 else { return nil }
        let rest = dropFirst(indentation)
        guard rest.first == Byte.greater else { return nil }
        let content = rest.dropFirst()
        return content.first == Byte.space ? content.dropFirst() : content
    }

    var listMarker: ListMarker? { ListMarker(self) }
}

/// The start of a list item: `-`, `+`, `*`, or a number followed by `.` or `)`.
struct ListMarker {
    let ordered: Bool
    let symbol: UInt8
    let start: Int
    /// Where the item's content starts; its continuation lines are indented this far.
    let contentIndent: Int
    let content: MarkdownLine

    var isEmpty: Bool { content.isBlank }

    func continues(_ list: ListMarker) -> Bool { ordered == list.ordered && symbol == list.symbol }

    init?(_ line: MarkdownLine) {
        let indent = line.indentation
        guard indent < 4, !line.isThematicBreak else { return nil }
        var rest = line.dropFirst(indent)
        guard let first = rest.first else { return nil }
        if first == Byte.dash || first == Byte.plus || first == Byte.star {
            (ordered, symbol, start) = (false, first, 1)
            rest = rest.dropFirst()
        } else {
            let digits = rest.prefix(while: Byte.isDigit)
            guard (1...9).contains(digits.count) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let delimiter = rest.first, delimiter == Byte.dot || delimiter == Byte.rightParen else { return nil }
            (ordered, symbol) = (true, delimiter)
            start = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            rest = rest.dropFirst()
        }
        let markerEnd = rest.startIndex - line.startIndex
        let spaces = rest.indentation
        if rest.isBlank {
            (contentIndent, content) = (markerEnd + 1, rest[rest.endIndex...])
        } else if spaces == 0 {
            return nil
        } else if spaces > 4 {
            // Content indented this far is a code block inside the item, one space after the marker.
            (contentIndent, content) = (markerEnd + 1, rest.dropFirst())
        } else {
            (contentIndent, content) = (markerEnd + spaces, rest.dropFirst(spaces))
        }
    }
}

/// A line of three or more backticks or tildes that opens a code block.
struct Fence {
    let marker: UInt8
    let length: Int
    let indent: Int

    init?(opening line: MarkdownLine) {
        indent = line.indentation
        guard indent < 4, let first = line.dropFirst(indent).first,
              first == Byte.backtick || first == Byte.tilde else { return nil }
        marker = first
        length = line.dropFirst(indent).prefix(while: { $0 == first }).count
        guard length >= 3 else { return nil }
        // A backtick in the info string means the line is inline code, not a fence.
        if marker == Byte.backtick, line.dropFirst(indent + length).contains(Byte.backtick) { return nil }
    }

    func isClosed(by line: MarkdownLine) -> Bool {
        guard line.indentation < 4 else { return false }
        let rest = line.dropFirst(line.indentation)
        let run = rest.prefix(while: { $0 == marker }).count
        return run >= length && rest.dropFirst(run).isBlank
    }
}
