import Postgres
import Web

/// Who may read a document: whoever may see the page of what it is attached to. One
/// function per kind of owner, each the rule of that owner's page, so a file is never
/// open to someone its page refuses. Refused readers get 404, like the pages.
enum DocumentAccess {
    static func mayRead(_ owner: DocumentOwner, db: Connection, user: CurrentUser?) throws -> Bool {
        switch owner {
        case .course(let id): try mayReadCourseDocument(db, courseID: id, user: user)
        case .edition(let id): try mayReadEditionDocument(db, editionID: id, user: user)
        }
    }

    /// A course's documents: everyone's once the course is published (its catalog page);
    /// while it is a draft, admins' (its staff page) and its editions' instructors'.
    static func mayReadCourseDocument(_ db: Connection, courseID: Int64, user: CurrentUser?) throws -> Bool {
        guard let row = try db.query("""
            SELECT c.published, ARRAY(SELECT e.id FROM editions e WHERE e.course_id = c.id ORDER BY e.id) AS editions
            FROM courses c WHERE c.id = \(courseID)
            """).first
        else { return false }
        if try row["published"] { return true }
        guard let user else { return false }
        let editions: [Int64] = try row["editions"]
        return user.isAdmin || editions.contains { user.has(.instructor, .edition($0)) }
    }

    /// An edition's documents: everyone's once its course is published; before, its
    /// instructors' and admins' — as the edition's page decides (EditionRoutes.showEdition).
    static func mayReadEditionDocument(_ db: Connection, editionID: Int64, user: CurrentUser?) throws -> Bool {
        guard let row = try db.query("""
            SELECT c.published FROM editions e JOIN courses c ON c.id = e.course_id WHERE e.id = \(editionID)
            """).first
        else { return false }
        if try row["published"] { return true }
        return user?.has(.instructor, .edition(editionID)) ?? false
    }
}
