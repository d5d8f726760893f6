import Foundation
import Postgres
import Web

/// One post found.
struct SearchHit: Sendable {
    let postID: Int64
    let topicTitle: String
    let topicLanguage: String
    let forumTitle: String
    let authorName: String?
    let language: String
    let createdAt: Date
    let rank: Double
    /// The words around the match, escaped, with the matches marked (`Snippet`).
    let snippet: HTML
}

/// Full-text search over the posts (and topic titles) a reader may see, through the shared
/// `TextSearch`: each post and title is stemmed in its own language with accents folded. A
/// title that matches finds its topic's opening post, a little ahead of posts that match
/// only in their words. What the reader may see is the forums' access policy, as a condition
/// of the same statement, so no hit is ever read and then dropped.
enum ForumSearch {
    enum Order: String {
        case relevance, newest
    }

    static let pageSize = 20

    /// Where the next page starts after `hit`: newest-first pages need only the post.
    static func cursor(after hit: SearchHit, order: Order) -> SearchCursor {
        SearchCursor(id: hit.postID, rank: order == .relevance ? hit.rank : nil)
    }

    /// A page of hits (one more than a page, to tell whether another follows), best or
    /// newest first, after the hit `after` names (keyset).
    static func search(_ db: Connection, _ search: TextSearch, reader: CurrentUser, order: Order, after: SearchCursor?) throws -> [SearchHit] {
        let sort: SQL = order == .newest ? "h.created_at DESC, h.id DESC" : "h.rank DESC, h.id DESC"
        return try db.query("""
            WITH \(search.queryTable), found AS (
                SELECT p.id, 0.0::float8 AS bonus FROM q, posts p
                WHERE p.status = 'visible' AND p.search @@ q.query
                UNION ALL
                SELECT p.id, 0.5::float8 FROM q, forum_topics t JOIN posts p ON p.topic_id = t.id AND p.position = 1
                WHERE t.search @@ q.query
            ), best AS (
                SELECT id, max(bonus) AS bonus FROM found GROUP BY id
            ), hits AS (
                SELECT p.id, p.created_at, p.body, p.language, p.author_id, t.title, t.language AS topic_language, f.edition_id,
                       f.title AS forum_title, \(TextSearch.rank("p.search")) + best.bonus AS rank
                FROM best JOIN posts p ON p.id = best.id JOIN forum_topics t ON t.id = p.topic_id JOIN forums f ON f.id = t.forum_id, q
                WHERE \(PostPolicy.searchableSQL(reader))
            ), page AS (
                SELECT * FROM hits h WHERE \(keyset(order, after)) ORDER BY \(sort) LIMIT \(pageSize + 1)
            )
            SELECT h.id, h.created_at, h.rank, h.language, h.title, h.topic_language, \(AccountQueries.nameSQL("h.author_id")) AS author_name,
                   coalesce(h.forum_title, \(Participation.editionTitleSQL(edition: "h.edition_id")), '') AS forum_title,
                   \(TextSearch.headline("h.body", language: "h.language", .passages)) AS snippet
            FROM page h, q
            ORDER BY \(sort)
            """).map { row in
            SearchHit(
                postID: try row["id"], topicTitle: try row["title"], topicLanguage: try row["topic_language"], forumTitle: try row["forum_title"],
                authorName: try row["author_name"], language: try row["language"], createdAt: try row["created_at"], rank: try row["rank"],
                snippet: Snippet.html(try row["snippet"]))
        }
    }

    /// Hits `h` after the cursor, in the page's order.
    static func keyset(_ order: Order, _ after: SearchCursor?) -> SQL {
        guard let after else { return "true" }
        if order == .relevance, let rank = after.rank { return "(h.rank, h.id) < (\(rank)::float8, \(after.id))" }
        return "(h.created_at, h.id) < (SELECT c.created_at, c.id FROM posts c WHERE c.id = \(after.id))"
    }
}
