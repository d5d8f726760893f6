import Foundation
import Postgres
import TestSupport
import Web

/// Every main page of Campus, by who reads it: the tour that the HTML checker and the
/// accessibility check both take. Built on the demo data, plus editions open now and a
/// live reset link, so the pages show what they show in use: lists, forms, states, a
/// form sent back with its errors, a flash after an action, error pages.
struct MainPages {
    /// Who reads a page, as a demo account (the visitor is not signed in). `awaiting` is a
    /// member whose affiliation waits for confirmation; both they and the moderator read in
    /// Portuguese.
    enum Reader: String, CaseIterable, Sendable {
        case visitor, learner, awaiting, unverified, instructor, moderator, reviewer, admin

        var email: String? {
            switch self {
            case .visitor: nil
            case .learner: "alcaldesa@campus.example"
            case .awaiting: "concejal@campus.example"
            case .unverified: "tecnica@campus.example"
            case .instructor: "instructora@campus.example"
            case .moderator: "moderador@campus.example"
            case .reviewer: "evaluadora@campus.example"
            case .admin: "admin@campus.example"
            }
        }
    }

    /// A page opened at `path` or, when `form` is set, the page that comes of submitting
    /// the form whose action is `form` on the page at `path`, with `fields` filled in, by
    /// its first submit button or by the one named `button` (a preview).
    struct Page: Sendable, CustomStringConvertible {
        let reader: Reader
        let path: String
        var form: String? = nil
        var fields: [(name: String, value: String)] = []
        var button: (name: String, value: String)? = nil
        /// What opening `path` answers: the page itself, or a refusal shown on purpose.
        var status = 200

        var description: String {
            "\(reader.rawValue): " + (form.map { "POST \($0)\(button.map { " (\($0.name))" } ?? "") (from \(path))" } ?? "GET \(path)")
        }
    }

    static let password = "campus-demo-2026"

    let pages: [Page]

    func pages(for reader: Reader) -> [Page] { pages.filter { $0.reader == reader } }

    init(_ database: TestDatabase) throws {
        let s = try Subjects(database.connect())
        pages = MainPages.signedOut(s) + MainPages.learners(s) + MainPages.staff(s) + MainPages.forums(try ForumSubjects(database.connect()))
            + MainPages.scholarships(try ScholarshipSubjects(database.connect()))
    }

    static func signedOut(_ s: Subjects) -> [Page] {
        [
            Page(reader: .visitor, path: "/"),
            Page(reader: .visitor, path: "/courses"),
            Page(reader: .visitor, path: "/courses?q=gobernanza"),
            Page(reader: .visitor, path: "/courses?q=zzzzzz"),
            Page(reader: .visitor, path: "/courses/\(s.course)"),
            Page(reader: .visitor, path: "/courses/\(s.markdownCourse)"),
            Page(reader: .visitor, path: "/editions/\(s.edition)"),
            Page(reader: .visitor, path: "/login"),
            Page(reader: .visitor, path: "/login", form: "/login", fields: [("email", "alcaldesa@campus.example"), ("password", "not the password")]),
            Page(reader: .visitor, path: "/register"),
            Page(reader: .visitor, path: "/register", form: "/register", fields: [("email", "not an address"), ("password", "short")]),
            Page(reader: .visitor, path: "/register/sent"),
            Page(reader: .visitor, path: "/password/forgot"),
            Page(reader: .visitor, path: "/password/forgot", form: "/password/forgot", fields: [("email", "not an address")]),
            Page(reader: .visitor, path: "/password/reset/\(s.reset)"),
            Page(reader: .visitor, path: "/password/reset/\(s.reset)", form: "/password/reset/\(s.reset)", fields: [("new_password", "short")]),
            Page(reader: .visitor, path: "/no-such-page", status: 404),
        ]
    }

    static func learners(_ s: Subjects) -> [Page] {
        [
            Page(reader: .learner, path: "/editions/\(s.open)", form: "/editions/\(s.open)/enroll"),
            Page(reader: .learner, path: "/editions/\(s.open)/withdraw"),
            Page(reader: .learner, path: "/me"),
            Page(reader: .learner, path: "/me", form: "/me", fields: [("name", "")]),
            Page(reader: .learner, path: "/me", form: "/me/password", fields: [("current_password", "not the password"), ("new_password", "short")]),
            Page(reader: .learner, path: "/me/email"),
            Page(reader: .learner, path: "/me/delete"),
            Page(reader: .learner, path: "/me/delete", form: "/me/delete", fields: [("password", "not the password")]),
            Page(reader: .learner, path: "/notifications"),
            Page(reader: .learner, path: "/admin", status: 403),

            // The edition says before any click why this member may not enroll yet.
            Page(reader: .awaiting, path: "/editions/\(s.members)"),

            Page(reader: .unverified, path: "/me"),
            Page(reader: .unverified, path: "/editions/\(s.open)"),
        ]
    }

