import Postgres
import Web

/// A post's words rendered once, when they are written or edited, as Discourse "cooks"
/// posts: the HTML of its Markdown and the plain-text excerpt its quotes show are stored
/// beside the Markdown, so that a topic's page copies them instead of parsing fifty posts
/// at every view. Words changed by SQL alone (a deleted account's name taken out, words
/// purged, a bulk import) lose their cooked forms (the `posts_uncook` trigger); pages then
/// render them at view time, and `cookMissing` (each `campus mail` round, or
/// `campus forums cook`) stores them again.
enum PostCooking {
    /// What the stored HTML was rendered by. Raise it whenever `Markdown` or `html(_:language:)`
    /// would write a post differently (a test holds a sample to the version), with a migration
    /// that sets `cooked` to NULL: pages ignore HTML of another version and render the words
    /// at view time, and the job cooks them again.
    static let version: Int32 = 1

    struct Cooked {
        let html: String
        let excerpt: String
    }

    static func cook(_ body: String, language: String) -> Cooked {
        Cooked(html: String(decoding: html(body, language: language).bytes, as: UTF8.self), excerpt: PostPages.excerpt(body))
    }

    /// The post's words as its page shows them: a `.prose` block in the post's language,
    /// headings below the post's own `h2`.
    static func html(_ body: String, language: String) -> HTML {
        Markdown.prose(body, language: language, headingOffset: 2)
    }

    /// The HTML to show for a post: the stored one when the current renderer made it.
    static func words(_ post: Post) -> HTML {
        if let cooked = post.cooked { return cooked }
        return html(post.body, language: post.language)
    }

    /// Cooks up to `limit` posts whose words have no cooked form, oldest first, in batches of
    /// `batch` (read off the `posts_uncooked` index); returns how many. A post whose words
    /// change meanwhile keeps the newer cooked form: the update matches the words it read.
    @discardableResult
    static func cookMissing(_ db: Connection, limit: Int = 2_000, batch: Int = 500) throws -> Int {
        var done = 0
        var after: Int64 = 0
        while done < limit {
            let rows = try db.query("""
                SELECT id, body, language FROM posts
                WHERE id > \(after) AND cooked IS NULL AND body <> ''
                ORDER BY id LIMIT \(limit: min(batch, limit - done))
                """)
            guard !rows.isEmpty else { break }
            var ids: [Int64] = [], bodies: [String] = [], htmls: [String] = [], excerpts: [String] = []
            for row in rows {
                let id: Int64 = try row["id"], body: String = try row["body"]
                let cooked = cook(body, language: try row["language"])
                ids.append(id); bodies.append(body); htmls.append(cooked.html); excerpts.append(cooked.excerpt)
            }
            try db.execute("""
                UPDATE posts p SET cooked = c.html, cooked_version = \(version), excerpt = c.excerpt
                FROM unnest(\(ids)::int8[], \(bodies)::text[], \(htmls)::text[], \(excerpts)::text[]) AS c(id, body, html, excerpt)
                WHERE p.id = c.id AND p.body = c.body
                """)
            done += rows.count
            after = ids.last ?? after
        }
        return done
    }
}
