/// The interface languages, Spanish first.
public enum Language: String, CaseIterable, Sendable, Codable {
    case es, pt, en, fr

    public static let fallback = Language.es

    /// The language's own name, for the switcher: always written in that language.
    public var nativeName: String {
        switch self {
        case .es: "Español"
        case .pt: "Português"
        case .en: "English"
        case .fr: "Français"
        }
    }

    /// The reader's language: the `lang` cookie, else the best `Accept-Language` match, else Spanish.
    public static func negotiate(cookie: String?, acceptLanguage: String?) -> Language {
        if let cookie, let language = Language(rawValue: cookie) { return language }
        guard let acceptLanguage else { return .fallback }
        var best: (language: Language, quality: Double)?
        for item in acceptLanguage.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let tag = parts.first?.trimmingWhitespace().lowercased(), !tag.isEmpty else { continue }
            let primary = String(tag.split(separator: "-").first ?? "")
            guard let language = Language(rawValue: primary) else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=")
                if pair.count == 2, pair[0].trimmingWhitespace() == "q", let q = Double(pair[1].trimmingWhitespace()) { quality = q }
            }
            guard quality > 0 else { continue }
            if best == nil || quality > best!.quality { best = (language, quality) }
        }
        return best?.language ?? .fallback
    }
}
