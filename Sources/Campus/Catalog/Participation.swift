import Postgres

/// Who takes part in an edition, for features that keep things for its participants (the
/// edition's forum): those enrolled and those who completed it. People waiting, asking,
/// withdrawn or turned down do not take part.
enum Participation {
    static let statuses = ["enrolled", "completed"]

    /// The user ids taking part in edition `edition` (an SQL expression), as a SELECT.
    static func participantsSQL(edition: SQL) -> SQL {
        "SELECT x.user_id FROM enrollments x WHERE x.edition_id = \(edition) AND x.status = ANY(\(statuses))"
    }

    /// Whether user `userID` takes part in edition `edition`; served by the unique index on
    /// (edition_id, user_id).
    static func participatesSQL(userID: Int64, edition: SQL) -> SQL {
        "EXISTS (SELECT 1 FROM enrollments x WHERE x.edition_id = \(edition) AND x.user_id = \(userID) AND x.status = ANY(\(statuses)))"
    }

    /// "Course title · edition name" of edition `edition`.
    static func editionTitleSQL(edition: SQL) -> SQL {
        "(SELECT c.title || ' · ' || e.name FROM editions e JOIN courses c ON c.id = e.course_id WHERE e.id = \(edition))"
    }

    /// The language edition `edition` is taught in.
    static func editionLanguageSQL(edition: SQL) -> SQL {
        "(SELECT e.language FROM editions e WHERE e.id = \(edition))"
    }

    /// The title of session `session`.
    static func sessionTitleSQL(session: SQL) -> SQL {
        "(SELECT s.title FROM edition_sessions s WHERE s.id = \(session))"
    }

    /// Whether session `session` belongs to edition `edition`.
    static func sessionBelongs(_ db: Connection, sessionID: Int64, editionID: Int64) throws -> Bool {
        try !db.query("SELECT 1 FROM edition_sessions WHERE id = \(sessionID) AND edition_id = \(editionID)").isEmpty
    }
}
