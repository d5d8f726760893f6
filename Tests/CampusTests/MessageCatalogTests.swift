import Foundation
import Testing
import TestSupport
@testable import Web

/// The catalogs a translator edits: complete in every language, really translated, and
/// covering every key the code asks for.
@Suite struct MessageCatalogTests {
    let catalog: MessageCatalog

    init() throws {
        catalog = try MessageCatalog.load(directory: TestEnvironment.home + "/locales")
    }

    /// Messages that really are the same words in Spanish and another language.
    static let sameAsSpanish: Set<String> = [
        "pt:month.4", "pt:month.8", "pt:month_short.3", "pt:month_short.4", "pt:month_short.6", "pt:month_short.7",
        "pt:month_short.8", "pt:month_short.11", "pt:catalog.title", "pt:kind.capsule", "pt:pathway.circular",
        "pt:pathway.resilient", "pt:pathway.equitable", "en:pathway.circular",
        "pt:documents.size_kb", "pt:documents.size_mb", "en:documents.size_kb", "en:documents.size_mb",
        "pt:admin.certificates.title", "pt:certificate.page_title", "pt:certificate.holder", "pt:certificate.kind.capsule",
        "pt:certificate.hours.one", "pt:certificate.hours.other", "pt:certificate.language", "pt:certificate.code",
        "pt:certificate.status.valid",
        "pt:nav.capsules", "pt:scope.course", "pt:capsule.hours.one", "pt:capsule.hours.other", "pt:capsule.facts.language",
        "pt:admin.capsules.title", "pt:admin.capsules.capsule", "pt:admin.capsules.publish", "pt:admin.capsules.move_up",
        "pt:admin.capsules.lesson_title", "pt:admin.capsules.body", "pt:admin.capsules.prompt", "pt:admin.capsules.answer_text",
        "pt:admin.capsules.stats.title", "pt:admin.capsules.stats.page_title", "pt:admin.capsules.stats.hours.one",
        "pt:admin.capsules.stats.hours.other", "pt:admin.capsules.stats.minutes.one", "pt:admin.capsules.stats.minutes.other",
        "en:admin.audit.detail.no",
        "pt:pagination.previous", "pt:pagination.last", "pt:forum.field.title", "pt:forum.reply.heading", "pt:forum.post.reason",
        "pt:forum.post.edit", "pt:forum.post.moderate", "pt:forum.duration.seconds.one", "pt:forum.duration.seconds.other",
        "pt:forum.duration.minutes.one", "pt:forum.duration.minutes.other", "pt:forum.duration.hours.one", "pt:forum.duration.hours.other",
        "pt:forum.moderate.slow.title", "pt:forum.moderate.slow.submit", "pt:forum.suspend.submit", "pt:admin.audit.detail.title",
        "pt:admin.forums.kind", "pt:admin.forums.language", "pt:forum.search.results_for",
    ]

    @Test func everyKeyExistsInEveryLanguage() throws {
        let spanish = try #require(catalog.messages[.es])
        for language in Language.allCases {
            let messages = try #require(catalog.messages[language])
            let missing = Set(spanish.keys).subtracting(messages.keys).sorted()
            let extra = Set(messages.keys).subtracting(spanish.keys).sorted()
            #expect(missing.isEmpty, "\(language.rawValue) lacks \(missing)")
            #expect(extra.isEmpty, "\(language.rawValue) has keys Spanish lacks: \(extra)")
        }
    }

    @Test func otherLanguagesAreTranslated() throws {
        let spanish = try #require(catalog.messages[.es])
        for language in Language.allCases where language != .es {
            let messages = try #require(catalog.messages[language])
            let untranslated = spanish.keys.filter { key in
                // Patterns such as "{d} {month} {y}" are layout, not words.
                messages[key] == spanish[key] && !key.hasPrefix("format.") && !MessageCatalogTests.sameAsSpanish.contains("\(language.rawValue):\(key)")
            }.sorted()
            #expect(untranslated.isEmpty, "\(language.rawValue) repeats the Spanish text of \(untranslated)")
        }
    }

    @Test func placeholdersMatchAcrossLanguages() throws {
        let spanish = try #require(catalog.messages[.es])
        func placeholders(_ text: String) -> Set<String> {
            Set(text.matches(of: /\{([a-z_]+)\}/).map { String($0.output.1) })
        }
        for language in Language.allCases where language != .es {
            let messages = try #require(catalog.messages[language])
            for (key, text) in spanish {
                guard let translated = messages[key] else { continue }
                #expect(placeholders(text) == placeholders(translated), "\(language.rawValue):\(key) has other placeholders than Spanish")
            }
        }
    }

    @Test func pluralKeysComeInPairs() throws {
        let spanish = try #require(catalog.messages[.es])
        for key in spanish.keys where key.hasSuffix(".one") {
            #expect(spanish[String(key.dropLast(4)) + ".other"] != nil, "\(key) has no .other form")
        }
    }

    /// Every literal key the code looks up (`t("…")`, reasons of HTTP errors) is in the catalog.
    @Test func everyKeyTheCodeUsesExists() throws {
        let spanish = try #require(catalog.messages[.es])
        let sources = TestEnvironment.home + "/Sources"
        let files = FileManager.default.enumerator(atPath: sources)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        var used: Set<String> = []
        for file in files {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            for match in text.matches(of: /(?:\bt|\.plural|reason:)\(?\s*"([a-z_]+(?:\.[a-z0-9_-]+)+)"/) {
                used.insert(String(match.output.1))
            }
        }
        #expect(used.count > 30)
        let missing = used.filter { key in spanish[key] == nil && spanish[key + ".other"] == nil }.sorted()
        #expect(missing.isEmpty, "keys used in the code but missing from es.properties: \(missing)")
    }

    @Test func catalogFilesParse() throws {
        #expect(throws: MessageCatalog.LoadError.self) { try MessageCatalog.parse("no equals sign here") }
        #expect(try MessageCatalog.parse("# comment\n\na.b = x = y\\nz\n") == ["a.b": "x = y\nz"])
    }
}
