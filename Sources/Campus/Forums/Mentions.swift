import Postgres

/// `@Name` in a post names someone who has written in the same topic. The post keeps the
/// name as written, and `post_mentions` who it names, so that deleting that account can
/// take the name out of every post and revision that mentions it.
enum Mentions {
    /// Records whom the post names; returns their ids.
    @discardableResult
    static func record(_ db: Connection, postID: Int64, topicID: Int64, body: String) throws -> [Int64] {
        guard body.contains("@") else { return [] }
        return try db.query("""
            INSERT INTO post_mentions (post_id, user_id)
            SELECT \(postID), a.author_id FROM (SELECT DISTINCT author_id FROM posts WHERE topic_id = \(topicID)) a
            WHERE a.author_id <> (SELECT author_id FROM posts WHERE id = \(postID))
              AND strpos(lower(\(body)), lower('@' || \(AccountQueries.nameSQL("a.author_id")))) > 0
            ON CONFLICT DO NOTHING
            RETURNING user_id
            """).map { try $0["user_id"] }
    }

    /// Replaces `@name` by `@` and the words for a former participant, in the language of each
    /// post, in every post and revision that mentions user `userID` (whose name is `name`).
    static func forget(_ db: Connection, userID: Int64, name: String, words: [String: String]) throws {
        let languages = Array(words.keys)
        let replacements = languages.map { words[$0] ?? "" }
        try db.execute("""
            WITH w AS (SELECT * FROM unnest(\(languages)::text[], \(replacements)::text[]) AS w(language, text))
            UPDATE posts p SET body = replace(p.body, '@' || \(name), '@' || w.text)
            FROM w WHERE w.language = p.language AND p.id IN (SELECT post_id FROM post_mentions WHERE user_id = \(userID))
            """)
        try db.execute("""
            WITH w AS (SELECT * FROM unnest(\(languages)::text[], \(replacements)::text[]) AS w(language, text))
            UPDATE post_revisions r SET body = replace(r.body, '@' || \(name), '@' || w.text)
            FROM posts p, w WHERE p.id = r.post_id AND w.language = p.language
              AND p.id IN (SELECT post_id FROM post_mentions WHERE user_id = \(userID))
            """)
        try db.execute("DELETE FROM post_mentions WHERE user_id = \(userID)")
    }
}
