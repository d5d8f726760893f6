import Postgres

/// "Did you mean…?" for a catalog search that found nothing: each word of the search that
/// is not a word of the catalog is replaced by the catalog's most similar word (trigram
/// similarity over `search_words`, through its trigram index).
enum CatalogSuggestions {
    /// Words shorter than this are left as typed: too few trigrams to compare.
    static let shortestWord = 3

    /// A corrected search that finds courses with the same filters, or nil.
    static func fetchSuggestion(_ db: Connection, filter: CatalogFilter) throws -> String? {
        let words = filter.query.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        guard words.contains(where: { $0.count >= shortestWord }) else { return nil }
        let rows = try db.query("""
            SELECT coalesce(s.word, q.typed) AS word, s.word IS NOT NULL AS corrected
            FROM unnest(\(words)::text[]) WITH ORDINALITY AS q(typed, i)
            LEFT JOIN LATERAL (
                SELECT w.word FROM search_words w
                WHERE length(q.typed) >= \(shortestWord) AND w.folded % lower(unaccent(q.typed))
                  AND NOT EXISTS (SELECT 1 FROM search_words known WHERE known.folded = lower(unaccent(q.typed)))
                ORDER BY similarity(w.folded, lower(unaccent(q.typed))) DESC, w.folded
                LIMIT 1
            ) s ON true
            ORDER BY q.i
            """)
        guard try rows.contains(where: { try $0["corrected"] }) else { return nil }
        let suggestion = try rows.map { row -> String in try row["word"] }.joined(separator: " ")
        var corrected = filter
        corrected.query = suggestion
        // The catalog's words all find their course, but the other filters may still exclude it.
        return try CatalogQueries.hasCourseListings(db, filter: corrected) ? suggestion : nil
    }
}
