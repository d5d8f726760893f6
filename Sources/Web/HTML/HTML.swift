/// Markup that is safe to send: literal template text is trusted, every interpolated
/// `String` is escaped, and raw markup needs the visibly unsafe `HTML(unsafeRaw:)`.
///
/// The markup is kept as UTF-8 bytes, the form the response body needs: literals are
/// copied in as they are, text is escaped byte by byte on its way in, and a nested part
/// joins its parent as one copy of bytes — nothing is rendered into a `String` and
/// decoded again on the way out.
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public fileprivate(set) var bytes: [UInt8]

    public init() { bytes = [] }

    /// Markup from a trusted source (the page shell, the Markdown renderer). Never user text.
    public init(unsafeRaw: String) { bytes = Array(unsafeRaw.utf8) }

    /// Markup already in bytes from a trusted source (the Markdown renderer).
    public init(unsafeRawBytes: [UInt8]) { bytes = unsafeRawBytes }

    /// Literal markup arrives as a `StaticString`: its bytes are in the binary, copied
    /// straight in, with no `String` to check or retain.
    public init(stringLiteral value: StaticString) {
        bytes = []
        HTML.append(value, to: &bytes)
    }

    public init(stringInterpolation: Interpolation) { bytes = stringInterpolation.bytes }

    /// The markup as text, for tests and the rare caller that needs a `String`.
    public var rendered: String { String(decoding: bytes, as: UTF8.self) }
    public var description: String { rendered }
    public var isEmpty: Bool { bytes.isEmpty }

    public static func + (lhs: HTML, rhs: HTML) -> HTML {
        var out = lhs
        out.bytes.append(contentsOf: rhs.bytes)
        return out
    }

    public static func += (lhs: inout HTML, rhs: HTML) { lhs.bytes.append(contentsOf: rhs.bytes) }

    /// Escaped text, for the rare place that builds markup outside a template literal.
    public static func text(_ string: String) -> HTML {
        var out = HTML()
        escape(string, into: &out.bytes)
        return out
    }

    /// Appends escaped text: for loops that build markup piece by piece.
    public mutating func append(text: String) { HTML.escape(text, into: &bytes) }

    /// Appends literal markup, a number or other markup: for pages that write many rows
    /// into one buffer without a value (and an allocation) per piece.
    public mutating func append(_ literal: StaticString) { HTML.append(literal, to: &bytes) }
    public mutating func append(number: Int64) { HTML.appendDecimal(number, to: &bytes) }
    public mutating func append(html: HTML) { bytes.append(contentsOf: html.bytes) }
    public mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }
    /// A record's link by a one-parameter route, escaped as any text.
    public mutating func append(path pattern: RoutePattern, _ number: Int64) { pattern.append(number, to: &bytes) }

    public struct Interpolation: StringInterpolationProtocol {
        var bytes: [UInt8] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            bytes.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        public mutating func appendLiteral(_ literal: StaticString) { HTML.append(literal, to: &bytes) }
        public mutating func appendInterpolation(_ text: String) { HTML.escape(text, into: &bytes) }
        public mutating func appendInterpolation(_ text: Substring) { HTML.escape(text, into: &bytes) }
        public mutating func appendInterpolation(_ number: Int) { HTML.appendDecimal(Int64(number), to: &bytes) }
        public mutating func appendInterpolation(_ number: Int64) { HTML.appendDecimal(number, to: &bytes) }
        public mutating func appendInterpolation(_ html: HTML) { bytes.append(contentsOf: html.bytes) }
        public mutating func appendInterpolation(_ html: HTML?) { if let html { bytes.append(contentsOf: html.bytes) } }
        public mutating func appendInterpolation(_ items: [HTML]) {
            bytes.reserveCapacity(bytes.count + items.reduce(0) { $0 + $1.bytes.count })
            for item in items { bytes.append(contentsOf: item.bytes) }
        }
        /// `\(attr: "checked", when: flag)` writes a bare attribute only when it applies.
        public mutating func appendInterpolation(attribute name: StaticString, when condition: Bool) {
            guard condition else { return }
            bytes.append(0x20)
            name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }
    }

    public static func escape(_ string: String) -> String {
        var out: [UInt8] = []
        escape(string, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Template literals as they are.
    @inline(__always)
    static func append(_ literal: StaticString, to out: inout [UInt8]) {
        literal.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    static func escape(_ string: String, into out: inout [UInt8]) {
        var string = string
        string.withUTF8 { escape($0, into: &out) }
    }

    static func escape(_ string: Substring, into out: inout [UInt8]) {
        var string = string
        string.withUTF8 { escape($0, into: &out) }
    }

    /// Escapes `& < > " '`. Those are ASCII, and in UTF-8 no byte of a multi-byte
    /// character is below 0x80, so working on bytes never splits a character. Runs
    /// without special bytes are copied whole.
    static func escape(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var runStart = 0
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            // One comparison rejects every byte above '>' (letters, digits, UTF-8).
            if byte <= 0x3E, let entity = entity(for: byte) {
                if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index])) }
                entity.withUTF8Buffer { out.append(contentsOf: $0) }
                runStart = index + 1
            }
            index += 1
        }
        if runStart < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<count])) }
    }

    @inline(__always)
    private static func entity(for byte: UInt8) -> StaticString? {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22: "&quot;"
        case 0x27: "&#39;"
        default: nil
        }
    }

    /// Digits straight into the buffer, without a temporary string.
    static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }
}

extension Array where Element == HTML {
    public func joined(separator: HTML = "") -> HTML {
        var out = HTML()
        out.bytes.reserveCapacity(reduce(0) { $0 + $1.bytes.count } + Swift.max(0, count - 1) * separator.bytes.count)
        for (index, item) in enumerated() {
            if index > 0 { out += separator }
            out += item
        }
        return out
    }
}
