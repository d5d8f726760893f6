import Foundation
import Postgres

/// Quizzes and attempts in SQL. An attempt copies what it asks from the bank when it
/// begins (drawn and shuffled by PostgreSQL's `random()`), and is read back from that copy
/// ever after: a reload shows the same attempt, and later edits to the bank change nothing.
enum QuizQueries {
    /// The quiz columns of `quizzes q` (all NULL when the lesson has none), for `settings(_:)`.
    static let settingsColumns: SQL = """
        q.id AS quiz_id, q.passing_score, q.max_attempts, q.draw_count, q.shuffle_answers, q.review, q.reveal_key,
        (SELECT count(*) FROM questions qq WHERE qq.quiz_id = q.id)::int8 AS pool_size
        """

    static func settings(_ row: Row) throws -> QuizSettings? {
        guard let id: Int64 = try row["quiz_id"] else { return nil }
        return QuizSettings(
            id: id, passingScore: try row["passing_score"], maxAttempts: try row["max_attempts"], drawCount: try row["draw_count"],
            shuffleAnswers: try row["shuffle_answers"], review: ReviewOption(rawValue: try row["review"]) ?? .score,
            revealKey: try row["reveal_key"], poolSize: try row["pool_size"])
    }

    /// Where the learner stands with the quiz: one statement over their attempts.
    static func fetchStanding(_ db: Connection, quizID: Int64, userID: Int64) throws -> QuizStanding {
        let row = try db.query("""
            SELECT count(*) FILTER (WHERE a.submitted_at IS NOT NULL)::int8 AS used,
                   coalesce(bool_or(a.passed), false) AS passed,
                   max(a.score)::int8 AS best,
                   max(a.id) FILTER (WHERE a.submitted_at IS NULL) AS open_id,
                   (array_agg(a.id ORDER BY a.number DESC) FILTER (WHERE a.submitted_at IS NOT NULL))[1] AS last_id,
                   (SELECT coalesce(sum(x.attempts), 0) FROM quiz_extra_attempts x
                    WHERE x.quiz_id = \(quizID) AND x.user_id = \(userID))::int8 AS extra
            FROM quiz_attempts a WHERE a.quiz_id = \(quizID) AND a.user_id = \(userID)
            """).first
        return QuizStanding(
            attemptsUsed: try row?["used"] ?? 0, extraAttempts: try row?["extra"] ?? 0, passed: try row?["passed"] ?? false,
            bestScore: try row?["best"], openAttemptID: try row?["open_id"], lastAttemptID: try row?["last_id"])
    }

    /// Begins attempt `number`: draws the questions (all of them when `drawCount` is nil)
    /// and copies each with its answers, shuffled when the quiz says so, each answer under a
    /// random token. Nil when another request began one first (the unique index on open
    /// attempts decides).
    static func beginAttempt(_ db: Connection, quiz: QuizSettings, userID: Int64, number: Int) throws -> Int64? {
        guard let attemptID: Int64 = try db.query("""
            INSERT INTO quiz_attempts (quiz_id, user_id, number, passing_score)
            VALUES (\(quiz.id), \(userID), \(number), \(quiz.passingScore))
            ON CONFLICT DO NOTHING RETURNING id
            """).first?["id"] else { return nil }
        try db.execute("""
            INSERT INTO attempt_questions (attempt_id, position, question_id, kind, prompt)
            SELECT \(attemptID), row_number() OVER (ORDER BY d.id), d.id, d.kind, d.prompt
            FROM (SELECT id, kind, prompt FROM questions WHERE quiz_id = \(quiz.id) ORDER BY random() LIMIT \(quiz.drawCount)) d
            """)
        try db.execute("""
            INSERT INTO attempt_answers (attempt_id, question_position, position, token, text, correct, feedback)
            SELECT aq.attempt_id, aq.position,
                   row_number() OVER (PARTITION BY aq.position ORDER BY CASE WHEN \(quiz.shuffleAnswers) THEN random() END, an.position),
                   replace(gen_random_uuid()::text, '-', ''), an.text, an.correct, an.feedback
            FROM attempt_questions aq JOIN answers an ON an.question_id = aq.question_id
            WHERE aq.attempt_id = \(attemptID)
            """)
        return attemptID
    }

