import Foundation
import Web

/// Where a post stands.
enum PostStatus: String, Sendable {
    /// In the thread for everyone who reads the forum.
    case visible
    /// Waiting for a moderator's approval (pre-moderation): its author and moderators see it.
    case pending
    /// Hidden by a moderator, or by enough people's flags until a moderator reviews it.
    case hidden
    /// Deleted by its author: its place stays, saying so.
    case deleted
    /// Not approved: never entered the thread.
    case rejected

    /// Holds a place in the thread (removed posts too, with a notice).
    var isInThread: Bool { self == .visible || self == .hidden || self == .deleted }
}

/// A forum as lists and pages show it.
struct Forum: Sendable {
    let id: Int64
    /// The edition whose forum it is; nil for an open network forum.
    let editionID: Int64?
    /// The open forum's title, or "course · edition" for an edition's.
    let title: String
    let description: String
    let network: String?
    /// The language its posts are written in by default.
    let language: String
    let premoderation: Int
    let topicCount: Int
    let postCount: Int
    let lastPostAt: Date?
    let readerParticipates: Bool

    var access: ForumAccess { ForumAccess(forumID: id, editionID: editionID, readerParticipates: readerParticipates) }
}

/// A topic with what its page needs to decide: the forum it is in and the reader's standing.
struct Topic: Sendable {
    let id: Int64
    let forum: Forum
    let authorID: Int64
    let title: String
    let language: String
    let createdAt: Date
    let isPinned: Bool
    let isLocked: Bool
    let slowModeSeconds: Int?
    /// The session this topic is the reflection prompt of.
    let sessionID: Int64?
    let sessionTitle: String?
    let replyFirst: Bool
    let answerBy: Date?
    let postCount: Int
    let lastPostAt: Date
    /// The reader has posted beyond the opening post.
    let readerAnswered: Bool
    /// The reader's standing, read with the topic (nil when it was read for no one).
    let reader: TopicReader?

    var isPrompt: Bool { sessionID != nil }
}

/// What a topic's page needs to know of its reader besides the topic, read in the same
/// statement: whether they follow it, their suspension from posting, if any, and whether
/// they have posts waiting there.
struct TopicReader: Sendable {
    let userID: Int64
    let follows: Bool
    let suspension: Suspension?
    /// They have posts in the topic waiting for approval or turned down.
    let hasWaiting: Bool
}

/// A suspension from posting in force.
struct Suspension: Sendable {
    let until: Date
    let reason: String
}

/// A topic in a forum's list.
struct TopicListing: Sendable {
    let id: Int64
    let title: String
    let language: String
    let authorName: String?
    let isPinned: Bool
    let isLocked: Bool
    let isPrompt: Bool
    let answerBy: Date?
    let postCount: Int
    let lastPostAt: Date
}

/// The post a reply quotes, as it is now.
struct Quote: Sendable {
    let id: Int64
    let position: Int?
    let authorName: String?
    let status: PostStatus
    /// The quoted words' opening, on one line (`PostPages.excerpt`).
    let excerpt: String
}

/// One post on a topic's page.
struct Post: Sendable {
    let id: Int64
    let topicID: Int64
    let position: Int?
    let authorID: Int64
    /// Nil for an account deleted since: "former participant".
    let authorName: String?
    let body: String
    let language: String
    let status: PostStatus
    let hiddenCause: String?
    let moderationReason: String?
    let createdAt: Date
    let editedAt: Date?
    let reviewRequested: Bool
    let version: Int
    /// The words' HTML as stored when they were written (see `PostCooking`); nil when they
    /// must be rendered at view time.
    let cooked: HTML?
    let quote: Quote?
}

/// Forum pages show 50 posts a page: a topic's page n holds positions 50(n-1)+1 … 50n.
enum ForumPaging {
    static let postsPerPage = 50
    static let topicsPerPage = 30

    static func page(ofPosition position: Int) -> Int { (position - 1) / postsPerPage + 1 }
    static func pageCount(posts: Int) -> Int { max(1, (posts + postsPerPage - 1) / postsPerPage) }
}
