import Testing
import TestSupport

/// A visitor in a real headless Chromium on a phone-sized window, through nginx to
/// `campus serve` and PostgreSQL. A failure saves screenshots and page sources under
/// the artifacts folder and names them in the test's output.
@Suite(.serialized, .browserEvidence) final class BrowserTests {
    let stack: Stack

    init() throws {
        stack = try Stack(database: try TestDatabase(.demo))
    }

    deinit { stack.stop() }

    @Test func aVisitorFindsACourseAndReadsItInPortuguese() throws {
        let browser = try Browser(baseURL: stack.baseURL)
        try browser.open("/")
        #expect(try browser.exists("html[lang=es]"))
        #expect(try browser.text("h1") == "Formación para quienes gobiernan las ciudades")
        #expect(try browser.title == "Inicio · Campus")
        #expect(try browser.exists("a.skip-link[href='#main']"))

        try browser.follow("nav.site-nav a[href='/courses']")
        #expect(try browser.path == "/courses")
        #expect(try browser.text("h1") == "Catálogo de cursos")
        #expect(try browser.attribute("nav.site-nav a[href='/courses']", "aria-current") == "page")

        let course = try browser.text(".card h2 a")
        try browser.follow(".card h2 a")
        #expect(try browser.path.hasPrefix("/courses/"))
        #expect(try browser.text("h1") == course)
        #expect(try browser.text("#editions-title") == "Ediciones")

        // The switch posts a form with its CSRF token; the 303 brings the reader back here.
        let coursePath = try browser.path
        try browser.follow("form.lang-switch button[value=pt]")
        #expect(try browser.path == coursePath)
        #expect(try browser.exists("html[lang=pt]"))
        #expect(try browser.text("#editions-title") == "Edições")
        #expect(try browser.text("nav.site-nav a[href='/courses']") == "Cursos disponíveis")
        #expect(try browser.attribute("form.lang-switch button[value=pt]", "aria-pressed") == "true")

        // The choice stays with the visitor, error pages included.
        try browser.open("/no-such-page")
        #expect(try browser.text(".error-code") == "404")
        #expect(try browser.text("h1") == "Página não encontrada")
        #expect(try browser.exists("html[lang=pt]"))
    }

    @Test func switchingLanguageIsAPlainFormThatNeedsNoJavaScript() throws {
        let browser = try Browser(baseURL: stack.baseURL, javaScript: false)
        // First make sure scripts really are off in this browser.
        try browser.open("data:text/html,<title>off</title><script>document.title = 'on'</script>")
        #expect(try browser.title == "off")
        try browser.open("/courses")
        #expect(try browser.text("h1") == "Catálogo de cursos")
        try browser.follow("form.lang-switch button[value=fr]")
        #expect(try browser.path == "/courses")
        #expect(try browser.exists("html[lang=fr]"))
        #expect(try browser.text("h1") == "Catalogue des formations")
        try browser.open("/")
        #expect(try browser.exists("html[lang=fr]"))
    }

    @Test func withoutAChoiceThePageFollowsTheBrowsersLanguage() throws {
        let browser = try Browser(baseURL: stack.baseURL, language: "pt-BR")
        try browser.open("/")
        #expect(try browser.exists("html[lang=pt]"))
        #expect(try browser.text("h1") == "Formação para quem governa as cidades")
    }

    @Test func theFirstTabRevealsTheSkipLink() throws {
        let browser = try Browser(baseURL: stack.baseURL)
        try browser.open("/courses")
        #expect(try !browser.isVisible(".skip-link"))
        try browser.press(.tab)
        #expect(try browser.isFocused(".skip-link"))
        #expect(try browser.isVisible(".skip-link"))
        #expect(try browser.text(".skip-link") == "Saltar al contenido")
        try browser.press(.enter)
        #expect(try browser.isFocused("main#main"))
    }
}