    /// An attempt in progress as its form shows it: prompts, answers and their tokens —
    /// and nothing of the key, which this statement does not even read.
    static func fetchAttemptForm(_ db: Connection, attemptID: Int64) throws -> Attempt? {
        try fetchAttempt(db, attemptID: attemptID, key: "false AS correct, '' AS feedback, false AS chosen, NULL::boolean AS question_correct")
    }

    /// An attempt with its key and what was chosen: for grading and review.
    static func fetchAttemptWithKey(_ db: Connection, attemptID: Int64) throws -> Attempt? {
        try fetchAttempt(db, attemptID: attemptID, key: "aa.correct, aa.feedback, aa.chosen, aq.correct AS question_correct")
    }

    private static func fetchAttempt(_ db: Connection, attemptID: Int64, key: SQL) throws -> Attempt? {
        let rows = try db.query("""
            SELECT a.id, a.number, a.submitted_at, a.score, a.passed, a.passing_score,
                   aq.position AS question_position, aq.kind, aq.prompt, aa.token, aa.text, \(key)
            FROM quiz_attempts a
            JOIN attempt_questions aq ON aq.attempt_id = a.id
            JOIN attempt_answers aa ON aa.attempt_id = a.id AND aa.question_position = aq.position
            WHERE a.id = \(attemptID)
            ORDER BY aq.position, aa.position
            """)
        guard let first = rows.first else { return nil }
        var attempt = Attempt(
            id: try first["id"], number: try first["number"], submittedAt: try first["submitted_at"], score: try first["score"],
            passed: try first["passed"], passingScore: try first["passing_score"], questions: [])
        for row in rows {
            let position: Int = try row["question_position"]
            if attempt.questions.last?.position != position {
                attempt.questions.append(AttemptQuestion(
                    position: position, kind: QuestionKind(rawValue: try row["kind"]) ?? .single, prompt: try row["prompt"],
                    correct: try row["question_correct"], answers: []))
            }
            attempt.questions[attempt.questions.count - 1].answers.append(AttemptAnswer(
                token: try row["token"], text: try row["text"], correct: try row["correct"], feedback: try row["feedback"],
                chosen: try row["chosen"]))
        }
        return attempt
    }

    /// Whether attempt `attemptID` is this learner's, at this quiz, and already submitted.
    static func isSubmittedAttempt(_ db: Connection, attemptID: Int64, quizID: Int64, userID: Int64) throws -> Bool {
        try !db.query("""
            SELECT 1 FROM quiz_attempts WHERE id = \(attemptID) AND quiz_id = \(quizID) AND user_id = \(userID) AND submitted_at IS NOT NULL
            """).isEmpty
    }

    /// Records a graded attempt: what was chosen, which questions were right, the score.
    /// False when it was submitted already (the row's `submitted_at` decides).
    static func recordGrade(_ db: Connection, attemptID: Int64, grade: QuizGrading.Grade) throws -> Bool {
        let recorded = try db.execute("""
            UPDATE quiz_attempts SET submitted_at = now(), score = \(grade.score), passed = \(grade.passed)
            WHERE id = \(attemptID) AND submitted_at IS NULL
            """)
        guard recorded == 1 else { return false }
        try db.execute("""
            UPDATE attempt_answers SET chosen = token = ANY(\(grade.chosenTokens)) WHERE attempt_id = \(attemptID)
            """)
        try db.execute("""
            UPDATE attempt_questions SET correct = position = ANY(\(grade.rightPositions)) WHERE attempt_id = \(attemptID)
            """)
        return true
    }
}