    static func staff(_ s: Subjects) -> [Page] {
        [
            Page(reader: .instructor, path: "/editions/\(s.teaching)/roster"),
            Page(reader: .instructor, path: "/teaching"),

            Page(reader: .admin, path: "/admin"),
            Page(reader: .admin, path: "/admin/users"),
            Page(reader: .admin, path: "/admin/users?q=silva"),
            Page(reader: .admin, path: "/admin/users/\(s.awaiting)"),
            Page(reader: .admin, path: "/admin/users/\(s.awaiting)", form: "/admin/users/\(s.awaiting)/roles", fields: [("role", "moderator"), ("scope", "global")]),
            Page(reader: .admin, path: "/admin/users/\(s.awaiting)", form: "/admin/users/\(s.awaiting)/roles", fields: [("role", "instructor"), ("scope", "edition")]),
            Page(reader: .admin, path: "/admin/users/\(s.staff)"),
            Page(reader: .admin, path: "/admin/organizations"),
            Page(reader: .admin, path: "/admin/organizations/new"),
            Page(reader: .admin, path: "/admin/organizations/new", form: "/admin/organizations"),
            Page(reader: .admin, path: "/admin/organizations/\(s.city)"),
            Page(reader: .admin, path: "/admin/courses"),
            Page(reader: .admin, path: "/admin/courses/new"),
            Page(reader: .admin, path: "/admin/courses/new", form: "/admin/courses"),
            Page(reader: .admin, path: "/admin/courses/\(s.courseID)"),
            Page(reader: .admin, path: "/admin/courses/\(s.courseID)", form: "/admin/courses/\(s.courseID)",
                 fields: [("description", Subjects.markdown)], button: ("preview", "1")),
            Page(reader: .admin, path: "/admin/courses/\(s.courseID)/editions/new"),
            Page(reader: .admin, path: "/admin/courses/\(s.courseID)/editions/new", form: "/admin/courses/\(s.courseID)/editions"),
            Page(reader: .admin, path: "/admin/editions/\(s.edition)"),
            Page(reader: .admin, path: "/admin/editions/\(s.edition)", form: "/admin/editions/\(s.edition)/sessions"),
            Page(reader: .admin, path: "/admin/editions/\(s.edition)", form: "/admin/editions/\(s.edition)/sessions",
                 fields: [("description", Subjects.markdown)], button: ("preview", "1")),
            Page(reader: .admin, path: "/admin/editions/\(s.edition)", form: "/admin/editions/\(s.edition)/instructors", fields: [("email", "nobody@example.org")]),
            Page(reader: .admin, path: "/admin/audit"),
            Page(reader: .admin, path: "/admin/audit?action=role.grant"),
            Page(reader: .admin, path: "/editions/\(s.pending)/roster"),
            Page(reader: .admin, path: "/editions/\(s.finished)/roster"),
        ]
    }
}

extension MainPages {
    /// The demo's scholarship calls: the open one, blind, with the learner's draft and the
    /// reviewer's assignments; the closed one with its awards.
    static func scholarships(_ s: ScholarshipSubjects) -> [Page] {
        [
            Page(reader: .visitor, path: "/scholarships"),
            Page(reader: .visitor, path: "/scholarships/\(s.open)"),
            Page(reader: .learner, path: "/scholarships"),
            Page(reader: .learner, path: "/scholarships/\(s.open)/apply"),
            // Submitting a draft that lacks its documents names what is missing.
            Page(reader: .learner, path: "/scholarships/\(s.open)/apply", form: "/scholarships/\(s.open)/apply", fields: [("action", "submit")]),
            Page(reader: .learner, path: "/applications/\(s.draft)"),
            Page(reader: .learner, path: "/applications/\(s.draft)/withdraw"),
            // An affiliation awaiting confirmation is told why before anything is written.
            Page(reader: .awaiting, path: "/scholarships/\(s.open)/apply"),
            Page(reader: .reviewer, path: "/review"),
            Page(reader: .reviewer, path: "/applications/\(s.reviewed)/review"),
            Page(reader: .reviewer, path: "/applications/\(s.toReview)/review", form: "/applications/\(s.toReview)/review", fields: [("comment", "Sin puntuar.")]),
            Page(reader: .admin, path: "/admin/scholarships"),
            Page(reader: .admin, path: "/admin/scholarships/new"),
            Page(reader: .admin, path: "/admin/scholarships/new", form: "/admin/scholarships"),
            Page(reader: .admin, path: "/admin/scholarships/\(s.open)/settings"),
            Page(reader: .admin, path: "/admin/scholarships/\(s.open)/settings", form: "/admin/scholarships/\(s.open)/questions"),
            Page(reader: .admin, path: "/admin/scholarships/\(s.open)"),
            Page(reader: .admin, path: "/applications/\(s.reviewed)"),
            Page(reader: .admin, path: "/admin/scholarships/\(s.open)/release"),
            Page(reader: .admin, path: "/admin/scholarships/\(s.closed)"),
            Page(reader: .admin, path: "/admin/scholarships/\(s.closed)/stats"),
            Page(reader: .admin, path: "/admin/audit?action=application.review"),
        ]
    }
}

