import Postgres

/// What the forum policy needs to know of one forum.
struct ForumAccess: Sendable {
    let forumID: Int64
    /// The edition whose forum it is; nil for an open network forum.
    let editionID: Int64?
    /// The reader takes part in that edition (enrolled, or completed it: see `Participation`).
    let readerParticipates: Bool
}

/// Who may read forums, their topics and posts, and who moderates them — each rule
/// written twice, as a check for one item and as an SQL condition for lists and search.
///
/// An open network forum is read (and written in) by every signed-in account. An edition's
/// forum is private to the edition's participants (enrolled or completed: people waiting,
/// asking, withdrawn or turned down are not), its teaching team, moderators (global or of
/// that forum) and admins; anyone else gets 404 for it, its topics, posts and permalinks,
/// and search never shows them its words. Visitors sign in first.
enum ForumPolicy {
    static func canRead(_ reader: CurrentUser?, _ forum: ForumAccess) -> Bool {
        guard let reader else { return false }
        guard let edition = forum.editionID else { return true }
        return canModerate(reader, forumID: forum.forumID) || reader.teaches(edition) || forum.readerParticipates
    }

    /// The same rule over forums `f`. Whether the reader takes part in an edition is the
    /// one look-up it adds (an index probe per edition forum).
    static func visibleSQL(_ reader: CurrentUser?, forum f: SQL = "f") -> SQL {
        guard let reader else { return "false" }
        if reader.has(.moderator) { return "true" }
        return """
            (\(f).edition_id IS NULL OR \(f).id = ANY(\(reader.moderatedForumIDs)) OR \(f).edition_id = ANY(\(reader.taughtEditionIDs))
             OR \(Participation.participatesSQL(userID: reader.id, edition: "\(f).edition_id")))
            """
    }

    /// The column the item check needs: whether the reader takes part in forum `f`'s edition.
    static func participatesSQL(_ reader: CurrentUser?, forum f: SQL = "f") -> SQL {
        guard let reader else { return "false" }
        return "(\(f).edition_id IS NOT NULL AND \(Participation.participatesSQL(userID: reader.id, edition: "\(f).edition_id")))"
    }

    /// Hiding and restoring posts, locking, pinning, moving, slow mode, the queue: the
    /// forum's moderators, global moderators and admins.
    static func canModerate(_ reader: CurrentUser?, forumID: Int64) -> Bool {
        reader?.has(.moderator, .forum(forumID)) ?? false
    }

    /// The same rule over forums `f`.
    static func moderatedSQL(_ reader: CurrentUser?, forum f: SQL = "f") -> SQL {
        guard let reader else { return "false" }
        if reader.has(.moderator) { return "true" }
        return "\(f).id = ANY(\(reader.moderatedForumIDs))"
    }

    /// Suspending people from posting anywhere: global moderators and admins.
    static func canSuspend(_ reader: CurrentUser?) -> Bool {
        reader?.has(.moderator) ?? false
    }

    /// Everyone who may read forum `forumID`, as one SELECT of user ids (parenthesised, so
    /// it composes with INTERSECT and EXCEPT as one operand): whom news of it may reach.
    static func readersSQL(forumID: Int64, editionID: Int64?) -> SQL {
        guard let editionID else { return "(SELECT u.id FROM users u WHERE u.deleted_at IS NULL)" }
        return """
            (\(Participation.participantsSQL(edition: "\(editionID)"))
             UNION \(AccountQueries.holdersSQL([
                RoleGrant(role: .moderator, scope: .global), RoleGrant(role: .moderator, scope: .forum(forumID)),
                RoleGrant(role: .instructor, scope: .edition(editionID)),
            ].compactMap { $0 }, admins: true)))
            """
    }

    /// Who hears of posts to review in forum `forumID`: its moderators and global ones.
    static func moderatorsSQL(forumID: Int64) -> SQL {
        AccountQueries.holdersSQL([RoleGrant(role: .moderator, scope: .global), RoleGrant(role: .moderator, scope: .forum(forumID))].compactMap { $0 })
    }
}

/// What one reader sees of one post: pending and rejected posts are their author's and
/// the moderators' alone; hidden and deleted ones keep their place with a notice, their
/// words shown only to moderators (and a hidden post's to its author, who may mend it).
/// In a reflection prompt that asks for one's own reflection first, the others' posts
/// wait until the reader has posted (the teaching team and moderators see them all).
enum PostPolicy {
    static func canOpen(_ reader: CurrentUser?, status: PostStatus, authorID: Int64, moderates: Bool) -> Bool {
        guard let reader else { return false }
        return status.isInThread || moderates || reader.id == authorID
    }

    static func showsWords(_ reader: CurrentUser?, status: PostStatus, authorID: Int64, moderates: Bool) -> Bool {
        switch status {
        case .visible: return true
        case .hidden, .pending, .rejected: return moderates || reader?.id == authorID
        case .deleted: return moderates
        }
    }

    /// Whether the others' posts in topic show for this reader.
    static func seesOthers(_ reader: CurrentUser?, replyFirst: Bool, answered: Bool, moderates: Bool, editionID: Int64?) -> Bool {
        !replyFirst || answered || moderates || editionID.map { reader?.teaches($0) ?? false } == true
    }

    /// Posts `p` of topics `t` in forums `f` whose words search may show the reader: visible,
    /// in a forum they read, and not waiting behind a prompt they have not answered.
    static func searchableSQL(_ reader: CurrentUser?, post p: SQL = "p", topic t: SQL = "t", forum f: SQL = "f") -> SQL {
        guard let reader else { return "false" }
        return """
            \(p).status = 'visible' AND \(ForumPolicy.visibleSQL(reader, forum: f))
            AND (NOT \(t).reply_first OR \(p).position = 1 OR \(p).author_id = \(reader.id) OR \(ForumPolicy.moderatedSQL(reader, forum: f))
                 OR \(f).edition_id = ANY(\(reader.taughtEditionIDs)) OR \(answeredSQL(reader.id, topic: t)))
            """
    }

    /// The reader has posted in topic `t` beyond its opening post (and not deleted it).
    static func answeredSQL(_ userID: Int64, topic t: SQL = "t") -> SQL {
        """
        EXISTS (SELECT 1 FROM posts mine WHERE mine.topic_id = \(t).id AND mine.author_id = \(userID)
                AND mine.position IS DISTINCT FROM 1 AND mine.status IN ('visible', 'hidden', 'pending'))
        """
    }
}

extension CurrentUser {
    /// Forums this person moderates by a grant scoped to them.
    var moderatedForumIDs: [Int64] {
        grants.compactMap { grant in
            if grant.role == .moderator, case .forum(let id) = grant.scope { id } else { nil }
        }.sorted()
    }
}
