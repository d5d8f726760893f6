/// Where a link or image may point. Anything not accepted here is not a link: its Markdown
/// shows as text.
enum LinkPolicy {
    enum Place { case site, elsewhere }

    /// `/path` on this site, or an `http://`, `https://` or `mailto:` address — checked on the
    /// exact bytes the browser will read, since entities are not decoded and backslash escapes
    /// are already resolved. Control characters, spaces before the scheme and backslashes are
    /// refused outright because browsers drop or rewrite them before parsing (`java\tscript:`,
    /// `/\evil.example`); so is `//`, which leaves the site.
    static func place(of url: [UInt8]) -> Place? {
        guard let first = url.first,
              !url.contains(where: { $0 < Byte.space || $0 == Byte.delete || $0 == Byte.backslash }) else { return nil }
        if first == Byte.slash { return url.count > 1 && url[1] == Byte.slash ? nil : .site }
        for scheme in ["http://", "https://", "mailto:"] where hasPrefix(url, scheme) { return .elsewhere }
        return nil
    }

    private static func hasPrefix(_ url: [UInt8], _ prefix: String) -> Bool {
        url.count >= prefix.utf8.count
            && zip(url, prefix.utf8).allSatisfy { (Byte.isLetter($0) ? $0 | 0x20 : $0) == $1 }
    }

    /// Percent-encodes what a URL may not carry as is (spaces, quotes, angle brackets, non-ASCII,
    /// a `%` that starts no escape); HTML escaping still follows when it is written out.
    static func encoded(_ url: [UInt8]) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(url.count)
        for (offset, byte) in url.enumerated() {
            let strayPercent = byte == Byte.percent
                && !(offset + 2 < url.count && isHex(url[offset + 1]) && isHex(url[offset + 2]))
            if byte <= Byte.space || byte >= Byte.delete || byte == Byte.quote || byte == Byte.less
                || byte == Byte.greater || byte == Byte.backtick || strayPercent {
                out += [Byte.percent, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            } else {
                out.append(byte)
            }
        }
        return out
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        Byte.isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66)
    }
}

/// A link's or image's target, ready to be written: an encoded URL and an optional title.
struct LinkTarget {
    enum Kind {
        case link
        case image
        /// An image from another site: shown as a link to it, with the description as text.
        case imageElsewhere
    }

    let kind: Kind
    let url: [UInt8]
    let title: [UInt8]?
}

/// The syntax after a link's closing bracket, `(destination "title")`, and autolinks `<…>`.
/// Every scan stops at a bounded length or at a character that cannot occur inside, so that
/// no position of the text is read more than a few times whatever the input.
enum LinkSyntax {
    static let maxDestination = 2048
    static let maxTitle = 1024
    static let maxParentheses = 32

    static func target(in text: [UInt8], at start: Int, image: Bool) -> (target: LinkTarget, end: Int)? {
        guard start < text.count, text[start] == Byte.leftParen else { return nil }
        var index = skipWhitespace(text, start + 1)
        guard let (destination, afterDestination) = destination(text, index) else { return nil }
        index = skipWhitespace(text, afterDestination)
        var title: [UInt8]?
        if index > afterDestination, let (parsed, afterTitle) = self.title(text, index) {
            title = parsed
            index = skipWhitespace(text, afterTitle)
        }
        guard index < text.count, text[index] == Byte.rightParen, let place = LinkPolicy.place(of: destination) else {
            return nil
        }
        let kind: LinkTarget.Kind = !image ? .link : place == .site ? .image : .imageElsewhere
        return (LinkTarget(kind: kind, url: LinkPolicy.encoded(destination), title: title), index + 1)
    }

    /// `<https://…>`, `<mailto:…>` or `<someone@example.org>`.
    static func autolink(in text: [UInt8], at start: Int) -> (target: LinkTarget, end: Int)? {
        var end = start + 1
        while end < text.count, text[end] != Byte.greater {
            let byte = text[end]
            if byte <= Byte.space || byte == Byte.delete || byte == Byte.less { return nil }
            end += 1
        }
        guard end < text.count else { return nil }
        var url = Array(text[(start + 1)..<end])
        if isEmailAddress(url) {
            url = Array("mailto:".utf8) + url
        } else if LinkPolicy.place(of: url) != .elsewhere {
            return nil
        }
        return (LinkTarget(kind: .link, url: LinkPolicy.encoded(url), title: nil), end + 1)
    }

    private static func skipWhitespace(_ text: [UInt8], _ start: Int) -> Int {
        var index = start
        while index < text.count, text[index] == Byte.space || text[index] == Byte.newline { index += 1 }
        return index
    }

    private static func destination(_ text: [UInt8], _ start: Int) -> ([UInt8], Int)? {
        if start < text.count, text[start] == Byte.less {
            return delimited(text, start, closing: Byte.greater, limit: maxDestination, refusing: [Byte.less, Byte.newline])
        }
        var out: [UInt8] = []
        var index = start, depth = 0
        while index < text.count, index - start < maxDestination {
            let byte = text[index]
            if byte <= Byte.space || byte == Byte.delete { break }
            if byte == Byte.backslash, index + 1 < text.count, Byte.isPunctuation(text[index + 1]) {
                out.append(text[index + 1])
                index += 2
                continue
            }
            if byte == Byte.leftParen {
                depth += 1
                if depth > maxParentheses { return nil }
            } else if byte == Byte.rightParen {
                if depth == 0 { break }
                depth -= 1
            }
            out.append(byte)
            index += 1
        }
        guard depth == 0, index - start < maxDestination else { return nil }
        return (out, index)
    }

    private static func title(_ text: [UInt8], _ start: Int) -> ([UInt8], Int)? {
        switch text[start] {
        case Byte.quote, Byte.apostrophe:
            return delimited(text, start, closing: text[start], limit: maxTitle, refusing: [])
        case Byte.leftParen:
            return delimited(text, start, closing: Byte.rightParen, limit: maxTitle, refusing: [Byte.leftParen])
        default:
            return nil
        }
    }

    /// The text between `text[start]` and `closing`, with backslash escapes resolved.
    private static func delimited(
        _ text: [UInt8], _ start: Int, closing: UInt8, limit: Int, refusing: [UInt8]
    ) -> ([UInt8], Int)? {
        var out: [UInt8] = []
        var index = start + 1
        while index < text.count, index - start <= limit {
            let byte = text[index]
            if byte == closing { return (out, index + 1) }
            if refusing.contains(byte) { return nil }
            if byte == Byte.backslash, index + 1 < text.count, Byte.isPunctuation(text[index + 1]) {
                out.append(text[index + 1])
                index += 2
            } else {
                out.append(byte)
                index += 1
            }
        }
        return nil
    }

    /// The address part of HTML's `type=email` pattern, which CommonMark uses for autolinks.
    private static func isEmailAddress(_ bytes: [UInt8]) -> Bool {
        guard let at = bytes.firstIndex(of: Byte.at), at > 0 else { return false }
        let localSymbols = Array(".!#$%&'*+/=?^_`{|}~-".utf8)
        guard bytes[..<at].allSatisfy({ Byte.isLetter($0) || Byte.isDigit($0) || localSymbols.contains($0) }) else {
            return false
        }
        let labels = bytes[(at + 1)...].split(separator: Byte.dot, omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != Byte.dash && label.last != Byte.dash
                && label.allSatisfy { Byte.isLetter($0) || Byte.isDigit($0) || $0 == Byte.dash }
        }
    }
}
