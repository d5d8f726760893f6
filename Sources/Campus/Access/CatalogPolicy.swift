import Postgres

/// Who may see and do what with courses and editions — each rule written twice, as a
/// check for one item and as an SQL condition for lists, search, downloads and exports,
/// side by side so they cannot drift apart: no list shows what the item's page refuses.
///
/// The SQL conditions are built from the reader's grants, which the session look-up
/// already brought, so they add no join to role_grants: `e.id = ANY($taught)`.
enum CoursePolicy {
    /// A course's page: everyone's once published; a draft is seen by admins and by the
    /// teaching team of one of its editions (to prepare it), and is not found by others.
    static func canSee(_ reader: CurrentUser?, published: Bool, editionIDs: [Int64]) -> Bool {
        if published { return true }
        guard let reader else { return false }
        return reader.isAdmin || editionIDs.contains { reader.teaches($0) }
    }

    /// The same rule over courses `c` (and their editions, looked up by course).
    static func visibleSQL(_ reader: CurrentUser?, course c: SQL = "c") -> SQL {
        guard let reader else { return "\(c).published" }
        if reader.isAdmin { return "true" }
        let taught = reader.taughtEditionIDs
        if taught.isEmpty { return "\(c).published" }
        return "(\(c).published OR EXISTS (SELECT 1 FROM editions te WHERE te.course_id = \(c).id AND te.id = ANY(\(taught))))"
    }
}

enum EditionPolicy {
    /// An edition's page follows its course: public once the course is published; before,
    /// only for its teaching team and admins.
    static func canSee(_ reader: CurrentUser?, editionID: Int64, coursePublished: Bool) -> Bool {
        coursePublished || canManage(reader, editionID: editionID)
    }

    /// The same rule over editions `e` joined to their courses `c`.
    static func visibleSQL(_ reader: CurrentUser?, edition e: SQL = "e", course c: SQL = "c") -> SQL {
        "(\(c).published OR \(managedSQL(reader, edition: e)))"
    }

    /// The roster, requests to decide, completion, the CSV: the edition's teaching team
    /// and admins. Others may see the edition but not act on it (403).
    static func canManage(_ reader: CurrentUser?, editionID: Int64) -> Bool {
        reader?.has(.instructor, .edition(editionID)) ?? false
    }

    /// The same rule over editions `e`.
    static func managedSQL(_ reader: CurrentUser?, edition e: SQL = "e") -> SQL {
        guard let reader else { return "false" }
        if reader.isAdmin { return "true" }
        return "\(e).id = ANY(\(reader.taughtEditionIDs))"
    }

    /// What the reader teaches (not what an admin may manage): the teaching home's list.
    static func taughtSQL(_ reader: CurrentUser, edition e: SQL = "e") -> SQL {
        "\(e).id = ANY(\(reader.taughtEditionIDs))"
    }
}

extension CurrentUser {
    /// Editions this person holds an instructor grant on.
    var taughtEditionIDs: [Int64] {
        grants.compactMap { grant in
            if grant.role == .instructor, case .edition(let id) = grant.scope { id } else { nil }
        }.sorted()
    }
}
