import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// For every route in the router's own table, the status each kind of reader gets.
/// A route without a row here fails the first test: no route ships without its row.
/// POSTs carry a valid CSRF token and an empty form, so what is tested is access.
@Suite(.serialized) struct AccessMatrixTests {
    enum Reader: Int, CaseIterable {
        case visitor, unverified, learner, instructor, moderator, reviewer, admin
    }

    //                                                   visitor unverif learner instr  moder  review admin
    static let matrix: [String: [Int]] = [
        "GET /":                                         [200,   200,    200,    200,   200,   200,   200],
        "GET /healthz":                                  [200,   200,    200,    200,   200,   200,   200],
        // Admins, or Prometheus with the bearer token (see OperationsTests); loopback is no credential.
        "GET /metrics":                                  [403,   403,    403,    403,   403,   403,   200],
        "POST /locale":                                  [422,   422,    422,    422,   422,   422,   422],
        "GET /courses":                                  [200,   200,    200,    200,   200,   200,   200],
        "GET /courses/{slug}":                           [200,   200,    200,    200,   200,   200,   200],
        // Editions and enrollment (the edition is open, free and open to all)
        "GET /editions/{id}":                            [200,   200,    200,    200,   200,   200,   200],
        "POST /editions/{id}/enroll":                    [403,   403,    303,    303,   303,   303,   303],
        // Withdrawing asks first: the page says what will happen; a post without `confirm` goes there.
        "GET /editions/{id}/withdraw":                   [303,   200,    200,    200,   200,   200,   200],
        "POST /editions/{id}/withdraw":                  [403,   303,    303,    303,   303,   303,   303],
        "GET /editions/{id}/roster":                     [303,   403,    403,    200,   403,   403,   200],
        "GET /editions/{id}/roster.csv":                 [303,   403,    403,    200,   403,   403,   200],
        "POST /editions/{id}/enrollments/{enrollment}/decide": [403, 403, 403,   422,   403,   403,   422],
        "POST /editions/{id}/enrollments/{enrollment}/assess": [403, 403, 403,   422,   403,   403,   422],
        "GET /editions/{id}/enrollments/{enrollment}/reject": [303, 403, 403,    404,   403,   403,   404],
        "GET /teaching":                                 [303,   403,    403,    200,   403,   403,   200],
        // Certificates: public to anyone with the link; the name correction is the holder's
        // (the target account here, none of these readers).
        "GET /certificates/{code}":                      [200,   200,    200,    200,   200,   200,   200],
        "GET /certificates/{code}.json":                 [200,   200,    200,    200,   200,   200,   200],
        "GET /issuer":                                   [200,   200,    200,    200,   200,   200,   200],
        "GET /certificates/{code}/name":                 [303,   403,    403,    403,   403,   403,   403],
        "POST /certificates/{code}/name":                [403,   403,    403,    403,   403,   403,   403],
        // Accounts
        "GET /register":                                 [200,   303,    303,    303,   303,   303,   303],
        "POST /register":                                [422,   422,    422,    422,   422,   422,   422],
        "GET /register/sent":                            [200,   200,    200,    200,   200,   200,   200],
        "GET /verify/{token}":                           [404,   404,    303,    303,   303,   303,   303],
        "POST /verify/{token}":                          [404,   404,    303,    303,   303,   303,   303],
        "GET /login":                                    [200,   303,    303,    303,   303,   303,   303],
        "POST /login":                                   [422,   422,    422,    422,   422,   422,   422],
        "GET /login/link/{token}":                       [404,   404,    404,    404,   404,   404,   404],
        "POST /login/link/{token}":                      [404,   404,    404,    404,   404,   404,   404],
        "POST /logout":                                  [403,   303,    303,    303,   303,   303,   303],
        "GET /password/forgot":                          [200,   200,    200,    200,   200,   200,   200],
        "POST /password/forgot":                         [422,   422,    422,    422,   422,   422,   422],
        "GET /password/reset/{token}":                   [404,   404,    404,    404,   404,   404,   404],
        "POST /password/reset/{token}":                  [404,   404,    404,    404,   404,   404,   404],
        "GET /me":                                       [303,   200,    200,    200,   200,   200,   200],
        "POST /me":                                      [403,   422,    422,    422,   422,   422,   422],
        "POST /me/password":                             [403,   422,    422,    422,   422,   422,   422],
        "POST /me/verification":                         [403,   303,    303,    303,   303,   303,   303],
        "GET /me/email":                                 [303,   200,    200,    200,   200,   200,   200],
        "POST /me/email":                                [403,   303,    303,    303,   303,   303,   303],
        "GET /me/export":                                [303,   200,    200,    200,   200,   200,   200],
        "GET /me/delete":                                [303,   200,    200,    200,   200,   200,   200],
        "POST /me/delete":                               [403,   422,    422,    422,   422,   422,   422],
        "GET /notifications":                            [303,   200,    200,    200,   200,   200,   200],
        "POST /notifications/read":                      [403,   303,    303,    303,   303,   303,   303],
        // Someone else's notification (the readers here have none): not found.
        "POST /notifications/{id}/open":                 [403,   404,    404,    404,   404,   404,   404],
        // Administration
        "GET /admin":                                    [303,   403,    403,    403,   403,   403,   200],
        "GET /admin/users":                              [303,   403,    403,    403,   403,   403,   200],
        "GET /admin/users/{id}":                         [303,   403,    403,    403,   403,   403,   200],
        "POST /admin/users/{id}/roles":                  [403,   403,    403,    403,   403,   403,   422],
        "POST /admin/users/{id}/roles/{grant}/revoke":   [403,   403,    403,    403,   403,   403,   404],
        "POST /admin/users/{id}/disable":                [403,   403,    403,    403,   403,   403,   303],
        "POST /admin/users/{id}/enable":                 [403,   403,    403,    403,   403,   403,   303],
        "POST /admin/users/{id}/affiliation":            [403,   403,    403,    403,   403,   403,   409],
        "GET /admin/organizations":                      [303,   403,    403,    403,   403,   403,   200],
        "GET /admin/organizations/new":                  [303,   403,    403,    403,   403,   403,   200],
        "POST /admin/organizations":                     [403,   403,    403,    403,   403,   403,   422],
        "GET /admin/organizations/{id}":                 [303,   403,    403,    403,   403,   403,   200],
        "POST /admin/organizations/{id}":                [403,   403,    403,    403,   403,   403,   422],
        "GET /admin/audit":                              [303,   403,    403,    403,   403,   403,   200],
        "GET /admin/certificates":                       [303,   403,    403,    403,   403,   403,   200],
        "GET /admin/certificates/{code}":                [303,   403,    403,    403,   403,   403,   200],
        // A revocation without its reason is refused: the public page states it.
        "POST /admin/certificates/{code}/revoke":        [403,   403,    403,    403,   403,   403,   422],
        "POST /admin/certificates/corrections/{id}/decide": [403, 403,   403,    403,   403,   403,   404],
        // Catalog administration: courses, editions, sessions, instructors
        "GET /admin/courses":                            [303,   403,    403,    403,   403,   403,   200],
        "GET /admin/courses/new":                        [303,   403,    403,    403,   403,   403,   200],
        "POST /admin/courses":                           [403,   403,    403,    403,   403,   403,   422],
        "GET /admin/courses/{id}":                       [303,   403,    403,    403,   403,   403,   200],
        "POST /admin/courses/{id}":                      [403,   403,    403,    403,   403,   403,   422],
        "GET /admin/courses/{id}/editions/new":          [303,   403,    403,    403,   403,   403,   200],
        "POST /admin/courses/{id}/editions":             [403,   403,    403,    403,   403,   403,   422],
        "GET /admin/editions/{id}":                      [303,   403,    403,    403,   403,   403,   200],
        "POST /admin/editions/{id}":                     [403,   403,    403,    403,   403,   403,   422],
        "POST /admin/editions/{id}/sessions":            [403,   403,    403,    403,   403,   403,   422],
        "GET /admin/editions/{id}/sessions/{session}/delete": [303, 403, 403,    403,   403,   403,   404],
        "POST /admin/editions/{id}/sessions/{session}/delete": [403, 403, 403,   403,   403,   403,   404],
        "POST /admin/editions/{id}/instructors":         [403,   403,    403,    403,   403,   403,   422],
        // Documents (attached to the published course of the edition above); an empty upload is a 422
        "GET /documents/{id}/{filename}":                [200,   200,    200,    200,   200,   200,   200],
        "POST /admin/courses/{id}/documents":            [403,   403,    403,    403,   403,   403,   422],
        "POST /admin/editions/{id}/documents":           [403,   403,    403,    403,   403,   403,   422],
        "GET /admin/documents/{id}/delete":              [303,   403,    403,    403,   403,   403,   200],
        "POST /admin/documents/{id}/delete":             [403,   403,    403,    403,   403,   403,   303],
        // Capsules (a published demo capsule; each reader starts it, then reads lesson 1 and
        // tries the quiz of its last lesson; the instructor authors this capsule)
        "GET /capsules":                                 [200,   200,    200,    200,   200,   200,   200],
        "GET /capsules/{slug}":                          [200,   200,    200,    200,   200,   200,   200],
        "POST /capsules/{slug}/start":                   [403,   403,    303,    303,   303,   303,   303],
        // An unverified reader could not start it: its lessons send back to the capsule.
        "GET /capsules/{slug}/lessons/{n}":              [303,   303,    200,    200,   200,   200,   200],
        "POST /capsules/{slug}/lessons/{n}/complete":    [403,   403,    303,    303,   303,   303,   303],
        "POST /capsules/{slug}/lessons/{n}/quiz/start":  [403,   403,    303,    303,   303,   303,   303],
        // A submission without its attempt is refused, never graded.
        "POST /capsules/{slug}/lessons/{n}/quiz":        [403,   403,    422,    422,   422,   422,   422],
        // Authoring: admins, and instructors of this capsule
        "GET /admin/capsules":                           [303,   403,    403,    200,   403,   403,   200],
        "GET /admin/capsules/new":                       [303,   403,    403,    403,   403,   403,   200],
        "POST /admin/capsules":                          [403,   403,    403,    403,   403,   403,   422],
        "GET /admin/capsules/{id}":                      [303,   403,    403,    200,   403,   403,   200],
        "POST /admin/capsules/{id}":                     [403,   403,    403,    422,   403,   403,   422],
        "POST /admin/capsules/{id}/publish":             [403,   403,    403,    303,   403,   403,   303],
        "POST /admin/capsules/{id}/unpublish":           [403,   403,    403,    303,   403,   403,   303],
        "GET /admin/capsules/{id}/preview":              [303,   403,    403,    200,   403,   403,   200],
        "GET /admin/capsules/{id}/preview/lessons/{n}":  [303,   403,    403,    200,   403,   403,   200],
        "POST /admin/capsules/{id}/lessons":             [403,   403,    403,    422,   403,   403,   422],
        "GET /admin/capsules/{id}/lessons/{lesson}":     [303,   403,    403,    200,   403,   403,   200],
        "POST /admin/capsules/{id}/lessons/{lesson}":    [403,   403,    403,    422,   403,   403,   422],
        "POST /admin/capsules/{id}/lessons/{lesson}/move": [403, 403,    403,    422,   403,   403,   422],
        "GET /admin/capsules/{id}/lessons/{lesson}/delete": [303, 403,   403,    200,   403,   403,   200],
        // Without `confirm`, to the page that asks.
        "POST /admin/capsules/{id}/lessons/{lesson}/delete": [403, 403,  403,    303,   403,   403,   303],
        "POST /admin/capsules/{id}/lessons/{lesson}/readings": [403, 403, 403,   422,   403,   403,   422],
        "POST /admin/capsules/{id}/lessons/{lesson}/readings/{reading}/delete": [403, 403, 403, 404, 403, 403, 404],
        "POST /admin/capsules/{id}/lessons/{lesson}/quiz": [403, 403,    403,    422,   403,   403,   422],
        "GET /admin/capsules/{id}/lessons/{lesson}/quiz/delete": [303, 403, 403,  200,   403,   403,   200],
        "POST /admin/capsules/{id}/lessons/{lesson}/quiz/delete": [403, 403, 403, 303,   403,   403,   303],
        "GET /admin/capsules/{id}/lessons/{lesson}/questions/new": [303, 403, 403, 200,  403,   403,   200],
        "POST /admin/capsules/{id}/lessons/{lesson}/questions": [403, 403, 403,  422,   403,   403,   422],
        "GET /admin/capsules/{id}/questions/{question}": [303,   403,    403,    200,   403,   403,   200],
        "POST /admin/capsules/{id}/questions/{question}": [403,  403,    403,    422,   403,   403,   422],
        "GET /admin/capsules/{id}/questions/{question}/delete": [303, 403, 403,  200,   403,   403,   200],
        "POST /admin/capsules/{id}/questions/{question}/delete": [403, 403, 403, 303,   403,   403,   303],
        // Numbers for staff
        "GET /admin/capsules/{id}/stats":                [303,   403,    403,    200,   403,   403,   200],
        "GET /admin/capsules/{id}/stats.csv":            [303,   403,    403,    200,   403,   403,   200],
        "POST /admin/capsules/{id}/extra-attempts":      [403,   403,    403,    422,   403,   403,   422],
        // Forums: the forum of the edition above (its instructor teaches it; the learner, the
        // unverified account and the reviewer take no part in it, so it is not found for them),
        // a topic there and a post in it by the target account. Empty forms come back with 422.
        "GET /forums":                                   [303,   200,    200,    200,   200,   200,   200],
        "GET /forums/{id}":                              [303,   404,    404,    200,   200,   404,   200],
        "GET /forums/{id}/topics/new":                   [303,   404,    404,    200,   200,   404,   200],
        "POST /forums/{id}/topics":                      [403,   404,    404,    422,   422,   404,   422],
        "POST /forums/{id}/follow":                      [403,   404,    404,    303,   303,   404,   303],
        // The teaching team's participation report; moderators read the forum but do not teach.
        "GET /forums/{id}/report":                       [303,   404,    404,    200,   403,   404,   200],
        "GET /forums/{id}/report.csv":                   [303,   404,    404,    200,   403,   404,   200],
        "GET /forums/preferences":                       [303,   200,    200,    200,   200,   200,   200],
        // Search shows each reader only what they may read (ForumSearchTests).
        "GET /search":                                   [303,   200,    200,    200,   200,   200,   200],
        "POST /forums/preferences":                      [403,   422,    422,    422,   422,   422,   422],
        "GET /topics/{id}":                              [303,   404,    404,    200,   200,   404,   200],
        "POST /topics/{id}/posts":                       [403,   404,    404,    422,   422,   404,   422],
        "POST /topics/{id}/follow":                      [403,   404,    404,    303,   303,   404,   303],
        "GET /posts/{id}":                               [303,   404,    404,    303,   303,   404,   303],
        "GET /posts/{id}/reply":                         [303,   404,    404,    200,   200,   404,   200],
        // Editing and deleting are the author's alone (the target account here).
        "GET /posts/{id}/edit":                          [303,   404,    404,    403,   403,   404,   403],
        "POST /posts/{id}/edit":                         [403,   404,    404,    403,   403,   404,   403],
        "GET /posts/{id}/delete":                        [303,   404,    404,    403,   403,   404,   403],
        "POST /posts/{id}/delete":                       [403,   404,    404,    403,   403,   404,   403],
        "POST /posts/{id}/request-review":               [403,   404,    404,    403,   403,   404,   403],
        "GET /posts/{id}/revisions":                     [303,   404,    404,    403,   200,   404,   200],
        "GET /posts/{id}/flag":                          [303,   404,    404,    200,   200,   404,   200],
        "POST /posts/{id}/flag":                         [403,   403,    404,    422,   422,   404,   422],
        // Moderation: moderators (global here) and admins; the teaching team reads but does not moderate.
        "GET /moderation":                               [303,   403,    403,    403,   200,   403,   200],
        "GET /posts/{id}/moderate":                      [303,   404,    404,    403,   200,   404,   200],
        "POST /posts/{id}/hide":                         [403,   404,    404,    403,   422,   404,   422],
        "POST /posts/{id}/restore":                      [403,   404,    404,    403,   422,   404,   422],
        "POST /posts/{id}/review":                       [403,   404,    404,    403,   422,   404,   422],
        // The teaching team sets its topics' prompts there (an empty form: no prompt).
        "GET /topics/{id}/moderate":                     [303,   404,    404,    200,   200,   404,   200],
        "POST /topics/{id}/lock":                        [403,   404,    404,    403,   422,   404,   422],
        "POST /topics/{id}/unlock":                      [403,   404,    404,    403,   422,   404,   422],
        "POST /topics/{id}/pin":                         [403,   404,    404,    403,   422,   404,   422],
        "POST /topics/{id}/unpin":                       [403,   404,    404,    403,   422,   404,   422],
        // An edition's topic never moves to another forum.
        "POST /topics/{id}/move":                        [403,   404,    404,    403,   409,   404,   409],
        "POST /topics/{id}/slow-mode":                   [403,   404,    404,    403,   422,   404,   422],
        "POST /topics/{id}/prompt":                      [403,   404,    404,    303,   403,   404,   303],
        "GET /users/{id}/suspend":                       [303,   403,    403,    403,   200,   403,   200],
        "POST /users/{id}/suspend":                      [403,   403,    403,    403,   422,   403,   422],
        "POST /users/{id}/unsuspend":                    [403,   403,    403,    403,   422,   403,   422],
        "GET /admin/forums":                             [303,   403,    403,    403,   403,   403,   200],
        "POST /admin/forums":                            [403,   403,    403,    403,   403,   403,   422],
        "GET /admin/forums/{id}":                        [303,   403,    403,    403,   403,   403,   200],
        "POST /admin/forums/{id}":                       [403,   403,    403,    403,   403,   403,   303],
        // Scholarships (an open call for the edition above; the target's application, under
        // review by the reviewer; none of these readers belongs to a member city)
        "GET /scholarships":                             [200,   200,    200,    200,   200,   200,   200],
        "GET /scholarships/{call}":                      [200,   200,    200,    200,   200,   200,   200],
        // Told why not before writing anything; a post the rules refuse is 409.
        "GET /scholarships/{call}/apply":                [303,   200,    200,    200,   200,   200,   200],
        "POST /scholarships/{call}/apply":               [403,   403,    409,    409,   409,   409,   409],
        // Someone else's application is not found; its reviewer goes to the review page.
        "GET /applications/{id}":                        [303,   404,    404,    404,   404,   303,   200],
        "GET /applications/{id}/withdraw":               [303,   404,    404,    404,   404,   403,   403],
        "POST /applications/{id}/withdraw":              [403,   404,    404,    404,   404,   403,   403],
        "POST /applications/{id}/accept":                [403,   404,    404,    404,   404,   403,   403],
        "GET /applications/{id}/decline":                [303,   404,    404,    404,   404,   403,   403],
        "POST /applications/{id}/decline":               [403,   404,    404,    404,   404,   403,   403],
        "GET /review":                                   [303,   403,    403,    403,   403,   200,   200],
        "GET /applications/{id}/review":                 [303,   404,    404,    404,   404,   200,   303],
        // Scores missing: the form again. Then the reviewer declares a conflict (the last of its rows).
        "POST /applications/{id}/review":                [403,   404,    404,    404,   404,   422,   403],
        "POST /applications/{id}/conflict":              [403,   404,    404,    404,   404,   303,   403],
        // The committee: admins
        "GET /admin/scholarships":                       [303,   403,    403,    403,   403,   403,   200],
        "GET /admin/scholarships/new":                   [303,   403,    403,    403,   403,   403,   200],
        "POST /admin/scholarships":                      [403,   403,    403,    403,   403,   403,   422],
        "GET /admin/scholarships/{call}/settings":       [303,   403,    403,    403,   403,   403,   200],
        "POST /admin/scholarships/{call}/settings":      [403,   403,    403,    403,   403,   403,   422],
        "POST /admin/scholarships/{call}/questions":     [403,   403,    403,    403,   403,   403,   422],
        "POST /admin/scholarships/{call}/questions/{item}/delete": [403, 403, 403, 403, 403,   403,   404],
        "POST /admin/scholarships/{call}/documents":     [403,   403,    403,    403,   403,   403,   422],
        "POST /admin/scholarships/{call}/documents/{item}/delete": [403, 403, 403, 403, 403,   403,   404],
        "POST /admin/scholarships/{call}/criteria":      [403,   403,    403,    403,   403,   403,   422],
        "POST /admin/scholarships/{call}/criteria/{item}/delete": [403, 403, 403,  403, 403,   403,   404],
        "GET /admin/scholarships/{call}":                [303,   403,    403,    403,   403,   403,   200],
        "POST /admin/scholarships/{call}/assign":        [403,   403,    403,    403,   403,   403,   303],
        "POST /applications/{id}/assign":                [403,   403,    403,    403,   403,   403,   422],
        "POST /applications/{id}/decide":                [403,   403,    403,    403,   403,   403,   422],
        // Releasing asks first: a post without `confirm` goes to that page.
        "GET /admin/scholarships/{call}/release":        [303,   403,    403,    403,   403,   403,   200],
        "POST /admin/scholarships/{call}/release":       [403,   403,    403,    403,   403,   403,   303],
        "GET /admin/scholarships/{call}/applications.csv": [303, 403,    403,    403,   403,   403,   200],
        "GET /admin/scholarships/{call}/stats":          [303,   403,    403,    403,   403,   403,   200],
    ]

