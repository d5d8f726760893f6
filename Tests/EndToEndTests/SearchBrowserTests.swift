import Foundation
import Postgres
import Testing
import TestSupport

/// A search in a real browser through nginx: what a course's writer typed reaches the snippet
/// as text — none of their tags becomes an element — and the only marks are around the match.
@Suite(.serialized, .browserEvidence) final class SearchBrowserTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase(.demo)
        try database.connect().execute("""
            INSERT INTO courses (slug, kind, title, summary, description, language)
            VALUES ('tranvias', 'course', 'Calles para caminar',
                    'Tranvías <script>document.title = "roto"</script> y <mark>calles</mark> <b>tranquilas</b>.',
                    'Las ciudades que vuelven al tranvía <img src=x onerror="document.title = 1"> ganan calles.', 'es')
            """)
        stack = try Stack(database: database)
    }

    deinit { stack.stop() }

    @Test func aSnippetShowsTheWritersMarkupAsTextAndMarksOnlyTheMatch() throws {
        let browser = try Browser(baseURL: stack.baseURL)
        try browser.open("/courses")
        try browser.fill("#q", "tranvía")
        try browser.submit("form.filters")
        #expect(try browser.count(".card") == 1)
        #expect(try browser.count(".card script, .card img, .card b") == 0)
        #expect(try browser.count(".card mark") == 2)
        #expect(try browser.text(".card p[lang] mark") == "Tranvías")
        #expect(try browser.text(".card .snippet mark") == "tranvía")
        #expect(try browser.text(".card p[lang]") == "Tranvías <script>document.title = \"roto\"</script> y <mark>calles</mark> <b>tranquilas</b>.")
        #expect(try browser.text(".card .snippet").contains("vuelven al tranvía"))
        #expect(try browser.title == "Catálogo de cursos · Campus")
    }
}
