import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The access matrix by relation to one thing, not only by global role: the teaching
/// team of this edition against another's, a participant of this edition against one of
/// another, the author of a post against another reader, the moderator of this forum
/// against a global one, the owner of a notification.
/// And each policy's two forms — the check for one item and the SQL condition for
/// lists — must agree reader by reader, thing by thing.
@Suite(.serialized) struct AccessPolicyTests {
    enum Relation: String, CaseIterable {
        case visitor, learner, participant, instructorOfThis, instructorOfAnother, admin
        case participantOfAnother, author, forumModerator, globalModerator
    }

    let app: TestApp
    let db: Connection
    let draftCourse: Int64
    let draftSlug = "curso-borrador-politicas"
    let draftEdition: Int64
    let publishedEdition: Int64
    let otherEdition: Int64
    /// The published edition's forum, the other edition's, and an open one; a topic with a
    /// post by `author` in the first, a topic in the second.
    let forum: Int64
    let otherForum: Int64
    let openForum: Int64
    let topic: Int64
    let post: Int64
    let otherTopic: Int64
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
        forum = try db.query("SELECT id FROM forums WHERE edition_id = \(publishedEdition)").first?["id"] ?? 0
        otherForum = try db.query("SELECT id FROM forums WHERE edition_id = \(otherEdition)").first?["id"] ?? 0
        openForum = try db.query("INSERT INTO forums (title, language) VALUES ('Foro abierto', 'es') RETURNING id").first?["id"] ?? 0
        let otherParticipant = try app.createUser("another-participant@policy.example")
        readers[.participantOfAnother] = otherParticipant
        try db.execute("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(otherEdition), \(otherParticipant), 'enrolled')")
        let author = try app.createUser("author@policy.example")
        readers[.author] = author
        try db.execute("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(publishedEdition), \(author), 'enrolled')")
        readers[.forumModerator] = try app.createUser("forum-moderator@policy.example", roles: ["moderator:forum=\(forum)"])
        readers[.globalModerator] = try app.createUser("moderator@policy.example", roles: ["moderator"])
        (topic, post) = try Self.write(db, in: forum, by: author)
        otherTopic = try Self.write(db, in: otherForum, by: otherParticipant).0
        _ = try Self.write(db, in: openForum, by: author)
        // A topic whose opening post waits for approval: its author's and the moderators' alone.
        _ = try Self.write(db, in: forum, by: author, status: "pending")
    }

    /// A topic with its opening post, written straight into the database.
    static func write(_ db: Connection, in forum: Int64, by author: Int64, status: String = "visible") throws -> (Int64, Int64) {
        let topic: Int64 = try db.query("""
            INSERT INTO forum_topics (forum_id, author_id, title, language) VALUES (\(forum), \(author), 'Tema', 'es') RETURNING id
            """).first?["id"] ?? 0
        let post: Int64 = try db.query("""
            INSERT INTO posts (topic_id, author_id, body, language, status) VALUES (\(topic), \(author), 'Mensaje', 'es', \(status)) RETURNING id
            """).first?["id"] ?? 0
        return (topic, post)
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
        //                                             visitor learner particip. this  another admin  p.other author f.mod global
        let expectations: [(String, [Int])] = [
            ("GET /courses/\(draftSlug)",                  [404,    404,    404,      200,  404,    200,   404,    404,   404,  404]),
            ("GET /editions/\(draftEdition)",              [404,    404,    404,      200,  404,    200,   404,    404,   404,  404]),
            ("GET /editions/\(publishedEdition)",          [200,    200,    200,      200,  200,    200,   200,    200,   200,  200]),
            ("GET /editions/\(publishedEdition)/roster",   [303,    403,    403,      200,  403,    200,   403,    403,   403,  403]),
            ("GET /editions/\(publishedEdition)/roster.csv", [303,  403,    403,      200,  403,    200,   403,    403,   403,  403]),
            ("GET /editions/\(draftEdition)/roster",       [303,    403,    403,      200,  403,    200,   403,    403,   403,  403]),
            // The edition's forum: its participants, teaching team, moderators and admins.
            ("GET /forums/\(forum)",                       [303,    404,    200,      200,  404,    200,   404,    200,   200,  200]),
            ("GET /topics/\(topic)",                       [303,    404,    200,      200,  404,    200,   404,    200,   200,  200]),
            ("GET /posts/\(post)",                         [303,    404,    303,      303,  404,    303,   404,    303,   303,  303]),
            ("GET /posts/\(post)/edit",                    [303,    404,    403,      403,  404,    403,   404,    200,   403,  403]),
            ("GET /posts/\(post)/revisions",               [303,    404,    403,      403,  404,    200,   404,    403,   200,  200]),
            ("GET /posts/\(post)/moderate",                [303,    404,    403,      403,  404,    200,   404,    403,   200,  200]),
            // Another edition's forum: this forum's moderator has no say there.
            ("GET /topics/\(otherTopic)",                  [303,    404,    404,      404,  200,    200,   200,    404,   404,  200]),
            ("GET /forums/\(openForum)",                   [303,    200,    200,      200,  200,    200,   200,    200,   200,  200]),
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
        let forums = try db.query("SELECT id FROM forums ORDER BY id").map { try $0["id"] as Int64 }
        let topics = try db.query("SELECT id FROM forum_topics ORDER BY id").map { try $0["id"] as Int64 }
        var disagreements: [String] = []
        for relation in Relation.allCases {
            let reader = try currentUser(relation)
            let visibleCourses = Set(try db.query("SELECT c.id FROM courses c WHERE \(CoursePolicy.visibleSQL(reader))").map { try $0["id"] as Int64 })
            let visibleEditions = Set(try db.query("""
                SELECT e.id FROM editions e JOIN courses c ON c.id = e.course_id WHERE \(EditionPolicy.visibleSQL(reader))
                """).map { try $0["id"] as Int64 })
            let managed = Set(try db.query("SELECT e.id FROM editions e WHERE \(EditionPolicy.managedSQL(reader))").map { try $0["id"] as Int64 })
            let visibleForums = Set(try db.query("SELECT f.id FROM forums f WHERE \(ForumPolicy.visibleSQL(reader))").map { try $0["id"] as Int64 })
            let visibleTopics = Set(try db.query("""
                SELECT t.id FROM forum_topics t JOIN forums f ON f.id = t.forum_id
                WHERE \(ForumPolicy.visibleSQL(reader)) AND \(ForumQueries.topicShownSQL(reader))
                """).map { try $0["id"] as Int64 })
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
            for forum in forums {
                let shown = browser.get("/forums/\(forum)").status == .ok
                if shown != visibleForums.contains(forum) { disagreements.append("\(relation) forum \(forum): page \(shown)") }
            }
            for topic in topics {
                let shown = browser.get("/topics/\(topic)").status == .ok
                if shown != visibleTopics.contains(topic) { disagreements.append("\(relation) topic \(topic): page \(shown)") }
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