/// The demo's calls and applications the scholarship pages show, as path segments.
struct ScholarshipSubjects {
    let open, closed, draft, reviewed, toReview: String

    init(_ db: Connection) throws {
        func id(_ sql: SQL) throws -> String { String(try db.query(sql).first?["id"] as Int64? ?? 0) }
        open = try id("SELECT id FROM scholarship_calls WHERE released_at IS NULL ORDER BY id LIMIT 1")
        closed = try id("SELECT id FROM scholarship_calls WHERE released_at IS NOT NULL ORDER BY id LIMIT 1")
        draft = try id("SELECT a.id FROM applications a JOIN users u ON u.id = a.user_id WHERE u.email = 'alcaldesa@campus.example'")
        let mine: SQL = """
            FROM applications a JOIN review_assignments ra ON ra.application_id = a.id JOIN users u ON u.id = ra.reviewer_id
            LEFT JOIN reviews r ON r.assignment_id = ra.id
            WHERE u.email = 'evaluadora@campus.example' AND a.status = 'under_review' AND a.call_id = \(Int64(open) ?? 0)
            """
        reviewed = try id("SELECT a.id \(mine) AND r.assignment_id IS NOT NULL ORDER BY a.id LIMIT 1")
        toReview = try id("SELECT a.id \(mine) AND r.assignment_id IS NULL ORDER BY a.id LIMIT 1")
    }
}

/// What the pages are about, from the demo data and a few additions, as path segments.
struct Subjects {
    let open, members, reset, course, courseID, edition, pending, finished, teaching, awaiting, staff, city, markdownCourse: String

    /// A description using all the Markdown the renderer takes.
    static let markdown = """
        Para **equipos municipales** que quieren *empezar ya*.

        # Qué aprenderá

        - a leer su territorio con datos;
        - a priorizar con la ciudadanía.

        > Una ciudad se piensa a largo plazo.

        1. Diagnóstico
        2. Proyectos

        Vea `el programa` y la [Nueva Agenda Urbana](https://habitat3.org/the-new-urban-agenda/).
        """

    init(_ db: Connection) throws {
        // Editions open now: one anybody may join, one for members only, whose members
        // with an affiliation still awaiting confirmation are told why they may not.
        func openEdition(_ name: String, admission: String) throws -> String {
            String(try db.query("""
                INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at, enrollment_closes_at, capacity, admission)
                SELECT id, \(name), 'es', current_date + 30, current_date + 80, now() - interval '1 day', now() + interval '20 days', 25, \(admission)
                FROM courses WHERE title ILIKE 'Movilidad urbana sostenible%' RETURNING id
                """).first?["id"] as Int64? ?? 0)
        }
        open = try openEdition("Cohorte abierta de prueba", admission: "open")
        members = try openEdition("Cohorte para miembros", admission: "members")
        // A live password-reset link for the learner, as the email would carry it.
        let reset = Crypto.randomToken()
        self.reset = reset
        try db.execute("""
            INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at)
            SELECT \(ByteArray(Crypto.sha256(Array(reset.utf8)))), id, 'reset', now() + interval '1 hour' FROM users WHERE email = 'alcaldesa@campus.example'
            """)
        func id(_ sql: SQL) throws -> String { String(try db.query(sql).first?["id"] as Int64? ?? 0) }
        let course: String = try db.query("""
            SELECT c.slug FROM courses c JOIN editions e ON e.course_id = c.id WHERE c.published
            GROUP BY c.slug ORDER BY count(*) DESC, c.slug LIMIT 1
            """).first?["slug"] ?? ""
        self.course = course
        courseID = try id("SELECT id FROM courses WHERE slug = \(course)")
        edition = try id("""
            SELECT e.id FROM editions e JOIN edition_sessions s ON s.edition_id = e.id
            GROUP BY e.id ORDER BY (e.modality = 'hybrid') DESC, count(*) DESC, e.id LIMIT 1
            """)
        pending = try id("SELECT edition_id AS id FROM enrollments WHERE status = 'pending' ORDER BY edition_id LIMIT 1")
        finished = try id("SELECT edition_id AS id FROM enrollments WHERE status = 'completed' ORDER BY edition_id LIMIT 1")
        teaching = try id("""
            SELECT g.scope_id AS id FROM role_grants g JOIN users u ON u.id = g.user_id
            WHERE u.email = 'instructora@campus.example' AND g.role = 'instructor' ORDER BY g.scope_id LIMIT 1
            """)
        awaiting = try id("SELECT id FROM users WHERE email = 'concejal@campus.example'")
        staff = try id("SELECT id FROM users WHERE email = 'instructora@campus.example'")
        city = try id("SELECT id FROM organizations ORDER BY name LIMIT 1")
        markdownCourse = "ciudades-hexagonales"
        try db.execute("UPDATE courses SET description = \(Subjects.markdown) WHERE slug = \(markdownCourse)")
    }
}
