import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The interface speaks of what is there: each feature's words are on the pages that lead
/// to it, in every language.
@Suite struct WordingTests {
    /// The words a reader sees: the page without its tags.
    func visibleText(_ response: Response) -> String {
        response.bodyText.replacing(/<[^>]*>/, with: " ").lowercased()
    }

    /// Capsules, forums and scholarships exist: a signed-in reader's navigation, the home page,
    /// `/me`, the email preferences and each feature's own list speak of them in every language.
    @Test(arguments: Language.allCases)
    func pagesSpeakOfWhatIsThere(_ language: Language) throws {
        let features: [(stems: [Language: String], list: String)] = [
            ([.es: "cápsula", .pt: "cápsula", .en: "capsule", .fr: "capsule"], "/capsules"),
            ([.es: "foro", .pt: "fóru", .en: "forum", .fr: "forum"], "/forums"),
            ([.es: "beca", .pt: "bolsa", .en: "scholarship", .fr: "bourse"], "/scholarships"),
        ]
        let reader = try TestApp()
        try reader.createUser("lector-\(language.rawValue)@example.org")
        _ = reader.signIn("lector-\(language.rawValue)@example.org")
        reader.cookies["lang"] = language.rawValue
        let pages = ["/", "/me", "/me/email"] + features.map(\.list)
        let texts = Dictionary(uniqueKeysWithValues: pages.map { ($0, visibleText(reader.get($0))) })
        for feature in features {
            let stem = feature.stems[language] ?? "?"
            for path in ["/", "/me", "/me/email", feature.list] {
                #expect(texts[path]?.contains(stem) == true, "\(language.rawValue) \(path) does not speak of “\(stem)”")
            }
        }
    }
}
