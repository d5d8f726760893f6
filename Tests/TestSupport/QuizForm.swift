import Foundation

/// A capsule quiz's form as a lesson's page shows it: the attempt, and per question its
/// prompt and its answers' texts and tokens — what a learner sees, nothing of the key.
public struct QuizForm {
    public struct Choice {
        public let token: String
        public let text: String
    }

    public let attempt: String
    /// Question position → the choices offered.
    public let questions: [Int: [Choice]]
    public let prompts: [Int: String]

    public init?(_ page: String) {
        guard let attempt = page.firstMatch(of: /name="attempt" value="([0-9]+)"/)?.output.1 else { return nil }
        self.attempt = String(attempt)
        var questions: [Int: [Choice]] = [:]
        for match in page.matches(of: /name="q([0-9]+)" value="([^"]+)"> ([^<]+)<\/label>/) {
            questions[Int(match.output.1) ?? 0, default: []].append(Choice(token: String(match.output.2), text: String(match.output.3)))
        }
        var prompts: [Int: String] = [:]
        for match in page.matches(of: /id="q([0-9]+)"[^>]*>\s*<legend>([^<]+)<\/legend>/) {
            prompts[Int(match.output.1) ?? 0] = String(match.output.2)
        }
        self.questions = questions
        self.prompts = prompts
    }

    /// The form's fields answering every question right, or only the first `right` of them,
    /// for test banks whose right answers read "Sí …" and wrong ones "No …".
    public func answers(right: Int? = nil) -> [(String, String)] {
        var fields = [("attempt", attempt)]
        for (position, choices) in questions.sorted(by: { $0.key < $1.key }) {
            let answerRight = right.map { position <= $0 } ?? true
            let chosen = answerRight ? choices.filter { $0.text.hasPrefix("Sí") } : Array(choices.filter { $0.text.hasPrefix("No") }.prefix(1))
            fields += chosen.map { ("q\(position)", $0.token) }
        }
        return fields
    }
}
