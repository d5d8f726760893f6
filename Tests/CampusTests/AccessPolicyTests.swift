import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The access matrix by relation to one thing, not only by global role: the teaching
/// team of this edition against another's, a participant, the owner of a notification.
/// And each policy's two forms — the check for one item and the SQL condition for
/// lists — must agree reader by reader, thing by thing.
@Suite(.serialized) struct AccessPolicyTests {
    enum Relation: String, CaseIterable {
        case visitor, learner, participant, instructorOfThis, instructorOfAnother, admin
    }

    let app: TestApp
    let db: Connection
    let draftCourse: Int64
    let draftSlug = "curso-borrador-politicas"
    let draftEdition: Int64
    let publishedEdition: Int64
    let otherEdition: Int64
    var readers: [Relation: Int64] = [:]

    init() throws {
        app = try TestApp()
        db = try app.connect()
        let editions = EditionMaker(db: db)
        publishedEdition = try editions.make()
        otherEdition = try editions.make()
        draftCourse = try db.query("""
            INSERT INTO courses (slug, kind, title, summary, language, published)
            VALUES (\(draftSlug), 'course', 'Curso en borrador', 'Aún en preparación.', 'es', false) RETURNING id
            """).first?["id"] ?? 0
        draftEdition = try db.query("""
            INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at, enrollment_closes_at, capacity)
            VALUES (\(draftCourse), 'Primera', 'es', current_date + 30, current_date + 60, now() - interval '1 day', now() + interval '20 days', 10)
            RETURNING id
            """).first?["id"] ?? 0
        readers[.learner] = try app.createUser("learner@policy.example")
        readers[.participant] = try app.createUser("participant@policy.example")
        readers[.instructorOfThis] = try app.createUser(
            "this@policy.example", roles: ["instructor:edition=\(draftEdition)", "instructor:edition=\(publishedEdition)"])
        readers[.instructorOfAnother] = try app.createUser("another@policy.example", roles: ["instructor:edition=\(otherEdition)"])
        readers[.admin] = try app.createUser("admin@policy.example", roles: ["admin"])
        for edition in [draftEdition, publishedEdition] {
            try db.execute("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(edition), \(readers[.participant] ?? 0), 'enrolled')")
        }
    }

    func browser(_ relation: Relation) throws -> TestApp {
        let browser = try TestApp(sharing: app)
        if let id = readers[relation] { browser.cookies["campus_session"] = try app.sessionCookie(for: id) }
        return browser
    }

    func currentUser(_ relation: Relation) throws -> CurrentUser? {
        guard let id = readers[relation] else { return nil }
        return try Sessions.load(db, token: try app.sessionCookie(for: id), settings: app.app.settings)
    }

    @Test func whatEachRelationGets() throws {
        //                                             visitor learner particip. this  another admin
        let expectations: [(String, [Int])] = [
            ("GET /courses/\(draftSlug)",                  [404,    404,    404,      200,  404,    200]),
            ("GET /editions/\(draftEdition)",              [404,    404,    404,      200,  404,    200]),
            ("GET /editions/\(publishedEdition)",          [200,    200,    200,      200,  200,    200]),
            ("GET /editions/\(publishedEdition)/roster",   [303,    403,    403,      200,  403,    200]),
            ("GET /editions/\(publishedEdition)/roster.csv", [303,  403,    403,      200,  403,    200]),
            ("GET /editions/\(draftEdition)/roster",       [303,    403,    403,      200,  403,    200]),
        ]
        var mismatches: [String] = []
        for (request, statuses) in expectations {
            let path = String(request.dropFirst(4))
            for (index, relation) in Relation.allCases.enumerated() {
                let status = try browser(relation).get(path).status.rawValue
                if status != statuses[index] { mismatches.append("\(request) as \(relation): got \(status), expected \(statuses[index])") }
            }
        }
        #expect(mismatches == [])
    }

    @Test func aNotificationOpensForItsOwnerOnly() throws {
        let owner = try #require(readers[.participant])
        let id: Int64 = try db.query("""
            INSERT INTO notifications (user_id, kind, message, link) VALUES (\(owner), 'enrollment', 'notice.enrollment.enrolled', '/me')
            RETURNING id
            """).first?["id"] ?? 0
        #expect(try browser(.learner).post("/notifications/\(id)/open", []).status == .notFound)
        #expect(try browser(.admin).post("/notifications/\(id)/open", []).status == .notFound)
        let opened = try browser(.participant).post("/notifications/\(id)/open", [])
        #expect(opened.status == .seeOther)
        #expect(opened.header("Location") == "/me")
    }

