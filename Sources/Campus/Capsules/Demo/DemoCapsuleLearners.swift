import Foundation
import Postgres

/// Demo learners part of the way through capsules, so `/me`, the capsule pages and the
/// staff numbers have something to show: several in progress, one who failed the quiz
/// once and then passed and completed.
enum DemoCapsuleLearners {
    struct Plan {
        let email: String
        let slug: String
        let startedDaysAgo: Int
        /// Lessons marked done, from the first.
        let lessonsDone: Int
        /// Where they left off.
        let lastLesson: Int
        /// Their attempts at the final quiz, in order: passed or not.
        var attempts: [Bool] = []
    }

    static let plans: [Plan] = [
        Plan(email: "alcaldesa@campus.example", slug: "capsula-estrategia-urbana", startedDaysAgo: 6, lessonsDone: 2, lastLesson: 3),
        Plan(email: "concejal@campus.example", slug: "capsula-cidade-de-proximidade", startedDaysAgo: 4, lessonsDone: 1, lastLesson: 2),
        Plan(email: DemoEnrollments.email("Lucía Mendoza"), slug: "capsula-movilidad-sostenible", startedDaysAgo: 12, lessonsDone: 3, lastLesson: 4,
             attempts: [false, true]),
        Plan(email: DemoEnrollments.email("Andrés Pineda"), slug: "capsula-transversalidad-genero-gestion-municipal", startedDaysAgo: 5, lessonsDone: 2, lastLesson: 3),
        Plan(email: DemoEnrollments.email("Beatriz Carvalho"), slug: "capsula-cidade-de-proximidade", startedDaysAgo: 8, lessonsDone: 3, lastLesson: 4,
             attempts: [false]),
        Plan(email: DemoEnrollments.email("Diego Salas"), slug: "capsula-participacion-ciudadana", startedDaysAgo: 2, lessonsDone: 1, lastLesson: 2),
    ]

    static func seed(_ db: Connection) throws {
        for plan in plans {
            guard let row = try db.query("""
                SELECT u.id AS user_id, c.id AS course_id FROM users u, courses c
                WHERE lower(u.email) = lower(\(plan.email)) AND c.slug = \(plan.slug)
                  AND NOT EXISTS (SELECT 1 FROM capsule_progress p WHERE p.user_id = u.id AND p.course_id = c.id)
                """).first else { continue }
            let userID: Int64 = try row["user_id"]
            let courseID: Int64 = try row["course_id"]
            try db.execute("""
                INSERT INTO capsule_progress (user_id, course_id, started_at, last_lesson_id)
                SELECT \(userID), \(courseID), now() - make_interval(days => \(plan.startedDaysAgo)::int), l.id
                FROM lessons l WHERE l.course_id = \(courseID) AND l.position = \(plan.lastLesson)
                """)
            try db.execute("""
                INSERT INTO lesson_progress (user_id, lesson_id, done_at)
                SELECT \(userID), l.id, now() - make_interval(days => \(plan.startedDaysAgo)::int) + make_interval(hours => l.position::int)
                FROM lessons l WHERE l.course_id = \(courseID) AND l.position <= \(plan.lessonsDone)
                """)
            for (index, passes) in plan.attempts.enumerated() {
                try attempt(db, userID: userID, courseID: courseID, number: index + 1, passes: passes, daysAgo: plan.startedDaysAgo - index - 2)
            }
        }
    }

    /// One attempt at the capsule's final quiz, drawn as any attempt is, answered all
    /// right or mostly wrong; a pass completes the capsule as passing it would.
    static func attempt(_ db: Connection, userID: Int64, courseID: Int64, number: Int, passes: Bool, daysAgo: Int) throws {
        guard let row = try db.query("""
            SELECT l.id AS lesson_id, \(QuizQueries.settingsColumns)
            FROM lessons l JOIN quizzes q ON q.lesson_id = l.id WHERE l.course_id = \(courseID) ORDER BY l.position DESC LIMIT 1
            """).first, let quiz = try QuizQueries.settings(row),
            let attemptID = try QuizQueries.beginAttempt(db, quiz: quiz, userID: userID, number: number),
            let attempt = try QuizQueries.fetchAttemptWithKey(db, attemptID: attemptID)
        else { return }
        var chosen: [Int: Set<String>] = [:]
        for (index, question) in attempt.questions.enumerated() {
            let rightOnes = question.answers.filter(\.correct).map(\.token)
            let wrongOne = question.answers.first { !$0.correct }?.token
            chosen[question.position] = passes || index == 0 ? Set(rightOnes) : Set([wrongOne ?? rightOnes[0]])
        }
        let grade = QuizGrading.grade(attempt.questions, chosen: chosen, passingScore: attempt.passingScore)
        _ = try QuizQueries.recordGrade(db, attemptID: attemptID, grade: grade)
        try db.execute("""
            UPDATE quiz_attempts SET started_at = now() - make_interval(days => \(daysAgo)::int),
                   submitted_at = now() - make_interval(days => \(daysAgo)::int) + interval '12 minutes'
            WHERE id = \(attemptID)
            """)
        guard grade.passed else { return }
        try db.execute("""
            INSERT INTO lesson_progress (user_id, lesson_id, done_at) VALUES (\(userID), \(try row["lesson_id"] as Int64),
                   now() - make_interval(days => \(daysAgo)::int) + interval '12 minutes')
            ON CONFLICT DO NOTHING
            """)
        try db.execute("""
            UPDATE capsule_progress SET completed_at = now() - make_interval(days => \(daysAgo)::int) + interval '12 minutes'
            WHERE user_id = \(userID) AND course_id = \(courseID)
            """)
    }
}
