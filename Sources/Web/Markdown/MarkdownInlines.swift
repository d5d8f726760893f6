/// A piece of inline content. Ranges point into the text being parsed.
enum InlineToken {
    case text(Range<Int>)
    case code(Range<Int>)
    case delimiter(Int)
    /// A `[` or `![` that did not become a link or an image: literal text.
    case opener(image: Bool)
    case linkStart(Int), linkEnd
    case imageStart(Int), imageEnd(Int)
    case autolink(Int, label: Range<Int>)
    case softBreak, hardBreak
}

/// The inline content of one paragraph or heading, ready to be written.
struct Inlines {
    let text: [UInt8]
    var tokens: [InlineToken] = []
    var delimiters = DelimiterList()
    var targets: [LinkTarget] = []
}

/// Parses inline content in one left-to-right pass, CommonMark style: code spans and autolinks
/// as they come, brackets on a stack resolved at their `]`, emphasis resolved at the end of
/// each link and of the text.
struct InlineParser {
    private let text: [UInt8]
    private var result: Inlines
    private var brackets: [Bracket] = []
    /// `[` openers before this position can no longer become links (links do not nest).
    private var linkBarrier = -1
    private var backticks: BacktickRuns
    private var position = 0
    private var textStart = 0

    private struct Bracket {
        let token: Int
        let position: Int
        let image: Bool
        let delimiterBottom: Int
    }

    static func parse(_ text: [UInt8]) -> Inlines {
        var parser = InlineParser(text)
        parser.run()
        return parser.result
    }

    private init(_ text: [UInt8]) {
        self.text = text
        result = Inlines(text: text)
        backticks = BacktickRuns(text)
    }

    private mutating func run() {
        while position < text.count {
            switch text[position] {
            case Byte.backslash: backslash()
            case Byte.backtick: codeSpan()
            case Byte.star, Byte.underscore: delimiterRun()
            case Byte.leftBracket: openBracket(image: false)
            case Byte.bang where position + 1 < text.count && text[position + 1] == Byte.leftBracket:
                openBracket(image: true)
            case Byte.rightBracket: closeBracket()
            case Byte.less: autolink()
            case Byte.newline: lineBreak()
            default: position += 1
            }
        }
        flushText(upTo: text.count)
        result.delimiters.process(above: -1)
    }

    /// Ends the pending plain text at `end`, adds `token`, and resumes plain text at `next`.
    private mutating func emit(_ token: InlineToken, from end: Int, resumingAt next: Int) {
        flushText(upTo: end)
        result.tokens.append(token)
        position = next
        textStart = next
    }

    private mutating func flushText(upTo end: Int) {
        guard end > textStart else { return }
        result.tokens.append(.text(textStart..<end))
        textStart = end
    }

    private mutating func backslash() {
        guard position + 1 < text.count else {
            position += 1
            return
        }
        let next = text[position + 1]
        if next == Byte.newline {
            emit(.hardBreak, from: position, resumingAt: startOfLine(after: position + 1))
        } else if Byte.isPunctuation(next) {
            // The escaped character starts the next run of plain text.
            flushText(upTo: position)
            textStart = position + 1
            position += 2
        } else {
            position += 1
        }
    }

    private mutating func lineBreak() {
        var end = position
        while end > textStart, text[end - 1] == Byte.space { end -= 1 }
        emit(position - end >= 2 ? .hardBreak : .softBreak, from: end, resumingAt: startOfLine(after: position))
    }

    /// Where the text of the line after the line end at `newline` starts, past its indentation.
    private func startOfLine(after newline: Int) -> Int {
        var start = newline + 1
        while start < text.count, text[start] == Byte.space { start += 1 }
        return start
    }

    private mutating func codeSpan() {
        let length = text[position...].prefix(while: { $0 == Byte.backtick }).count
        guard let closer = backticks.closer(length: length, after: position + length) else {
            position += length
            return
        }
        emit(.code((position + length)..<closer), from: position, resumingAt: closer + length)
    }

