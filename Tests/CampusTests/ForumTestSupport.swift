import Foundation
import Postgres
import TestSupport
@testable import Campus
@testable import Web

/// An edition with its forum, an open network forum, and people in every relation to
/// them: a participant, one of another edition, an outsider, the teaching team, a
/// moderator of this forum, a global moderator and an admin.
struct ForumFixture {
    let app: TestApp
    let db: Connection
    let edition: Int64
    let otherEdition: Int64
    let forum: Int64
    let openForum: Int64
    let participant: Int64
    let otherParticipant: Int64
    let outsider: Int64
    let instructor: Int64
    let forumModerator: Int64
    let moderator: Int64
    let admin: Int64

    init(_ app: TestApp) throws {
        self.app = app
        db = try app.connect()
        let editions = EditionMaker(db: db)
        edition = try editions.make(name: "Edición del foro")
        otherEdition = try editions.make(name: "Otra edición")
        forum = try db.query("SELECT id FROM forums WHERE edition_id = \(edition)").first?["id"] ?? 0
        openForum = try db.query("""
            INSERT INTO forums (title, description, language, network) VALUES ('Ciudades cuidadoras', 'Cuidados y ciudad.', 'es', 'andina')
            RETURNING id
            """).first?["id"] ?? 0
        participant = try app.createUser("participante@forum.example", name: "Paula Participante")
        otherParticipant = try app.createUser("otra@forum.example", name: "Olga Otra")
        outsider = try app.createUser("fuera@forum.example", name: "Fausto Fuera")
        instructor = try app.createUser("docente@forum.example", name: "Diana Docente", roles: ["instructor:edition=\(edition)"])
        forumModerator = try app.createUser("modforo@forum.example", name: "Mario Moderador", roles: ["moderator:forum=\(forum)"])
        moderator = try app.createUser("modglobal@forum.example", name: "Gloria Global", roles: ["moderator"])
        admin = try app.createUser("admin@forum.example", name: "Ada Admin", roles: ["admin"])
        try db.execute("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(edition), \(participant), 'enrolled')")
        try db.execute("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(otherEdition), \(otherParticipant), 'enrolled')")
    }

    func browser(_ userID: Int64) throws -> TestApp { try app.browser(signedInAs: userID) }

    /// A topic written straight into the database, with its opening post; returns its id.
    @discardableResult
    func topic(in forumID: Int64? = nil, by author: Int64? = nil, title: String = "Ciudad de los cuidados", body: String = "¿Qué cuida la ciudad?") throws -> Int64 {
        let topic: Int64 = try db.query("""
            INSERT INTO forum_topics (forum_id, author_id, title, language) VALUES (\(forumID ?? forum), \(author ?? instructor), \(title), 'es')
            RETURNING id
            """).first?["id"] ?? 0
        try db.execute("INSERT INTO posts (topic_id, author_id, body, language) VALUES (\(topic), \(author ?? instructor), \(body), 'es')")
        return topic
    }

    /// `count` replies by `author`, numbered in their text ("Respuesta 7").
    func replies(_ count: Int, topic: Int64, by author: Int64? = nil) throws {
        try db.execute("""
            INSERT INTO posts (topic_id, author_id, body, language, created_at)
            SELECT \(topic), \(author ?? participant), 'Respuesta ' || n, 'es', now() - make_interval(secs => \(count) - n)
            FROM generate_series(1, \(count)) n
            """)
    }

    func postID(topic: Int64, position: Int) throws -> Int64 {
        try db.query("SELECT id FROM posts WHERE topic_id = \(topic) AND position = \(position)").first?["id"] ?? 0
    }
}

extension Response {
    /// The id in the path this response redirects to (`/topics/12…` → 12 for `prefix` "/topics/").
    func redirectID(after prefix: String) -> Int64? {
        guard let location = header("Location"), location.hasPrefix(prefix) else { return nil }
        return Int64(location.dropFirst(prefix.count).prefix { $0.isNumber })
    }
}
