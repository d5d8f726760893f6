import Foundation
import Postgres

/// A capsule's numbers: how many started it, how many completed it, how long completing
/// took (the median), and the average of each learner's best score at each quiz.
struct CapsuleNumbers: Sendable {
    var starts: Int
    var completions: Int
    var medianSeconds: Double?
    var averageBestScore: Double?

    /// Completions per start, nil before anyone starts.
    var completionRate: Double? { starts == 0 ? nil : Double(completions) / Double(starts) }
}

/// A capsule in the staff list, with its numbers.
struct CapsuleSummary: Sendable {
    var id: Int64
    var title: String
    var language: String
    var published: Bool
    var lessons: Int
    var numbers: CapsuleNumbers
}

/// One quiz's numbers.
struct QuizNumbers: Sendable {
    var quizID: Int64
    var lessonPosition: Int
    var lessonTitle: String
    var learners: Int
    var passed: Int
    var attempts: Int
    var averageBestScore: Double?
}

/// One learner of a capsule, for the staff table and the CSV.
struct CapsuleLearner: Sendable {
    var name: String
    var email: String
    var organization: String?
    var startedAt: Date
    var lessonsDone: Int
    var completedAt: Date?
    /// The average of their best score at each quiz they tried.
    var bestScore: Double?
    var attempts: Int
}

enum CapsuleStatsQueries {
    /// Capsules with their numbers, all of them or those in `onlyIDs`: one statement.
    static func fetchSummaries(_ db: Connection, onlyIDs: [Int64]?) throws -> [CapsuleSummary] {
        try db.query("""
            SELECT c.id, c.title, c.language, c.published,
                   (SELECT count(*) FROM lessons l WHERE l.course_id = c.id)::int8 AS lessons, \(numberColumns)
            FROM courses c
            WHERE c.kind = 'capsule' AND (\(onlyIDs) IS NULL OR c.id = ANY(\(onlyIDs)))
            ORDER BY lower(c.title), c.id
            """).map { row in
            CapsuleSummary(
                id: try row["id"], title: try row["title"], language: try row["language"], published: try row["published"],
                lessons: try row["lessons"], numbers: try numbers(row))
        }
    }

    static func fetchNumbers(_ db: Connection, courseID: Int64) throws -> CapsuleNumbers {
        guard let row = try db.query("SELECT \(numberColumns) FROM courses c WHERE c.id = \(courseID)").first else {
            return CapsuleNumbers(starts: 0, completions: 0)
        }
        return try numbers(row)
    }

    /// The numbers of capsule `c`, served by capsule_progress_course and the attempts' keys.
    static let numberColumns: SQL = """
        (SELECT count(*) FROM capsule_progress p WHERE p.course_id = c.id)::int8 AS starts,
        (SELECT count(*) FROM capsule_progress p WHERE p.course_id = c.id AND p.completed_at IS NOT NULL)::int8 AS completions,
        (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.completed_at - p.started_at))
         FROM capsule_progress p WHERE p.course_id = c.id AND p.completed_at IS NOT NULL)::float8 AS median_seconds,
        (SELECT avg(best.score) FROM (
            SELECT max(a.score) AS score FROM quiz_attempts a JOIN quizzes q ON q.id = a.quiz_id JOIN lessons l ON l.id = q.lesson_id
            WHERE l.course_id = c.id AND a.submitted_at IS NOT NULL GROUP BY a.quiz_id, a.user_id) best)::float8 AS average_best
        """

    static func numbers(_ row: Row) throws -> CapsuleNumbers {
        CapsuleNumbers(
            starts: try row["starts"], completions: try row["completions"], medianSeconds: try row["median_seconds"],
            averageBestScore: try row["average_best"])
    }

    static func fetchQuizNumbers(_ db: Connection, courseID: Int64) throws -> [QuizNumbers] {
        try db.query("""
            SELECT q.id, l.position, l.title,
                   count(DISTINCT a.user_id)::int8 AS learners,
                   count(DISTINCT a.user_id) FILTER (WHERE a.passed)::int8 AS passed,
                   count(a.id)::int8 AS attempts,
                   (SELECT avg(best.score) FROM (SELECT max(x.score) AS score FROM quiz_attempts x
                    WHERE x.quiz_id = q.id AND x.submitted_at IS NOT NULL GROUP BY x.user_id) best)::float8 AS average_best
            FROM quizzes q JOIN lessons l ON l.id = q.lesson_id
            LEFT JOIN quiz_attempts a ON a.quiz_id = q.id AND a.submitted_at IS NOT NULL
            WHERE l.course_id = \(courseID)
            GROUP BY q.id, l.position, l.title ORDER BY l.position
            """).map { row in
            QuizNumbers(
                quizID: try row["id"], lessonPosition: try row["position"], lessonTitle: try row["title"], learners: try row["learners"],
                passed: try row["passed"], attempts: try row["attempts"], averageBestScore: try row["average_best"])
        }
    }

    /// The capsule's learners, the latest to start first; `limit` nil for all (the CSV).
    static func fetchLearners(_ db: Connection, courseID: Int64, limit: Int?) throws -> [CapsuleLearner] {
        try db.query("""
            SELECT u.name, u.email, o.name AS organization, p.started_at, p.completed_at,
                   (SELECT count(*) FROM lesson_progress lp JOIN lessons l ON l.id = lp.lesson_id
                    WHERE lp.user_id = p.user_id AND l.course_id = p.course_id)::int8 AS lessons_done,
                   (SELECT avg(best.score) FROM (
                        SELECT max(a.score) AS score FROM quiz_attempts a JOIN quizzes q ON q.id = a.quiz_id JOIN lessons l ON l.id = q.lesson_id
                        WHERE l.course_id = p.course_id AND a.user_id = p.user_id AND a.submitted_at IS NOT NULL GROUP BY a.quiz_id) best)::float8 AS best,
                   (SELECT count(*) FROM quiz_attempts a JOIN quizzes q ON q.id = a.quiz_id JOIN lessons l ON l.id = q.lesson_id
                    WHERE l.course_id = p.course_id AND a.user_id = p.user_id AND a.submitted_at IS NOT NULL)::int8 AS attempts
            FROM capsule_progress p JOIN users u ON u.id = p.user_id LEFT JOIN organizations o ON o.id = u.organization_id
            WHERE p.course_id = \(courseID)
            ORDER BY p.started_at DESC, p.user_id
            LIMIT \(limit)
            """).map { row in
            CapsuleLearner(
                name: try row["name"], email: try row["email"], organization: try row["organization"], startedAt: try row["started_at"],
                lessonsDone: try row["lessons_done"], completedAt: try row["completed_at"], bestScore: try row["best"], attempts: try row["attempts"])
        }
    }

    /// Grants `attempts` more at a quiz of the capsule to one person.
    static func grantAttempts(_ db: Connection, quizID: Int64, userID: Int64, attempts: Int, reason: String, by staffID: Int64?) throws {
        try db.execute("""
            INSERT INTO quiz_extra_attempts (quiz_id, user_id, attempts, reason, granted_by)
            VALUES (\(quizID), \(userID), \(attempts), \(reason), \(staffID))
            """)
    }
}