    /// For every reader and every course and edition: listed by the policy's SQL exactly
    /// when its page answers 200.
    @Test func listsAndPagesAgree() throws {
        let courses = try db.query("SELECT id, slug FROM courses WHERE kind <> 'capsule' ORDER BY id").map { (id: try $0["id"] as Int64, slug: try $0["slug"] as String) }
        let editions = try db.query("SELECT id FROM editions ORDER BY id").map { try $0["id"] as Int64 }
        var disagreements: [String] = []
        for relation in Relation.allCases {
            let reader = try currentUser(relation)
            let visibleCourses = Set(try db.query("SELECT c.id FROM courses c WHERE \(CoursePolicy.visibleSQL(reader))").map { try $0["id"] as Int64 })
            let visibleEditions = Set(try db.query("""
                SELECT e.id FROM editions e JOIN courses c ON c.id = e.course_id WHERE \(EditionPolicy.visibleSQL(reader))
                """).map { try $0["id"] as Int64 })
            let managed = Set(try db.query("SELECT e.id FROM editions e WHERE \(EditionPolicy.managedSQL(reader))").map { try $0["id"] as Int64 })
            let browser = try browser(relation)
            for course in courses {
                let shown = browser.get("/courses/\(course.slug)").status == .ok
                if shown != visibleCourses.contains(course.id) { disagreements.append("\(relation) course \(course.slug): page \(shown)") }
            }
            for edition in editions {
                let shown = browser.get("/editions/\(edition)").status == .ok
                if shown != visibleEditions.contains(edition) { disagreements.append("\(relation) edition \(edition): page \(shown)") }
                if let reader {
                    #expect(EditionPolicy.canManage(reader, editionID: edition) == managed.contains(edition), "\(relation) manages \(edition)")
                }
            }
        }
        #expect(disagreements == [])
    }

    /// Applications and their documents by relation: applicant A and B, the reviewer assigned
    /// and one who is not, an admin. The list condition and the item page agree for each.
    @Test func applicationsAndTheirDocumentsAgreeBetweenListAndPage() throws {
        let world = try ScholarshipWorld()
        let call = try world.call(edition: try world.edition())
        let city = try world.city("Cajamarca")
        let applicantA = try world.official("a@policy.example", city: city)
        let applicantB = try world.official("b@policy.example", city: city)
        #expect(world.apply(try world.browser(applicantA), call).status == .seeOther)
        #expect(world.apply(try world.browser(applicantB), call).status == .seeOther)
        let a = try #require(try world.application(call, user: applicantA))
        let b = try #require(try world.application(call, user: applicantB))
        let assigned = try world.official("assigned@policy.example", city: nil, roles: ["reviewer:call=\(call.id)"])
        let unassigned = try world.official("unassigned@policy.example", city: nil, roles: ["reviewer:call=\(call.id)"])
        #expect(world.admin.post("/applications/\(a)/assign", [("reviewer_id", String(assigned))]).status == .seeOther)
        let readers: [(String, Int64?)] = [("visitor", nil), ("applicant A", applicantA), ("applicant B", applicantB), ("assigned reviewer", assigned),
                                           ("unassigned reviewer", unassigned), ("admin", world.adminID)]
        //                               visitor A    B    assigned unassigned admin
        let expected: [Int64: [Int]] = [a: [303, 200, 404, 303,    404,       200],
                                         b: [303, 404, 200, 404,    404,       200]]
        let documents = try world.db.query("SELECT id, filename, application_id FROM documents WHERE application_id IS NOT NULL ORDER BY id").map {
            (id: try $0["id"] as Int64, path: "/documents/\(try $0["id"] as Int64)/\(try $0["filename"] as String)", application: try $0["application_id"] as Int64)
        }
        var disagreements: [String] = []
        for (index, (name, id)) in readers.enumerated() {
            let browser = try id.map { try world.browser($0) } ?? TestApp(sharing: world.app)
            let reader = try id.flatMap { try Sessions.load(world.db, token: try world.app.sessionCookie(for: $0), settings: world.app.app.settings) }
            let listed = Set(try world.db.query("SELECT a.id FROM applications a WHERE \(ApplicationPolicy.visibleSQL(reader))").map { try $0["id"] as Int64 })
            for application in [a, b] {
                let status = browser.get("/applications/\(application)").status.rawValue
                if status != expected[application]?[index] { disagreements.append("\(name) GET /applications/\(application): \(status)") }
                let visible = status == 200 || (status == 303 && id != nil)
                if visible != listed.contains(application) { disagreements.append("\(name) application \(application): page \(visible), list \(!visible)") }
            }
            let readable = Set(try world.db.query("SELECT d.id FROM documents d WHERE d.application_id IS NOT NULL AND \(DocumentPolicy.visibleSQL(reader))").map { try $0["id"] as Int64 })
            for document in documents {
                let shown = browser.get(document.path).status == .ok
                if shown != readable.contains(document.id) { disagreements.append("\(name) \(document.path): download \(shown)") }
            }
        }
        #expect(disagreements == [])
        // The assigned reviewer reads the letter but not the staff-only endorsement of A.
        let reviewer = try world.browser(assigned)
        #expect(documents.filter { $0.application == a }.map { reviewer.get($0.path).status.rawValue } == [200, 404])
    }

    @Test func theTeachingHomeListsWhatThePersonTeachesOnly() throws {
        let page = try browser(.instructorOfAnother).get("/teaching")
        #expect(page.status == .ok)
        #expect(page.bodyText.contains("/editions/\(otherEdition)/roster"))
        #expect(!page.bodyText.contains("/editions/\(draftEdition)/roster"))
        #expect(!page.bodyText.contains("/editions/\(publishedEdition)/roster"))
    }

    @Test func aDraftCourseTellsItsStaffItIsADraft() throws {
        let page = try browser(.instructorOfThis).get("/courses/\(draftSlug)")
        #expect(page.bodyText.contains("Borrador: este curso aún no está publicado"))
        #expect(!(try browser(.admin).get("/courses/programa-pensamiento-estrategico-urbano").bodyText.contains("Borrador: este curso")))
    }
}
