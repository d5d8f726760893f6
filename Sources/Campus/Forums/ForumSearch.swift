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
    /// The words around the match, already escaped, with the matches marked.
    let snippet: HTML
}

/// Full-text search over the posts (and topic titles) a reader may see: each post is
/// stemmed in its own language with accents folded (the campus_xx configurations), and the
/// query is parsed once per language so each row meets it in its own. Snippets come from
/// ts_headline with control characters as the highlight marks; the text is escaped as a
/// whole and only then are the marks turned into <mark>, so nothing a writer typed can
/// become markup. Kept small so it can move to a shared search helper.
enum ForumSearch {
    enum Order: String {
        case relevance, newest
    }

    static let pageSize = 20
    static let start = "\u{1}"
    static let stop = "\u{2}"

    /// The configuration for language column `column`.
    static func config(_ column: SQL) -> SQL {
        """
        CASE \(column) WHEN 'pt' THEN 'campus_pt'::regconfig WHEN 'en' THEN 'campus_en'::regconfig
                       WHEN 'fr' THEN 'campus_fr'::regconfig ELSE 'campus_es'::regconfig END
        """
    }

    /// Column `vector` (in language `language`) matches the query parsed in that language:
    /// four index conditions the planner can OR together.
    static func matches(_ vector: SQL, language: SQL) -> SQL {
        "((\(language) = 'es' AND \(vector) @@ q.es) OR (\(language) = 'pt' AND \(vector) @@ q.pt) OR (\(language) = 'en' AND \(vector) @@ q.en) OR (\(language) = 'fr' AND \(vector) @@ q.fr))"
    }

    static func query(_ column: SQL) -> SQL {
        "CASE \(column) WHEN 'pt' THEN q.pt WHEN 'en' THEN q.en WHEN 'fr' THEN q.fr ELSE q.es END"
    }

    /// A page of hits, best or newest first, after the hit `after` names (keyset).
    static func search(_ db: Connection, text: String, reader: CurrentUser, order: Order, after: (rank: Double, id: Int64)?) throws -> [SearchHit] {
        let sort: SQL = order == .newest ? "h.created_at DESC, h.id DESC" : "h.rank DESC, h.id DESC"
        let cursor: SQL = switch (order, after) {
        case (_, nil): "true"
        case (.newest, let after?): "(h.created_at, h.id) < (SELECT c.created_at, c.id FROM posts c WHERE c.id = \(after.id))"
        case (.relevance, let after?): "(h.rank, h.id) < (\(after.rank)::float8, \(after.id))"
        }
        return try db.query("""
            WITH q AS (
                SELECT websearch_to_tsquery('campus_es', \(text)) AS es, websearch_to_tsquery('campus_pt', \(text)) AS pt,
                       websearch_to_tsquery('campus_en', \(text)) AS en, websearch_to_tsquery('campus_fr', \(text)) AS fr
            ), found AS (
                SELECT p.id, 0.0::real AS bonus FROM posts p CROSS JOIN q
                WHERE p.status = 'visible' AND \(matches("p.search", language: "p.language"))
                UNION ALL
                SELECT p.id, 0.5::real FROM forum_topics t CROSS JOIN q JOIN posts p ON p.topic_id = t.id AND p.position = 1
                WHERE \(matches("t.search", language: "t.language"))
            ), best AS (
                SELECT id, max(bonus) AS bonus FROM found GROUP BY id
            ), hits AS (
                SELECT p.id, p.created_at, p.body, p.language, p.author_id, t.title, t.language AS topic_language, f.edition_id, f.title AS forum_title,
                       (ts_rank(p.search, \(query("p.language"))) + best.bonus)::float8 AS rank
                FROM best JOIN posts p ON p.id = best.id JOIN forum_topics t ON t.id = p.topic_id JOIN forums f ON f.id = t.forum_id CROSS JOIN q
                WHERE \(PostPolicy.searchableSQL(reader))
            ), page AS (
                SELECT * FROM hits h WHERE \(cursor) ORDER BY \(sort) LIMIT \(pageSize + 1)
            )
            SELECT h.id, h.created_at, h.rank, h.language, h.title, h.topic_language, \(AccountQueries.nameSQL("h.author_id")) AS author_name,
                   coalesce(h.forum_title, \(Participation.editionTitleSQL(edition: "h.edition_id")), '') AS forum_title,
                   ts_headline(\(config("h.language")), regexp_replace(h.body, '[\\x01\\x02]', '', 'g'), \(query("h.language")),
                               'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
            FROM page h CROSS JOIN q
            ORDER BY \(sort)
            """).map { row in
            SearchHit(
                postID: try row["id"], topicTitle: try row["title"], topicLanguage: try row["topic_language"], forumTitle: try row["forum_title"],
                authorName: try row["author_name"], language: try row["language"], createdAt: try row["created_at"], rank: try row["rank"],
                snippet: highlighted(try row["snippet"]))
        }
    }

    /// The snippet escaped as a whole, then its marks made <mark>: the only markup in it.
    static func highlighted(_ snippet: String) -> HTML {
        let escaped = HTML.escape(snippet)
        return HTML(unsafeRaw: escaped.replacingOccurrences(of: start, with: "<mark>").replacingOccurrences(of: stop, with: "</mark>"))
    }
}
