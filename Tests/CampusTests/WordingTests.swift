import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The interface promises only what is there: forums bring their own words when they
/// arrive (certificates, capsules and scholarships have come).
@Suite struct WordingTests {
    /// Stems of the features still to come, as each language writes them.
    static let unbuilt: [Language: [String]] = [
        .es: ["foro"],
        .pt: ["fórum", "fóruns"],
        .en: ["forum"],
        .fr: ["forum"],
    ]

    /// The words a reader sees: the page without its tags.
    func visibleText(_ response: Response) -> String {
        response.bodyText.replacing(/<[^>]*>/, with: " ").lowercased()
    }

    @Test(arguments: Language.allCases)
    func pagesDoNotPromiseWhatIsNotThere(_ language: Language) throws {
        let visitor = try TestApp()
        visitor.cookies["lang"] = language.rawValue
        var pages = ["/", "/courses", "/register", "/login"].map { ($0, visitor.get($0)) }
        // A new account whose email is not confirmed yet sees the banner and the reminder too.
        let reader = try TestApp(sharing: visitor)
        try reader.createUser("nueva-\(language.rawValue)@example.org", verified: false)
        _ = reader.signIn("nueva-\(language.rawValue)@example.org")
        reader.cookies["lang"] = language.rawValue
        pages += ["/", "/me", "/me/email", "/me/delete", "/notifications"].map { ($0, reader.get($0)) }
        for (path, page) in pages {
            #expect(page.status == .ok, "\(path)")
            let text = visibleText(page)
            for stem in WordingTests.unbuilt[language] ?? [] {
                #expect(!text.contains(stem), "\(language.rawValue) \(path) speaks of “\(stem)”")
            }
        }
    }

    /// Capsules and scholarships exist now: the navigation, the home page, `/me`, the email
    /// preferences and each feature's own list speak of them in every language.
    @Test(arguments: Language.allCases)
    func pagesSpeakOfWhatIsThere(_ language: Language) throws {
        let features: [(stems: [Language: String], list: String)] = [
            ([.es: "cápsula", .pt: "cápsula", .en: "capsule", .fr: "capsule"], "/capsules"),
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
