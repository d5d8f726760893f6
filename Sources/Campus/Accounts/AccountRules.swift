import Foundation
import Web

/// What a name, an email address and a password must be. Each check answers with a
/// message-catalog key, or nil when the value is fine.
enum AccountRules {
    static let passwordMinimum = 12
    /// Long passphrases are welcome; the cap, in UTF-8 bytes (what the hash reads), only
    /// keeps a huge password cheap to refuse. Checked before anything else looks at it.
    static let passwordMaximumBytes = 1024
    /// At sign-in: passwords chosen while the cap counted characters may take up to four
    /// bytes a character.
    static let signInPasswordMaximumBytes = 4 * passwordMaximumBytes

    static func nameProblem(_ name: String?) -> String? {
        guard let name, !name.isEmpty else { return "account.error.name_required" }
        guard name.codePoints <= 120 else { return "account.error.name_long" }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return "account.error.name_invalid" }
        return nil
    }

    /// A deliberately plain check: one @, something before it, a dotted domain after it,
    /// no spaces or control characters. The verification email does the rest.
    static func emailProblem(_ email: String?) -> String? {
        guard let email, !email.isEmpty else { return "account.error.email_required" }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64,
            parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains(".."),
            !email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" })
        else { return "account.error.email_invalid" }
        return nil
    }

    /// Length (never truncated), the common-password list with its simple variations,
    /// and passwords made of the email or the name.
    static func passwordProblem(_ password: String?, email: String? = nil, name: String? = nil) -> String? {
        guard let password, !password.isEmpty else { return "account.error.password_required" }
        guard password.utf8.count <= passwordMaximumBytes else { return "account.error.password_long" }
        guard password.count >= passwordMinimum else { return "account.error.password_short" }
        let lowered = password.lowercased()
        if CommonPasswords.words.contains(lowered) { return "account.error.password_common" }
        // "Password2024!" and "sunshinesunshine" are the same weak word.
        let core = String(lowered.drop { !$0.isLetter }.reversed().drop { !$0.isLetter }.reversed())
        if core.count >= 4, CommonPasswords.words.contains(core) { return "account.error.password_common" }
        if core.count >= 4, core.count % 2 == 0, core.prefix(core.count / 2) == core.suffix(core.count / 2),
            CommonPasswords.words.contains(String(core.prefix(core.count / 2)))
        { return "account.error.password_common" }
        if Set(lowered).count < 5 { return "account.error.password_common" }
        if let email, let local = email.lowercased().split(separator: "@").first, local.count >= 4, lowered.contains(local) {
            return "account.error.password_personal"
        }
        if let name, name.count >= 4, lowered.contains(name.lowercased()) { return "account.error.password_personal" }
        return nil
    }

    /// Time zones offered on the profile: where the network's members are, and UTC.
    static let timeZones = [
        "America/Argentina/Buenos_Aires", "America/Asuncion", "America/Bogota", "America/Caracas",
        "America/Costa_Rica", "America/El_Salvador", "America/Guatemala", "America/Guayaquil", "America/Havana",
        "America/La_Paz", "America/Lima", "America/Managua", "America/Mexico_City", "America/Monterrey",
        "America/Montevideo", "America/Panama", "America/Puerto_Rico", "America/Santiago", "America/Santo_Domingo",
        "America/Sao_Paulo", "America/Manaus", "America/Tegucigalpa", "America/Tijuana", "America/New_York",
        "Atlantic/Canary", "Europe/Lisbon", "Europe/Madrid", "UTC",
    ]

    /// The same as options of a select, labelled once for every page that offers them.
    static let timeZoneOptions = timeZones.map { (value: $0, label: TimeZone.readableName($0)) }

    /// A sensible first time zone from the organization's country.
    static func timeZone(forCountry country: String?) -> String {
        switch country {
        case "AR": "America/Argentina/Buenos_Aires"
        case "BO": "America/La_Paz"
        case "BR": "America/Sao_Paulo"
        case "CL": "America/Santiago"
        case "CO": "America/Bogota"
        case "CR": "America/Costa_Rica"
        case "CU": "America/Havana"
        case "DO": "America/Santo_Domingo"
        case "EC": "America/Guayaquil"
        case "ES": "Europe/Madrid"
        case "GT": "America/Guatemala"
        case "HN": "America/Tegucigalpa"
        case "MX": "America/Mexico_City"
        case "NI": "America/Managua"
        case "PA": "America/Panama"
        case "PE": "America/Lima"
        case "PR": "America/Puerto_Rico"
        case "PT": "Europe/Lisbon"
        case "PY": "America/Asuncion"
        case "SV": "America/El_Salvador"
        case "UY": "America/Montevideo"
        case "VE": "America/Caracas"
        default: "UTC"
        }
    }
}
