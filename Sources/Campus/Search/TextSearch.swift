import Postgres
import Web

/// Full-text search of rows written in different languages: the words a reader typed, as one
/// query that each of the four accent-folding configurations (`campus_es`, `campus_pt`,
/// `campus_en`, `campus_fr`) has stemmed, matched against a `tsvector` each row stems in its
/// own language. It gives a statement the pieces it needs — the query, computed once; the
/// rank; the configuration of a row's language; highlighted snippets — as SQL fragments whose
/// only value, the words, is bound.
///
///     WITH \(search.queryTable) SELECT … \(TextSearch.rank("c.search")) … FROM q, courses c
///     WHERE c.search @@ q.query
struct TextSearch: Sendable {
    /// The words as typed (trimmed), never empty.
    let words: String

    /// Nil when there is nothing to search for: browsing needs no full-text work at all.
    init?(_ words: String) {
        let trimmed = words.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        self.words = trimmed
    }

    /// A one-row CTE `q(query)`: the words in all four languages, or-ed together. Materialized,
    /// so the four parses happen once per statement, not once per row that refers to it.
    var queryTable: SQL {
        """
        q AS MATERIALIZED (
            SELECT websearch_to_tsquery('campus_es', w) || websearch_to_tsquery('campus_pt', w)
                   || websearch_to_tsquery('campus_en', w) || websearch_to_tsquery('campus_fr', w) AS query
            FROM (SELECT \(words)::text AS w) typed
        )
        """
    }

    /// How well `document` (a tsvector) matches `q.query`, as float8 so that a keyset
    /// cursor carries it exactly.
    static func rank(_ document: SQL) -> SQL { "ts_rank(\(document), q.query)::float8" }

    /// The configuration for a row whose language (`es`, `pt`, `en`, `fr`) is in `column`;
    /// Spanish for anything else. The tsvectors in schema.sql use the same choice.
    static func configuration(_ column: SQL) -> SQL {
        """
        CASE \(column) WHEN 'pt' THEN 'campus_pt'::regconfig WHEN 'en' THEN 'campus_en'::regconfig
        WHEN 'fr' THEN 'campus_fr'::regconfig ELSE 'campus_es'::regconfig END
        """
    }

    /// How much of a text a headline shows.
    enum Extent {
        /// All of it, every match marked: for short texts such as a summary.
        case whole
        /// Up to two passages around the matches, joined by an ellipsis, found in the first
        /// `passageReach` characters: ts_headline parses all it is given, for every row shown.
        case passages
    }

    static let passageReach: Int32 = 5_000

    /// `text` in the language in `language`, its words that match `q.query` between
    /// `Snippet.start` and `Snippet.stop`. Those two control characters are removed from the
    /// text first, so every marker in the result is one ts_headline put there; the text is
    /// otherwise returned as written, markup included, for `Snippet.html` to escape.
    static func headline(_ text: SQL, language: SQL, _ extent: Extent) -> SQL {
        let (source, options): (SQL, SQL) = switch extent {
        case .whole: (text, "'HighlightAll=true'")
        case .passages: ("left(\(text), \(passageReach))", "'MaxFragments=2, MaxWords=24, MinWords=12, FragmentDelimiter=\" … \"'")
        }
        return """
            ts_headline(\(configuration(language)), translate(\(source), chr(1) || chr(2), ''), q.query,
                        \(options) || ', StartSel=' || chr(1) || ', StopSel=' || chr(2))
            """
    }
}

/// Where the next page of a searched list starts: after row `id`, whose rank was `rank` (nil
/// for a list in its own order). The rank travels in the link because it belongs to the search,
/// not to the row; written in full, a float8 reads back to exactly the same value, so rows of
/// equal rank are neither skipped nor repeated. A link reads `after=42` or `after=42_0.0759…`.
struct SearchCursor: Sendable, Equatable {
    let id: Int64
    let rank: Double?

    init(id: Int64, rank: Double? = nil) {
        self.id = id
        self.rank = rank
    }

    /// From a link; nil for anything no page printed.
    init?(_ text: String) {
        let parts = text.split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false)
        guard let id = Int64(parts[0]), id > 0 else { return nil }
        self.id = id
        guard parts.count == 2 else { rank = nil; return }
        guard let rank = Double(parts[1]), rank.isFinite, rank >= 0 else { return nil }
        self.rank = rank
    }

    var text: String { rank.map { "\(id)_\($0)" } ?? String(id) }
}
