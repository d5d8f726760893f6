/// Markup that is safe to send: literal template text is trusted, every interpolated
/// `String` is escaped, and raw markup needs the visibly unsafe `HTML(unsafeRaw:)`.
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var rendered: String

    public init() { rendered = "" }

    /// Markup from a trusted source (the page shell, the Markdown renderer). Never user text.
    public init(unsafeRaw: String) { rendered = unsafeRaw }

    public init(stringLiteral value: String) { rendered = value }

    public init(stringInterpolation: Interpolation) { rendered = stringInterpolation.output }

    public var description: String { rendered }
    public var isEmpty: Bool { rendered.isEmpty }

    public static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(unsafeRaw: lhs.rendered + rhs.rendered) }
    public static func += (lhs: inout HTML, rhs: HTML) { lhs.rendered += rhs.rendered }

    /// Escaped text, for the rare place that builds markup outside a template literal.
    public static func text(_ string: String) -> HTML { HTML(unsafeRaw: escape(string)) }

    public struct Interpolation: StringInterpolationProtocol {
        var output = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            output.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) { output += literal }
        public mutating func appendInterpolation(_ text: String) { HTML.escape(text, into: &output) }
        public mutating func appendInterpolation(_ text: Substring) { HTML.escape(String(text), into: &output) }
        public mutating func appendInterpolation(_ number: Int) { output += String(number) }
        public mutating func appendInterpolation(_ number: Int64) { output += String(number) }
        public mutating func appendInterpolation(_ html: HTML) { output += html.rendered }
        public mutating func appendInterpolation(_ html: HTML?) { if let html { output += html.rendered } }
        public mutating func appendInterpolation(_ items: [HTML]) { for item in items { output += item.rendered } }
        /// `\(attr: "checked", when: flag)` writes a bare attribute only when it applies.
        public mutating func appendInterpolation(attribute name: StaticString, when condition: Bool) {
            if condition { output += " \(name)" }
        }
    }

    public static func escape(_ string: String) -> String {
        var out = ""
        escape(string, into: &out)
        return out
    }

    static func escape(_ string: String, into out: inout String) {
        // Fast path: most text has nothing to escape.
        if !string.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) {
            out += string
            return
        }
        out.reserveCapacity(out.utf8.count + string.utf8.count + 16)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}

extension Array where Element == HTML {
    public func joined(separator: HTML = "") -> HTML {
        var out = HTML()
        for (index, item) in enumerated() {
            if index > 0 { out += separator }
            out += item
        }
        return out
    }
}