    private mutating func delimiterRun() {
        let char = text[position]
        let end = position + text[position...].prefix(while: { $0 == char }).count
        let before = CharacterClass.before(position, in: text)
        let after = CharacterClass.at(end, in: text)
        let leftFlanking = after != .whitespace && (after != .punctuation || before != .other)
        let rightFlanking = before != .whitespace && (before != .punctuation || after != .other)
        let canOpen = leftFlanking && (char == Byte.star || !rightFlanking || before == .punctuation)
        let canClose = rightFlanking && (char == Byte.star || !leftFlanking || after == .punctuation)
        flushText(upTo: position)
        let delimiter = Delimiter(token: result.tokens.count, char: char, length: end - position,
                                  canOpen: canOpen, canClose: canClose)
        emit(.delimiter(result.delimiters.append(delimiter)), from: position, resumingAt: end)
    }

    private mutating func openBracket(image: Bool) {
        flushText(upTo: position)
        brackets.append(Bracket(token: result.tokens.count, position: position, image: image,
                                delimiterBottom: result.delimiters.last))
        emit(.opener(image: image), from: position, resumingAt: position + (image ? 2 : 1))
    }

    private mutating func closeBracket() {
        guard let opener = brackets.last else {
            position += 1
            return
        }
        guard opener.image || opener.position > linkBarrier,
              let (target, end) = LinkSyntax.target(in: text, at: position + 1, image: opener.image) else {
            // Not a link after all: the brackets stay as text.
            brackets.removeLast()
            position += 1
            return
        }
        brackets.removeLast()
        result.delimiters.process(above: opener.delimiterBottom)
        let index = result.targets.count
        result.targets.append(target)
        result.tokens[opener.token] = opener.image ? .imageStart(index) : .linkStart(index)
        if !opener.image { linkBarrier = opener.position }
        emit(opener.image ? .imageEnd(index) : .linkEnd, from: position, resumingAt: end)
    }

    private mutating func autolink() {
        guard let (target, end) = LinkSyntax.autolink(in: text, at: position) else {
            position += 1
            return
        }
        let index = result.targets.count
        result.targets.append(target)
        emit(.autolink(index, label: (position + 1)..<(end - 1)), from: position, resumingAt: end)
    }
}

/// Where each run of backticks starts, by length, so a code span's closer is found without
/// rescanning the text for every opener.
struct BacktickRuns {
    private var starts: [Int: [Int]] = [:]
    private var cursors: [Int: Int] = [:]

    init(_ text: [UInt8]) {
        var index = 0
        while index < text.count {
            guard text[index] == Byte.backtick else {
                index += 1
                continue
            }
            let length = text[index...].prefix(while: { $0 == Byte.backtick }).count
            starts[length, default: []].append(index)
            index += length
        }
    }

    /// The first run of exactly `length` backticks starting at or after `position`. Openers are
    /// asked for in text order, so each length's cursor only moves forward.
    mutating func closer(length: Int, after position: Int) -> Int? {
        guard let runs = starts[length] else { return nil }
        var cursor = cursors[length, default: 0]
        while cursor < runs.count, runs[cursor] < position { cursor += 1 }
        cursors[length] = cursor
        return cursor < runs.count ? runs[cursor] : nil
    }
}

/// What surrounds a delimiter run, which decides whether it can open or close emphasis.
enum CharacterClass {
    case whitespace, punctuation, other

    static func before(_ index: Int, in text: [UInt8]) -> CharacterClass {
        guard index > 0 else { return .whitespace }
        var start = index - 1
        while start > 0, index - start < 4, text[start] & 0xC0 == 0x80 { start -= 1 }
        return of(text[start..<index])
    }

    static func at(_ index: Int, in text: [UInt8]) -> CharacterClass {
        guard index < text.count else { return .whitespace }
        var end = index + 1
        while end < text.count, end - index < 4, text[end] & 0xC0 == 0x80 { end += 1 }
        return of(text[index..<end])
    }

    private static func of(_ bytes: ArraySlice<UInt8>) -> CharacterClass {
        if bytes.count == 1, let byte = bytes.first {
            if byte == Byte.space || (byte >= 0x09 && byte <= 0x0D) { return .whitespace }
            return Byte.isPunctuation(byte) ? .punctuation : .other
        }
        guard let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first else { return .other }
        switch scalar.properties.generalCategory {
        case .spaceSeparator:
            return .whitespace
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return .punctuation
        default:
            return .other
        }
    }
}
