/// Reading a submitted attempt and grading it, on the server, against the attempt's own
/// copy of the questions. The form sends `q{position}` = an answer's token for each
/// question (several for a multiple-choice one).
///
/// Grading is all or nothing per question: a single-choice question is right when its one
/// answer is right; a multiple-choice question is right when exactly the right answers are
/// chosen — choosing some of them, or one too many, counts as wrong (no partial credit).
/// The score is the share of questions right, in percent, rounded half up.
enum QuizGrading {
    /// Why a submission cannot be graded. Every case but `unanswered` is a form no page of
    /// ours could send: refused as such, never graded.
    enum Refusal: Error, Equatable {
        /// A `q…` field for a question the attempt did not ask.
        case unknownQuestion
        /// A token this attempt never offered (another attempt's, another quiz's, made up).
        case unknownAnswer
        /// A token this attempt offered for a different question.
        case answerOfAnotherQuestion
        /// More than one answer to a single-choice question.
        case severalAnswers
        /// Questions left without an answer, by position: the form comes back to finish,
        /// with the answers already chosen.
        case unanswered(missing: [Int], kept: [Int: Set<String>])
    }

    struct Grade: Equatable {
        var score: Int
        var passed: Bool
        /// Positions of the questions answered right.
        var rightPositions: [Int]
        var chosenTokens: [String]
    }

    /// The answers chosen per question position, checked against what the attempt asked.
    static func choices(_ fields: [(name: String, value: String)], questions: [AttemptQuestion]) throws(Refusal) -> [Int: Set<String>] {
        var owner: [String: Int] = [:]
        for question in questions {
            for answer in question.answers { owner[answer.token] = question.position }
        }
        let asked = Set(questions.map(\.position))
        var chosen: [Int: Set<String>] = [:]
        for field in fields where field.name.hasPrefix("q") {
            guard let position = Int(field.name.dropFirst()), asked.contains(position) else { throw .unknownQuestion }
            guard let belongsTo = owner[field.value] else { throw .unknownAnswer }
            guard belongsTo == position else { throw .answerOfAnotherQuestion }
            chosen[position, default: []].insert(field.value)
        }
        for question in questions where question.kind == .single && (chosen[question.position]?.count ?? 0) > 1 {
            throw .severalAnswers
        }
        let missing = questions.map(\.position).filter { chosen[$0] == nil }
        guard missing.isEmpty else { throw .unanswered(missing: missing, kept: chosen) }
        return chosen
    }

    /// Whether exactly the right answers were chosen.
    static func isRight(_ question: AttemptQuestion, chosen: Set<String>) -> Bool {
        Set(question.answers.filter(\.correct).map(\.token)) == chosen
    }

    static func grade(_ questions: [AttemptQuestion], chosen: [Int: Set<String>], passingScore: Int) -> Grade {
        let right = questions.filter { isRight($0, chosen: chosen[$0.position] ?? []) }.map(\.position)
        let total = max(1, questions.count)
        let score = (200 * right.count + total) / (2 * total)
        return Grade(
            score: score, passed: score >= passingScore, rightPositions: right,
            chosenTokens: chosen.values.flatMap { $0 }.sorted())
    }
}
