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
        var readers: [Reader: Int64] = [:]
        for reader in Reader.allCases where reader != .visitor {
            let roles: [String]
            switch reader {
            case .admin: roles = ["admin"]
            case .moderator: roles = ["moderator"]
            case .instructor: roles = ["instructor:edition=\(editionID)"]
            default: roles = []
            }
            let id = try app.createUser("\(reader)@matrix.example", name: "\(reader)", verified: reader != .unverified, roles: roles)
            if reader == .reviewer {
                // Calls arrive with the scholarships feature; the grant itself is what matters here.
                try db.execute("INSERT INTO role_grants (user_id, role, scope_kind, scope_id) VALUES (\(id), 'reviewer', 'call', 1)")
            }
            readers[reader] = id
        }
        let target = try app.createUser("target@matrix.example", name: "Target")
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
        let capsule: Int64 = try db.query("SELECT id FROM courses WHERE kind = 'capsule' ORDER BY id LIMIT 1").first?["id"] ?? 0
        let certificate = try #require(try Certificates.issue(db, app: app.app, userID: target, kind: .capsule, courseID: capsule))

        func path(_ pattern: RoutePattern) -> String {
            var values: [String] = []
            for name in pattern.parameterNames {
                switch name {
                case "slug": values.append("programa-pensamiento-estrategico-urbano")
                case "token": values.append("no-such-token")
                case "code": values.append(certificate.code)
                case "grant", "enrollment", "session": values.append("999999")
                case "id":
                    let prefix = pattern.description
                    values.append(String(
                        prefix.hasPrefix("/admin/organizations") ? organization : prefix.hasPrefix("/admin/users") ? target
                            : prefix.hasPrefix("/admin/courses") ? course : prefix.hasPrefix("/documents") ? documents[0]
                            : prefix.hasPrefix("/admin/documents") ? documents[1] : editionID))
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
