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
    /// What the stored HTML and excerpt were made by. Raise it whenever `Markdown`,
    /// `html(_:language:)` or `excerpt` would write a post differently (a test holds a sample
    /// to the version), with a migration that sets `cooked` and `excerpt` to NULL: pages
    /// ignore what another version made and render the words at view time, and the job
    /// cooks them again. (2: excerpts are the rendered words.)
    static let version: Int32 = 2

    struct Cooked {
        let html: String
        let excerpt: String
    }

    static func cook(_ body: String, language: String) -> Cooked {
        let rendered = html(body, language: language)
        return Cooked(html: String(decoding: rendered.bytes, as: UTF8.self), excerpt: PostPages.excerpt(plainText(rendered)))
    }

    /// The opening words of Markdown as readers see them, without its marks (a quote shows
    /// "un caso concreto", not "un **caso** concreto").
    static func excerpt(_ body: String) -> String {
        PostPages.excerpt(plainText(html(body, language: "es")))
    }

    /// The text of markup the renderer wrote: tags dropped (a block's edges become spaces,
    /// so paragraphs and list items do not run together), its five escapes read back.
    static func plainText(_ html: HTML) -> String {
        let blocks: Set<String> = ["p", "li", "ul", "ol", "blockquote", "pre", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6"]
        let entities: [String: UInt8] = ["amp": UInt8(ascii: "&"), "lt": UInt8(ascii: "<"), "gt": UInt8(ascii: ">"),
                                         "quot": UInt8(ascii: "\""), "#39": UInt8(ascii: "'")]
        let bytes = html.bytes
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<"), let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) {
                var start = index + 1
                if start < close, bytes[start] == UInt8(ascii: "/") { start += 1 }
                var end = start
                while end < close, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[end]) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) {
                    end += 1
                }
                if blocks.contains(String(decoding: bytes[start..<end], as: UTF8.self)) { out.append(UInt8(ascii: " ")) }
                index = close + 1
            } else if byte == UInt8(ascii: "&"), let end = bytes[index...].prefix(6).firstIndex(of: UInt8(ascii: ";")),
                let decoded = entities[String(decoding: bytes[(index + 1)..<end], as: UTF8.self)] {
                out.append(decoded)
                index = end + 1
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
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
