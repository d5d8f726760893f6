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
        Localizer(language: language, messages: messages[language] ?? [:], fallback: messages[.fallback] ?? [:])
    }
}

/// Messages, numbers and dates in one language.
public struct Localizer: Sendable {
    public let language: Language
    let messages: [String: String]
    let fallback: [String: String]

    public init(language: Language, messages: [String: String], fallback: [String: String]) {
        self.language = language
        self.messages = messages
        self.fallback = fallback
    }

    /// The message for `key` with `{name}` placeholders filled. A missing key shows the key
    /// itself (the catalog test keeps that from shipping).
    public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        let template = messages[key] ?? fallback[key] ?? key
        return arguments.isEmpty ? template : Localizer.fill(template, arguments)
    }

    public func has(_ key: String) -> Bool { messages[key] != nil }

    /// A count-dependent message: `key.one` or `key.other`, with `{n}` set to the formatted count.
    public func plural(_ key: String, _ count: Int, _ arguments: [String: String] = [:]) -> String {
        let form = pluralForm(count)
        var all = arguments
        all["n"] = number(count)
        let specific = "\(key).\(form)"
        return self(messages[specific] != nil || fallback[specific] != nil ? specific : "\(key).other", all)
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
        let template = HTML.escape(messages[key] ?? fallback[key] ?? key)
        return HTML(unsafeRaw: Localizer.fill(template, arguments.mapValues(\.rendered)))
    }

    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = arguments[name] { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
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
