import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The numbers staff see per capsule, and its CSV.
@Suite struct CapsuleStatsTests {
    let app: TestApp
    let capsules: CapsuleMaker

    init() throws {
        app = try TestApp()
        capsules = CapsuleMaker(db: try app.connect())
    }

    @Test func startsCompletionsRateMedianAndBestScores() throws {
        let capsule = try capsules.make(lessons: 1)
        let db = try app.connect()
        // Three learners: two complete (in 2 and 4 days), one is still at it.
        for (name, rightAnswers) in [("rapida", [4]), ("lenta", [1, 3]), ("empezo", [2])] {
            let learner = try app.learner("\(name)@example.org")
            _ = learner.post(capsule.path + "/start", [])
            for right in rightAnswers {
                _ = learner.post(capsule.lastLesson + "/quiz", try learner.beginQuiz(capsule).answers(right: right))
            }
        }
        try db.execute("""
            UPDATE capsule_progress p SET started_at = p.completed_at - CASE u.email WHEN 'rapida@example.org' THEN interval '2 days' ELSE interval '4 days' END
            FROM users u WHERE u.id = p.user_id AND p.course_id = \(capsule.id) AND p.completed_at IS NOT NULL
            """)
        let numbers = try CapsuleStatsQueries.fetchNumbers(db, courseID: capsule.id)
        #expect(numbers.starts == 3)
        #expect(numbers.completions == 2)
        #expect(numbers.medianSeconds == Double(3 * 86_400))
        // Best scores: 100, 75 and 50.
        #expect(numbers.averageBestScore == 75)

        let admin = try app.browser(signedInAs: try app.createUser("numeros@example.org", roles: ["admin"]))
        let page = admin.get("/admin/capsules/\(capsule.id)/stats").bodyText
        #expect(page.contains("<dt>Personas que la empezaron</dt><dd>3</dd>"))
        #expect(page.contains("<dt>Tasa de finalización</dt><dd>67 %</dd>"))
        #expect(page.contains("<dt>Tiempo mediano para completarla</dt><dd>3 días</dd>"))
        #expect(page.contains("<dt>Nota media (la mejor de cada persona)</dt><dd>75 %</dd>"))
        #expect(admin.get("/admin/capsules").bodyText.contains("67 %"))
    }

    @Test func theCSVHasEveryLearnerAndIsSafeInASpreadsheet() throws {
        let capsule = try capsules.make(lessons: 2, questions: nil)
        let learner = try app.learner("formula@example.org")
        try app.connect().execute("UPDATE users SET name = '=HYPERLINK(\"http://evil.example\")' WHERE email = 'formula@example.org'")
        _ = learner.post(capsule.path + "/start", [])
        _ = learner.post(capsule.lesson(1) + "/complete", [])
        let admin = try app.browser(signedInAs: try app.createUser("csv@example.org", roles: ["admin"]))
        let csv = admin.get("/admin/capsules/\(capsule.id)/stats.csv")
        #expect(csv.status == .ok)
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(csv.header("Content-Disposition") == "attachment; filename=\"\(capsule.slug).csv\"")
        #expect(csv.body.starts(with: [0xEF, 0xBB, 0xBF]))
        let rows = csv.bodyText.components(separatedBy: "\r\n")
        #expect(rows[0].hasSuffix("Nombre y apellidos,Correo electrónico,Ciudad o entidad socia,Empezó,Lecciones hechas,Completó,Días para completarla,Mejor nota (%),Intentos"))
        let row = try #require(rows.first { $0.contains("formula@example.org") })
        #expect(row.hasPrefix("\"'=HYPERLINK(\"\"http://evil.example\"\")\",formula@example.org,"))
        #expect(row.range(of: ",[0-9]{4}-[0-9]{2}-[0-9]{2},1,,,,0$", options: .regularExpression) != nil)
    }

    @Test func numbersAreForTheCapsulesAuthorsOnly() throws {
        let capsule = try capsules.make()
        let other = try capsules.make()
        let author = try app.browser(signedInAs: try app.createUser("solo-la-mia@example.org", roles: ["instructor:course=\(other.id)"]))
        #expect(author.get("/admin/capsules/\(capsule.id)/stats").status == .forbidden)
        #expect(author.get("/admin/capsules/\(capsule.id)/stats.csv").status == .forbidden)
        #expect(author.post("/admin/capsules/\(capsule.id)/extra-attempts", [("email", "x@example.org")]).status == .forbidden)
        #expect(author.get("/admin/capsules/\(other.id)/stats.csv").status == .ok)
        // The demo's finished learner shows in the mobility capsule's numbers.
        let admin = try app.browser(signedInAs: "admin@campus.example")
        let mobility: Int64 = try app.connect().query("SELECT id FROM courses WHERE slug = 'capsula-movilidad-sostenible'").first?["id"] ?? 0
        let page = admin.get("/admin/capsules/\(mobility)/stats").bodyText
        #expect(page.contains("<dt>Personas que la completaron</dt><dd>1</dd>"))
        #expect(page.contains("Lucía Mendoza"))
    }
}
