import Foundation

/// Message catalogs, one file per language (`locales/es.properties`…), loaded once at start-up.
///
/// The format is for translators: `key = value` lines, `#` comments, `{name}`
/// placeholders, `\n` for a line break. Plural forms are `key.one` / `key.other`.
public struct MessageCatalog: Sendable {
    public let messages: [Language: [String: String]]

    public init(messages: [Language: [String: String]]) { self.messages = messages }

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(String)
        case malformed(file: String, line: Int)

        public var description: String {
            switch self {
            case .unreadable(let path): "cannot read message catalog \(path)"
            case .malformed(let file, let line): "\(file):\(line): expected `key = value`"
            }
        }
    }

    public static func load(directory: String) throws -> MessageCatalog {
        var messages: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let path = "\(directory)/\(language.rawValue).properties"
            guard let data = FileManager.default.contents(atPath: path) else { throw LoadError.unreadable(path) }
            messages[language] = try parse(String(decoding: data, as: UTF8.self), file: path)
        }
        return MessageCatalog(messages: messages)
    }

    public static func parse(_ text: String, file: String = "catalog") throws -> [String: String] {
        var entries: [String: String] = [:]
        for (number, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else { throw LoadError.malformed(file: file, line: number + 1) }
            let key = line[..<equals].trimmingWhitespace()
            let value = line[line.index(after: equals)...].trimmingWhitespace()
            guard !key.isEmpty else { throw LoadError.malformed(file: file, line: number + 1) }
            entries[key] = value.replacingOccurrences(of: "\\n", with: "\n")
        }
        return entries
    }

    public func localizer(_ language: Language) -> Localizer {
        Localizer(language: language, messages: messages[language] ?? [:], fallback: language == .fallback ? [:] : messages[.fallback] ?? [:])
    }
}

/// One catalog message, split at its `{name}` placeholders when the catalog is loaded,
/// so filling it in on a request is a walk over ready pieces. A `{` without its `}`, or
/// with a name that holds anything but letters, digits and `_`, is plain text.
public struct MessageTemplate: Sendable {
    enum Piece: Sendable {
        case text(String)
        case placeholder(String)
    }

    /// The message as written in the catalog.
    public let text: String
    let pieces: [Piece]

    public init(_ text: String) {
        self.text = text
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"),
                case let name = rest[afterOpen..<close], !name.isEmpty,
                name.unicodeScalars.allSatisfy({ $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) })
            {
                if !literal.isEmpty { pieces.append(.text(literal)) }
                literal = ""
                pieces.append(.placeholder(String(name)))
                rest = rest[rest.index(after: close)...]
            } else {
                literal += "{"
                rest = rest[afterOpen...]
            }
        }
        literal += rest
        if !literal.isEmpty { pieces.append(.text(literal)) }
        self.pieces = pieces
    }

    var hasPlaceholders: Bool { pieces.contains { if case .placeholder = $0 { true } else { false } } }

    /// The message with each placeholder's value; a placeholder without one stays as written.
    public func filled(_ arguments: [String: String]) -> String {
        filled { arguments[$0] }
    }

    /// The same, with values from a function of the placeholder's name (no dictionary to
    /// build for messages filled on every page, such as dates).
    @inline(__always)
    public func filled(_ value: (String) -> String?) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .placeholder(let name): out += value(name) ?? "{\(name)}"
            }
        }
        return out
    }

    /// The message as markup: its own text escaped, the values (markup already) as they are.
    public func filled(_ arguments: [String: HTML]) -> HTML {
        var out = HTML()
        for piece in pieces {
            switch piece {
            case .text(let text): out.append(text: text)
            case .placeholder(let name):
                if let value = arguments[name] { out += value } else { out.append(text: "{\(name)}") }
            }
        }
        return out
    }
}

/// Messages, numbers and dates in one language. Made once per language at start-up.
public struct Localizer: Sendable {
    public let language: Language
    let messages: [String: MessageTemplate]
    let fallback: [String: MessageTemplate]
    /// What every date needs, looked up once: month names (index 1…12) and patterns.
    let calendar: CalendarWords

    public init(language: Language, messages: [String: String], fallback: [String: String]) {
        self.language = language
        self.messages = messages.mapValues(MessageTemplate.init)
        self.fallback = fallback.mapValues(MessageTemplate.init)
        calendar = CalendarWords(self.messages, fallback: self.fallback)
    }

    /// The message for `key` as a template, for a page that fills it many times.
    public func template(_ key: String) -> MessageTemplate? { messages[key] ?? fallback[key] }

    /// The message for `key` with `{name}` placeholders filled. A missing key shows the key
    /// itself (the catalog test keeps that from shipping).
    public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        guard let template = template(key) else { return key }
        return arguments.isEmpty ? template.text : template.filled(arguments)
    }

    public func has(_ key: String) -> Bool { messages[key] != nil }

    /// A count-dependent message: `key.one` or `key.other`, with `{n}` set to the formatted count.
    public func plural(_ key: String, _ count: Int, _ arguments: [String: String] = [:]) -> String {
        let specific = "\(key).\(pluralForm(count))"
        guard let template = template(specific) ?? template("\(key).other") else { return specific }
        let n = number(count)
        return template.filled { $0 == "n" ? n : arguments[$0] }
    }

    /// CLDR's cardinal rule for our four languages (integers): French counts 0 and 1 as one.
    func pluralForm(_ count: Int) -> String {
        switch language {
        case .fr, .pt: (count == 0 || count == 1) ? "one" : "other"
        case .es, .en: count == 1 ? "one" : "other"
        }
    }

    /// Message text where placeholders take markup: the template is escaped, the values are not.
    public func html(_ key: String, _ arguments: [String: HTML]) -> HTML {
        guard let template = template(key) else { return HTML.text(key) }
        return template.filled(arguments)
    }

    /// The decimal mark: a point in English, a comma in Spanish, Portuguese and French.
    public var decimalSeparator: String { language == .en ? "." : "," }

    /// An amount with two decimals when it has cents: 450 → "450", 450.5 → "450,50".
    public func amount(cents: Int) -> String {
        let whole = number(cents / 100)
        let fraction = abs(cents % 100)
        return fraction == 0 ? whole : whole + decimalSeparator + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// An integer with the language's digit grouping: 1.234 (es, pt), 1,234 (en), 1 234 (fr).
    /// Spanish leaves four-digit numbers ungrouped, as the RAE recommends.
    public func number(_ value: Int) -> String {
        // Most numbers on a page (seats, counts) need no grouping at all.
        if value.magnitude < 1_000 || (language == .es && value.magnitude < 10_000) { return String(value) }
        let digits = String(value.magnitude)
        let separator: String
        switch language {
        case .es: separator = digits.count > 4 ? "." : ""
        case .pt: separator = "."
        case .en: separator = ","
        case .fr: separator = "\u{202F}"
        }
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += separator }
            grouped.append(character)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}
