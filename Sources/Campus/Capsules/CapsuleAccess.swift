import Web

/// Who may author a capsule: admins, and the instructors of that capsule (role
/// `instructor` with scope kind `course`).
extension CurrentUser {
    func authors(_ courseID: Int64) -> Bool {
        isAdmin || grants.contains { $0.role == .instructor && $0.scope == .course(courseID) }
    }

    /// The capsules this reader is an instructor of (an admin's powers do not count).
    var authoredCapsuleIDs: [Int64] {
        grants.compactMap { grant in
            guard grant.role == .instructor, case .course(let id) = grant.scope else { return nil }
            return id
        }.sorted()
    }
}

extension Context {
    /// The capsule `{id}` of a staff page, for a reader who may author it: a visitor is sent
    /// to sign in, anyone else is refused (403) whether or not it exists, and a capsule that
    /// does not exist is 404.
    func requireCapsuleAuthor() throws -> Capsule {
        let user = try requireUser()
        let id = try parameters.id("id")
        guard user.authors(id) else { throw HTTPError(.forbidden) }
        guard let capsule = try CapsuleQueries.fetchCapsule(try db, id: id, language: language.rawValue) else {
            throw HTTPError(.notFound, reason: "capsule.not_found")
        }
        return capsule
    }

    /// A page of the staff area that lists capsules: admins and capsule instructors.
    @discardableResult
    func requireAnyCapsuleAuthor() throws -> CurrentUser {
        let user = try requireUser()
        guard user.isAdmin || !user.authoredCapsuleIDs.isEmpty else { throw HTTPError(.forbidden) }
        return user
    }
}
