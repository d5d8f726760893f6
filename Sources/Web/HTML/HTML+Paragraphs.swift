import Foundation

extension HTML {
    /// Plain text someone typed (an applicant's answer), shown as they wrote it: split into
    /// paragraphs at blank lines, each escaped. Not Markdown: what they typed is what shows.
    public static func paragraphs(_ text: String) -> HTML {
        text.components(separatedBy: "\n\n").map { paragraph -> HTML in
            let trimmed = paragraph.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? "" : "<p>\(trimmed)</p>"
        }.joined(separator: "\n")
    }
}