    static func key(_ route: Route<Handler>) -> String { "\(route.method) \(route.pattern)" }

    @Test func everyRouteHasARowAndEveryRowARoute() {
        let routes = Set(CampusApp.routes.map(AccessMatrixTests.key))
        let rows = Set(AccessMatrixTests.matrix.keys)
        #expect(routes.subtracting(rows).sorted() == [], "routes without a row in the access matrix")
        #expect(rows.subtracting(routes).sorted() == [], "rows for routes that do not exist")
        for (row, statuses) in AccessMatrixTests.matrix { #expect(statuses.count == Reader.allCases.count, "\(row)") }
    }

    @Test func everyReaderGetsTheExpectedStatus() throws {
        let app = try TestApp()
        let db = try app.connect()
        // An edition open now, free and open to all, with room: enrolling answers 303 for everyone allowed.
        let editionID: Int64 = try db.query("""
            SELECT id FROM editions WHERE now() BETWEEN enrollment_opens_at AND enrollment_closes_at
              AND admission = 'open' AND fee = 0 AND starts_on > current_date ORDER BY capacity DESC, id LIMIT 1
            """).first?["id"] ?? 0
        #expect(editionID > 0)
        // A published demo capsule whose last lesson has the quiz.
        let capsule = try #require(try db.query("""
            SELECT c.id, c.slug, (SELECT min(l.id) FROM lessons l WHERE l.course_id = c.id) AS first_lesson,
                   (SELECT l.id FROM lessons l JOIN quizzes q ON q.lesson_id = l.id WHERE l.course_id = c.id) AS quiz_lesson,
                   (SELECT l.position FROM lessons l JOIN quizzes q ON q.lesson_id = l.id WHERE l.course_id = c.id) AS quiz_position,
                   (SELECT min(qq.id) FROM lessons l JOIN quizzes q ON q.lesson_id = l.id JOIN questions qq ON qq.quiz_id = q.id
                    WHERE l.course_id = c.id) AS question
            FROM courses c WHERE c.slug = 'capsula-estrategia-urbana'
            """).first.map { row in
            (id: try row["id"] as Int64, slug: try row["slug"] as String, firstLesson: try row["first_lesson"] as Int64,
             quizLesson: try row["quiz_lesson"] as Int64, quizPosition: try row["quiz_position"] as Int, question: try row["question"] as Int64)
        })
        // An open call for that edition, with a criterion to score.
        let call: Int64 = try db.query("""
            INSERT INTO scholarship_calls (edition_id, title, opens_at, closes_at, quota, published)
            VALUES (\(editionID), 'Becas de la matriz', now() - interval '1 day', now() + interval '10 days', 2, true) RETURNING id
            """).first?["id"] ?? 0
        try db.execute("INSERT INTO call_criteria (call_id, name, weight) VALUES (\(call), 'Pertinencia', 1)")
        var readers: [Reader: Int64] = [:]
        for reader in Reader.allCases where reader != .visitor {
            let roles: [String]
            switch reader {
            case .admin: roles = ["admin"]
            case .moderator: roles = ["moderator"]
            case .instructor: roles = ["instructor:edition=\(editionID)", "instructor:course=\(capsule.id)"]
            case .reviewer: roles = ["reviewer:call=\(call)"]
            default: roles = []
            }
            readers[reader] = try app.createUser("\(reader)@matrix.example", name: "\(reader)", verified: reader != .unverified, roles: roles)
        }
        let target = try app.createUser("target@matrix.example", name: "Target")
        let application: Int64 = try db.query("""
            INSERT INTO applications (call_id, user_id, status, submitted_at, eligibility) VALUES (\(call), \(target), 'under_review', now(), 'active')
            RETURNING id
            """).first?["id"] ?? 0
        try db.execute("INSERT INTO review_assignments (application_id, reviewer_id) VALUES (\(application), \(readers[.reviewer] ?? 0))")
        let organization: Int64 = try db.query("SELECT id FROM organizations ORDER BY id LIMIT 1").first?["id"] ?? 0
        let course: Int64 = try db.query("SELECT course_id FROM editions WHERE id = \(editionID)").first?["course_id"] ?? 0
        #expect(course > 0)
        // One document to download, another to delete (the admin's POST, after every GET of it).
        let documents: [Int64] = try ["programa.pdf", "borrar.pdf"].map { name in
            let id: Int64 = try db.query("""
                INSERT INTO documents (owner_kind, owner_id, filename, media_type, size, sha256)
                VALUES ('course', \(course), \(name), 'application/pdf', 9, sha256(convert_to(\(name), 'UTF8'))) RETURNING id
                """).first?["id"] ?? 0
            try db.execute("INSERT INTO document_contents (document_id, bytes) VALUES (\(id), \(ByteArray(Array("%PDF-1.7\n".utf8))))")
            return id
        }
        // The edition's forum, a topic there and a post in it, both the target account's.
        let forum: Int64 = try db.query("SELECT id FROM forums WHERE edition_id = \(editionID)").first?["id"] ?? 0
        let topic: Int64 = try db.query("""
            INSERT INTO forum_topics (forum_id, author_id, title, language) VALUES (\(forum), \(target), 'Tema de la matriz', 'es') RETURNING id
            """).first?["id"] ?? 0
        let post: Int64 = try db.query("""
            INSERT INTO posts (topic_id, author_id, body, language) VALUES (\(topic), \(target), 'Primer mensaje', 'es') RETURNING id
            """).first?["id"] ?? 0
        let certifiedCapsule: Int64 = try db.query("SELECT id FROM courses WHERE kind = 'capsule' ORDER BY id LIMIT 1").first?["id"] ?? 0
        let certificate = try #require(try Certificates.issue(db, app: app.app, userID: target, kind: .capsule, courseID: certifiedCapsule))

        func path(_ pattern: RoutePattern) -> String {
            var values: [String] = []
            let text = pattern.description
            let isQuiz = text.contains("/quiz") || text.contains("/questions")
            for name in pattern.parameterNames {
                switch name {
                case "slug" where text.hasPrefix("/capsules"): values.append(capsule.slug)
                case "n": values.append(String(isQuiz ? capsule.quizPosition : 1))
                case "lesson": values.append(String(isQuiz ? capsule.quizLesson : capsule.firstLesson))
                case "question": values.append(String(capsule.question))
                case "id" where text.hasPrefix("/admin/capsules"): values.append(String(capsule.id))
                case "id" where text.hasPrefix("/forums") || text.hasPrefix("/admin/forums"): values.append(String(forum))
                case "id" where text.hasPrefix("/topics"): values.append(String(topic))
                case "id" where text.hasPrefix("/posts"): values.append(String(post))
                case "id" where text.hasPrefix("/users"): values.append(String(target))
                case "slug": values.append("programa-pensamiento-estrategico-urbano")
                case "token": values.append("no-such-token")
                case "code": values.append(certificate.code)
                case "grant", "enrollment", "session": values.append("999999")
                case "grant", "enrollment", "session", "reading", "item": values.append("999999")
                case "call": values.append(String(call))
                case "id":
                    let prefix = pattern.description
                    values.append(String(
                        prefix.hasPrefix("/admin/organizations") ? organization : prefix.hasPrefix("/admin/users") ? target
                            : prefix.hasPrefix("/admin/courses") ? course : prefix.hasPrefix("/documents") ? documents[0]
                            : prefix.hasPrefix("/admin/documents") ? documents[1] : prefix.hasPrefix("/applications") ? application : editionID))
                default: values.append("1")
                }
            }
            return pattern.path(filling: values)
        }

        var mismatches: [String] = []
        for route in CampusApp.routes {
            let key = AccessMatrixTests.key(route)
            guard let expected = AccessMatrixTests.matrix[key] else { continue }
            for reader in Reader.allCases {
                let browser = try TestApp(sharing: app)
                // A fresh session for every request: POST /logout ends the one it is given.
                if let id = readers[reader] { browser.cookies["campus_session"] = try app.sessionCookie(for: id) }
                let response = route.method == "GET" ? browser.get(path(route.pattern)) : browser.post(path(route.pattern), [])
                if response.status.rawValue != expected[reader.rawValue] {
                    mismatches.append("\(key) as \(reader): got \(response.status.rawValue), expected \(expected[reader.rawValue])")
                }
            }
        }
        #expect(mismatches == [])
    }
}
