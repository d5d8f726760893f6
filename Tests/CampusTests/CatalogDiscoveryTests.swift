import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Searching the catalog and what each card calls the next edition, against the demo data.
@Suite struct CatalogDiscoveryTests {
    let app: TestApp
    let catalog: MessageCatalog
    static let programme = "Programa de Especialización en Pensamiento Estratégico Urbano"

    init() throws {
        app = try TestApp()
        catalog = try MessageCatalog.load(directory: TestEnvironment.home + "/locales")
    }

    func search(_ words: String, language: String = "es", filters: String = "") -> Response {
        app.get("/courses?q=\(PercentEncoding.encode(words))\(filters)", headers: ["accept-language": language])
    }

    func found(_ page: Response) -> Bool { page.bodyText.contains("<ul class=\"card-list\">") }

    /// The catalog card of course `slug` on a list page.
    func card(_ slug: String, in page: Response) throws -> String {
        let cards = page.bodyText.components(separatedBy: "<li class=\"card\">").dropFirst()
        return try #require(cards.first { $0.contains("href=\"/courses/\(slug)\"") }, "no card for \(slug)")
    }

    @Test func topicNamesFindTheirCoursesInEveryLanguage() throws {
        // The programme's own text never says "gobernanza"; its topic "Gobernanza metropolitana" does.
        for (language, words) in [("es", "gobernanza"), ("pt", "governança"), ("en", "governance"), ("fr", "gouvernance")] {
            let page = search(words, language: language)
            #expect(page.status == .ok)
            #expect(page.bodyText.contains(CatalogDiscoveryTests.programme), "\(words) does not find the programme")
        }
    }

    @Test func aMisspeltWordGetsACorrectionThatFindsCourses() throws {
        let page = search("gobernansa")
        #expect(!found(page))
        #expect(page.bodyText.contains("¿Quiso decir <a href=\"/courses?q=gobernanza\">gobernanza</a>?"))
        #expect(found(app.get("/courses?q=gobernanza")))
        // Each misspelt word is corrected; the filters are kept in the link.
        let two = search("movilidat sostenibel", language: "en", filters: "&kind=course")
        #expect(two.bodyText.contains("Did you mean <a href=\"/courses?q=movilidad%20sostenible&amp;kind=course\">movilidad sostenible</a>?"))
        // No correction that would find nothing: the ad-hoc training is not about mobility.
        #expect(!search("movilidat", filters: "&kind=adhoc").bodyText.contains("Quiso decir"))
        // Nothing close enough: no suggestion at all.
        #expect(!search("zzxxqq").bodyText.contains("Quiso decir"))
    }

    @Test func theSuggestionWordsFollowCatalogEdits() throws {
        let db = try app.connect()
        try db.execute("UPDATE courses SET title = 'Cartografía participativa del territorio' WHERE slug = 'resiliencia-urbana'")
        #expect(search("cartografia participatva").bodyText.contains("Quiso decir"))
        try db.execute("UPDATE courses SET published = false WHERE slug = 'resiliencia-urbana'")
        #expect(!search("cartografia").bodyText.contains("Quiso decir"))
        #expect(!search("cartografya").bodyText.contains("Quiso decir"))
    }

    /// Every example a hint or the search box offers, in every language, finds courses.
    @Test func theExamplesTheCatalogGivesFindCourses() throws {
        for language in Language.allCases {
            let messages = try #require(catalog.messages[language])
            let hint = try #require(messages["catalog.no_match_hint"])
            let quoted = hint.matches(of: /[«“"]\s*([^»”"]+?)\s*[»”"]/).map { String($0.output.1) }
            #expect(quoted.count >= 2, "\(language.rawValue): no examples found in the hint")
            let placeholder = try #require(messages["catalog.filter.placeholder"])
            let example = String(placeholder[placeholder.index(after: try #require(placeholder.firstIndex(of: ":")))...]).trimmingWhitespace()
            for words in quoted + [example] {
                #expect(found(search(words, language: language.rawValue)), "\(language.rawValue): the example «\(words)» finds nothing")
            }
        }
    }

    @Test func aLanguageFilterAloneDoesNotSpeakOfWords() throws {
        // No course is taught in Portuguese in the demo (the Portuguese capsule is not listed here).
        let stems = ["es": "palabra", "pt": "palavra", "en": "word", "fr": "mot"]
        for language in Language.allCases {
            let page = app.get("/courses?lang=pt", headers: ["accept-language": language.rawValue])
            #expect(!found(page))
            let empty = try #require(page.bodyText.range(of: "<div class=\"empty\">[\\s\\S]*?</div>", options: .regularExpression).map { String(page.bodyText[$0]) })
            #expect(!empty.lowercased().contains(stems[language.rawValue] ?? "?"), "\(language.rawValue): \(empty)")
            #expect(empty.contains(HTML.escape(try #require(catalog.messages[language]?["catalog.no_match_filters_hint"]))))
        }
        let words = search("zzxxqq")
        #expect(words.bodyText.contains("Pruebe con menos palabras"))
    }

    @Test func searchedWordsAreEscapedEverywhere() throws {
        let page = search("<script>alert(1)</script> gobernansa")
        #expect(!page.bodyText.contains("<script>alert"))
        #expect(page.bodyText.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    // MARK: The next edition on a card

    @Test func theNextEditionIsOneTheReaderCanStillJoin() throws {
        let page = app.get("/courses")
        // Its second semester is running; the first semester of next year is upcoming.
        let gender = try card("perspectiva-genero-cuidados-planificacion", in: page)
        #expect(gender.contains("Primer semestre 2027"))
        #expect(!gender.contains("Segundo semestre 2026"))
        // Its one edition is running: nothing to join, and the card says so.
        let districts = try card("distritos-de-innovacion", in: page)
        #expect(!districts.contains("Segundo semestre 2026"))
        #expect(districts.contains("Sin ediciones abiertas ni próximas"))
        // Its third module starts soon but its enrolment has closed.
        let s3 = try card("programa-ciudades-s3", in: page)
        #expect(!s3.contains("Módulo"))
        #expect(s3.contains("Sin ediciones abiertas ni próximas"))
    }

    @Test func theNextEditionPrefersTheReadersLanguage() throws {
        // Spanish is open now, English opens later, French is running.
        let slug = "localizacion-ods"
        #expect(try card(slug, in: app.get("/courses", headers: ["accept-language": "es"])).contains("Edición 2027"))
        #expect(try card(slug, in: app.get("/courses", headers: ["accept-language": "en"])).contains("2027 edition"))
        let french = try card(slug, in: app.get("/courses", headers: ["accept-language": "fr"]))
        #expect(french.contains("Edición 2027"))
        #expect(!french.contains("Édition 2026"))
        // Filtering by a language prefers that language's edition.
        #expect(try card(slug, in: app.get("/courses?lang=en")).contains("2027 edition"))
    }
}
