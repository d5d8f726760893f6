import Foundation
import Postgres
import Web

/// Whether a reader may write somewhere, and why not: the same answer shapes the page
/// (the form, or the reason in its place) and refuses a POST.
enum WriteStanding: Equatable {
    case allowed
    /// Posting waits for a verified email.
    case unverified
    /// Suspended by a moderator: reading goes on, posting waits until then.
    case suspended(until: Date, reason: String)
    /// A locked topic takes no more posts (moderators may still write).
    case locked
}

enum PostingRules {
    /// A topic read for this reader brings their suspension with it; otherwise it is asked for.
    static func standing(_ db: Connection, reader: CurrentUser, forum: Forum, topic: Topic?) throws -> WriteStanding {
        guard reader.isVerified else { return .unverified }
        let suspension = try topic?.reader.flatMap { $0.userID == reader.id ? $0 : nil }.map(\.suspension)
            ?? SuspensionQueries.fetchActive(db, userID: reader.id).map { Suspension(until: $0.until, reason: $0.reason) }
        if let suspension {
            return .suspended(until: suspension.until, reason: suspension.reason)
        }
        if topic?.isLocked == true, !ForumPolicy.canModerate(reader, forumID: forum.id) { return .locked }
        return .allowed
    }

    /// A POST's answer when the reader may not write: 403 with the reason (unverified,
    /// suspended — until when), 409 for a locked topic.
    static func requireAllowed(_ context: Context, forum: Forum, topic: Topic?) throws {
        guard let user = context.user else { throw HTTPError(.forbidden, reason: "error.403.sign_in") }
        switch try standing(try context.db, reader: user, forum: forum, topic: topic) {
        case .allowed: return
        case .unverified: throw HTTPError(.forbidden, reason: "error.403.unverified")
        case .suspended(let until, let reason):
            throw HTTPError(.forbidden, reason: "forum.suspended", arguments: [
                "until": context.t.dateTime(until, timeZone: context.timeZone), "reason": reason,
            ])
        case .locked: throw HTTPError(.conflict, reason: "forum.locked")
        }
    }

    /// The teaching team of the forum's edition and its moderators: their posts never wait
    /// for approval, and slow mode does not hold them back.
    static func isStaff(_ reader: CurrentUser, forum: Forum) -> Bool {
        ForumPolicy.canModerate(reader, forumID: forum.id) || forum.editionID.map(reader.teaches) == true
    }

    /// The language a new post is written in: its edition's, or in an open forum the
    /// writer's own (how search stems its words).
    static func language(forum: Forum, reader: CurrentUser) -> String {
        forum.editionID == nil ? reader.locale.rawValue : forum.language
    }
}

/// Suspensions from posting, compared against PostgreSQL's clock.
enum SuspensionQueries {
    static func fetchActive(_ db: Connection, userID: Int64) throws -> (id: Int64, until: Date, reason: String)? {
        try db.query(activeSQL(userID)).first.map { (try $0["id"], try $0["ends_at"], try $0["reason"]) }
    }

    /// The user's suspension in force, if any: the one that ends last.
    static func activeSQL(_ userID: Int64) -> SQL {
        """
        SELECT id, ends_at, reason FROM forum_suspensions
        WHERE user_id = \(userID) AND lifted_at IS NULL AND ends_at > now()
        ORDER BY ends_at DESC LIMIT 1
        """
    }
}
