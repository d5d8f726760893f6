import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The catalog pages against the demo data.
@Suite struct CatalogTests {
    let app: TestApp

    init() throws { app = try TestApp() }

    @Test func theHomePageListsUpcomingEditions() {
        let page = app.get("/")
        #expect(page.status == .ok)
        #expect(page.bodyText.contains("Próximas ediciones"))
        #expect(page.bodyText.contains("href=\"/courses/"))
    }

    @Test func theCatalogListsCoursesButNotCapsules() throws {
        let page = app.get("/courses")
        #expect(page.status == .ok)
        let db = try app.connect()
        let titles: [String] = try db.query("SELECT title FROM courses WHERE kind <> 'capsule'").map { try $0["title"] }
        let capsules: [String] = try db.query("SELECT title FROM courses WHERE kind = 'capsule'").map { try $0["title"] }
        #expect(titles.count >= 8)
        for title in titles { #expect(page.bodyText.contains(HTML.escape(title)), "missing \(title)") }
        for title in capsules { #expect(!page.bodyText.contains(HTML.escape(title)), "capsule listed: \(title)") }
        #expect(page.bodyText.contains("Programa de Especialización en Pensamiento Estratégico Urbano"))
        #expect(page.bodyText.contains("Próxima edición"))
    }

    @Test func aCoursePageShowsItsEditions() throws {
        let page = app.get("/courses/programa-pensamiento-estrategico-urbano", headers: ["accept-language": "en"])
        #expect(page.status == .ok)
        #expect(page.bodyText.contains("XIX edición"))
        #expect(page.bodyText.contains("Durango"))
        #expect(page.bodyText.contains("Online with an in-person seminar"))
        #expect(page.bodyText.contains("Editions"))
    }

    @Test func anUnknownCourseIsNotFound() {
        let page = app.get("/courses/no-such-course")
        #expect(page.status == .notFound)
        #expect(page.bodyText.contains("No encontramos ese curso"))
    }

    @Test func userTextIsEscapedEverywhere() throws {
        let db = try app.connect()
        try db.execute("""
            INSERT INTO courses (slug, kind, title, summary, language)
            VALUES ('xss-test', 'course', '<script>alert("t")</script>', '<img src=x onerror=alert(1)>', 'es')
            """)
        for path in ["/courses", "/courses/xss-test"] {
            let page = app.get(path)
            #expect(!page.bodyText.contains("<script>alert"))
            #expect(!page.bodyText.contains("<img src=x"))
            #expect(page.bodyText.contains("&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;"))
        }
    }

    @Test func anEmptyCatalogSaysSo() throws {
        let empty = try TestApp(.empty)
        let page = empty.get("/courses")
        #expect(page.status == .ok)
        #expect(page.bodyText.contains("Todavía no hay cursos publicados"))
        #expect(empty.get("/").bodyText.contains("No hay ediciones programadas"))
    }
}

/// `campus migrate` and `campus seed --demo`.
@Suite struct DatabaseSetupTests {
    func dump(_ database: String) throws -> String {
        let result = try Subprocess.run("/usr/bin/env", ["pg_dump", "--schema-only", "--no-owner", "--no-privileges", database])
        #expect(result.status == 0, "pg_dump failed: \(result.output)")
        // Comments and pg_dump's per-run \restrict keys carry nothing structural.
        return result.output.split(separator: "\n")
            .filter { !$0.hasPrefix("--") && !$0.hasPrefix("\\restrict") && !$0.hasPrefix("\\unrestrict") && !$0.isEmpty }
            .joined(separator: "\n")
    }

    @Test func freshAndUpgradedDatabasesHaveTheSameSchema() throws {
        let fresh = try TestDatabase()
        let upgraded = try TestDatabase.blank()
        let migrator = Migrator(home: TestEnvironment.home)
        let migrations = try migrator.migrations()
        #expect(migrations.first?.version == 1)
        // The oldest database there could be: the platform baseline, then every later migration.
        let db = try upgraded.connect()
        try db.run(try String(contentsOfFile: try #require(migrations.first).path, encoding: .utf8))
        try db.execute("INSERT INTO schema_migrations (version, name) VALUES (1, \(migrations[0].name))")
        try migrator.migrate(db)
        #expect(try dump(fresh.name) == dump(upgraded.name))
        let applied: [Int32] = try db.query("SELECT version FROM schema_migrations ORDER BY version").map { try $0["version"] }
        #expect(applied.map(Int.init) == migrations.map(\.version))
    }

    @Test func migratingTwiceChangesNothing() throws {
        let database = try TestDatabase.blank()
        let db = try database.connect()
        let migrator = Migrator(home: TestEnvironment.home)
        #expect(try migrator.migrate(db).first?.hasPrefix("created the schema") == true)
        let before = try dump(database.name)
        #expect(try migrator.migrate(db).isEmpty)
        #expect(try dump(database.name) == before)
        // The CSRF signing secret and the certificate issuer's key, each made once.
        let secrets: [String] = try db.query("SELECT name FROM app_secrets ORDER BY name").map { try $0["name"] }
        #expect(secrets == ["issuer_ed25519", "signing"])
    }

    @Test func theDemoSeedFillsAnEmptyDatabaseOnce() throws {
        let database = try TestDatabase()
        let db = try database.connect()
        _ = try DemoSeed.run(db, force: false)
        let networks: [String] = try db.query("SELECT DISTINCT network FROM organizations ORDER BY 1").map { try $0["network"] }
        #expect(networks == ["andina", "brasil", "centroamerica", "conosur", "iberica", "mexicana"])
        let counts = try #require(try db.query("""
            SELECT (SELECT count(*) FROM organizations)::int8 AS organizations,
                   (SELECT count(*) FROM organizations WHERE active_until < current_date)::int8 AS lapsed,
                   (SELECT count(*) FROM courses WHERE kind = 'capsule')::int8 AS capsules,
                   (SELECT count(*) FROM courses WHERE kind = 'course')::int8 AS courses,
                   (SELECT count(DISTINCT e.language) FROM editions e JOIN courses c ON c.id = e.course_id WHERE c.slug LIKE '%ods%')::int8 AS sdg_languages
            """).first)
        #expect(try counts["organizations"] >= 30)
        #expect(try counts["lapsed"] > 0)
        #expect(try counts["capsules"] >= 8)
        #expect(try counts["courses"] >= 3)
        #expect(try counts["sdg_languages"] == 3)
        // Every completion in the demo holds its certificate, with a workload to state.
        let uncertified: Int = try db.query("""
            SELECT count(*)::int8 AS n FROM enrollments x JOIN editions e ON e.id = x.edition_id
            WHERE x.status = 'completed'
              AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.user_id = x.user_id AND c.edition_id = x.edition_id)
            """).first?["n"] ?? -1
        #expect(uncertified == 0)
        #expect(try db.query("SELECT 1 FROM certificates WHERE kind = 'capsule'").count >= 1)
        #expect(try db.query("SELECT 1 FROM certificates WHERE workload_hours IS NULL").isEmpty)
        // Every edition with participants debates: a prompt, dozens of posts, quotes, a flag.
        let debates = try db.query("""
            SELECT f.id, count(DISTINCT t.id) FILTER (WHERE t.session_id IS NOT NULL) AS prompts, count(p.id) AS posts,
                   count(p.reply_to) AS quotes, count(DISTINCT fl.id) AS flags
            FROM forums f JOIN forum_topics t ON t.forum_id = f.id JOIN posts p ON p.topic_id = t.id LEFT JOIN flags fl ON fl.post_id = p.id
            WHERE f.edition_id IS NOT NULL GROUP BY f.id
            """)
        #expect(debates.count >= 5)
        for debate in debates {
            #expect(try debate["posts"] as Int64 >= 24 && debate["quotes"] as Int64 >= 5 && debate["flags"] as Int64 == 1)
        }
        #expect(try debates.contains { try $0["prompts"] as Int64 == 1 })
        #expect(try db.query("SELECT 1 FROM forums WHERE edition_id IS NULL AND topic_count > 0").count == 2)
        #expect(throws: DemoSeed.AlreadySeeded.self) { try DemoSeed.run(db, force: false) }
    }
}
