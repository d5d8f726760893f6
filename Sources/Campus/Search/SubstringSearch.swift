import Foundation
import Postgres
import Web

/// Search by any part of a text that has no language to stem — people's names, email
/// addresses — ignoring case, through a trigram index (`gin_trgm_ops`) on the lower-cased
/// text. Matches are highlighted by the same rule as full-text snippets (`Snippet`).
struct SubstringSearch: Sendable {
    /// What was typed (trimmed), never empty.
    let part: String

    /// Nil when there is nothing to search for.
    init?(_ part: String) {
        let trimmed = part.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        self.part = trimmed
    }

    /// The part anywhere, in lower case, with LIKE's wildcards taken as the characters they are.
    var pattern: String {
        let literal = part.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        return "%" + literal + "%"
    }

    /// Whether the lower-cased text in `column` contains the part.
    func matches(_ column: SQL) -> SQL { "\(column) LIKE \(pattern)" }

    /// `text` with the part marked wherever it occurs, for `Snippet.html`.
    func marked(_ text: String) -> String { Snippet.marking(part, in: text) }
}
