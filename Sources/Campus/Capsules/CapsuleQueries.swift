import Foundation
import Postgres

/// The learner's side of capsules in SQL: the list, a capsule with its lessons, a lesson,
/// and each reader's progress. Topic names come in the reader's language.
enum CapsuleQueries {
    /// The capsule's columns every page needs, for `capsule(_:)`.
    static func columns(language: String) -> SQL {
        """
        c.id, c.slug, c.title, c.summary, c.description, c.language, c.workload_hours, c.published,
        (SELECT count(*) FROM lessons l WHERE l.course_id = c.id)::int8 AS lesson_count,
        ARRAY(SELECT t.names->>\(language) FROM course_topics ct JOIN topics t ON t.id = ct.topic_id
              WHERE ct.course_id = c.id ORDER BY 1) AS topics
        """
    }

    static func capsule(_ row: Row) throws -> Capsule {
        Capsule(
            id: try row["id"], slug: try row["slug"], title: try row["title"], summary: try row["summary"],
            description: try row["description"], language: try row["language"], workloadHours: try row["workload_hours"],
            topics: try row["topics"], published: try row["published"], lessonCount: try row["lesson_count"])
    }

    /// A reader's progress from the columns `progressColumns` selects, nil when not started.
    static func progress(_ row: Row) throws -> CapsuleProgress? {
        guard let started: Date = try row["started_at"] else { return nil }
        return CapsuleProgress(
            startedAt: started, completedAt: try row["completed_at"], lessonsDone: try row["lessons_done"],
            lessons: try row["lesson_count"], lastLessonPosition: try row["last_position"])
    }

    /// Progress columns for capsule `c` joined to `capsule_progress p` of reader `userID`.
    static func progressColumns(userID: Int64?) -> SQL {
        """
        p.started_at, p.completed_at,
        (SELECT l.position FROM lessons l WHERE l.id = p.last_lesson_id) AS last_position,
        (SELECT count(*) FROM lessons l JOIN lesson_progress lp ON lp.lesson_id = l.id AND lp.user_id = \(userID)
         WHERE l.course_id = c.id)::int8 AS lessons_done
        """
    }

    /// Every published capsule, by title, with the reader's progress: one statement.
    static func fetchCapsules(_ db: Connection, language: String, userID: Int64?) throws -> [CapsuleListing] {
        try db.query("""
            SELECT \(columns(language: language)), \(progressColumns(userID: userID))
            FROM courses c
            LEFT JOIN capsule_progress p ON p.course_id = c.id AND p.user_id = \(userID)
            WHERE c.kind = 'capsule' AND c.published
            ORDER BY lower(c.title), c.id
            """).map { row in
            CapsuleListing(capsule: try capsule(row), progress: try progress(row))
        }
    }

    /// A published capsule by its slug, with the reader's progress.
    static func fetchCapsule(_ db: Connection, slug: String, language: String, userID: Int64?) throws -> (Capsule, CapsuleProgress?)? {
        try db.query("""
            SELECT \(columns(language: language)), \(progressColumns(userID: userID))
            FROM courses c
            LEFT JOIN capsule_progress p ON p.course_id = c.id AND p.user_id = \(userID)
            WHERE c.slug = \(slug) AND c.kind = 'capsule' AND c.published
            """).first.map { (try capsule($0), try progress($0)) }
    }

    /// Any capsule by id, published or not, for its staff pages.
    static func fetchCapsule(_ db: Connection, id: Int64, language: String) throws -> Capsule? {
        try db.query("""
            SELECT \(columns(language: language)) FROM courses c WHERE c.id = \(id) AND c.kind = 'capsule'
            """).first.map(capsule)
    }

    /// The capsule's lessons in order, each with whether the reader did it and whether it
    /// is new to them (added after they started).
    static func fetchLessons(_ db: Connection, courseID: Int64, userID: Int64?) throws -> [LessonSummary] {
        try db.query("""
            SELECT l.id, l.position, l.title, q.id IS NOT NULL AS has_quiz, lp.done_at IS NOT NULL AS done,
                   (lp.done_at IS NULL AND l.created_at > p.started_at) IS TRUE AS is_new
            FROM lessons l
            LEFT JOIN quizzes q ON q.lesson_id = l.id
            LEFT JOIN lesson_progress lp ON lp.lesson_id = l.id AND lp.user_id = \(userID)
            LEFT JOIN capsule_progress p ON p.course_id = l.course_id AND p.user_id = \(userID)
            WHERE l.course_id = \(courseID)
            ORDER BY l.position
            """).map { row in
            LessonSummary(
                id: try row["id"], position: try row["position"], title: try row["title"],
                hasQuiz: try row["has_quiz"], done: try row["done"], isNew: try row["is_new"])
        }
    }

    /// Lesson `position` of a capsule with its readings and quiz settings. For a learner
    /// (`visitedBy`), the same statement records it as where they left off, writing only
    /// when that changes, so reading a lesson again costs no write.
    static func fetchLesson(_ db: Connection, courseID: Int64, position: Int, visitedBy userID: Int64?) throws -> (Lesson, QuizSettings?, done: Bool)? {
        try db.query("""
            WITH l AS (SELECT * FROM lessons WHERE course_id = \(courseID) AND position = \(position)),
            visit AS (
                UPDATE capsule_progress SET last_lesson_id = (SELECT id FROM l)
                WHERE user_id = \(userID) AND course_id = \(courseID) AND EXISTS (SELECT 1 FROM l)
                  AND last_lesson_id IS DISTINCT FROM (SELECT id FROM l)
                RETURNING 1
            )
            SELECT l.id, l.position, l.title, l.body, l.video_url,
                   ARRAY(SELECT r.title FROM lesson_readings r WHERE r.lesson_id = l.id AND r.url IS NOT NULL ORDER BY r.id) AS reading_titles,
                   ARRAY(SELECT r.url FROM lesson_readings r WHERE r.lesson_id = l.id AND r.url IS NOT NULL ORDER BY r.id) AS reading_urls,
                   EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp.lesson_id = l.id AND lp.user_id = \(userID)) AS done,
                   \(QuizQueries.settingsColumns)
            FROM l LEFT JOIN quizzes q ON q.lesson_id = l.id
            """).first.map { row in
            let titles: [String] = try row["reading_titles"]
            let urls: [String] = try row["reading_urls"]
            let lesson = Lesson(
                id: try row["id"], position: try row["position"], title: try row["title"], body: try row["body"],
                videoURL: try row["video_url"], readings: zip(titles, urls).map { Reading(title: $0, url: $1) })
            return (lesson, try QuizQueries.settings(row), done: try row["done"])
        }
    }

    /// Starts the capsule for the reader; starting again changes nothing (false).
    @discardableResult
    static func start(_ db: Connection, courseID: Int64, userID: Int64) throws -> Bool {
        try db.execute("""
            INSERT INTO capsule_progress (user_id, course_id) VALUES (\(userID), \(courseID))
            ON CONFLICT (user_id, course_id) DO NOTHING
            """) == 1
    }

    /// Locks the reader's progress in the capsule for the rest of the transaction, so
    /// their own concurrent requests (two tabs) queue; false when they have not started.
    static func lockProgress(_ db: Connection, courseID: Int64, userID: Int64) throws -> Bool {
        try !db.query("""
            SELECT 1 FROM capsule_progress WHERE user_id = \(userID) AND course_id = \(courseID) FOR UPDATE
            """).isEmpty
    }

    static func markDone(_ db: Connection, lessonID: Int64, userID: Int64) throws {
        try db.execute("""
            INSERT INTO lesson_progress (user_id, lesson_id) VALUES (\(userID), \(lessonID))
            ON CONFLICT (user_id, lesson_id) DO NOTHING
            """)
    }

    /// Every lesson done and every quiz passed, in a capsule that has lessons, and not yet
    /// recorded as completed.
    static func isNewlyComplete(_ db: Connection, courseID: Int64, userID: Int64) throws -> Bool {
        try db.query("""
            SELECT 1 FROM capsule_progress p
            WHERE p.user_id = \(userID) AND p.course_id = \(courseID) AND p.completed_at IS NULL
              AND EXISTS (SELECT 1 FROM lessons l WHERE l.course_id = p.course_id)
              AND NOT EXISTS (
                  SELECT 1 FROM lessons l WHERE l.course_id = p.course_id
                    AND NOT EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp.lesson_id = l.id AND lp.user_id = p.user_id))
              AND NOT EXISTS (
                  SELECT 1 FROM lessons l JOIN quizzes q ON q.lesson_id = l.id WHERE l.course_id = p.course_id
                    AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.quiz_id = q.id AND a.user_id = p.user_id AND a.passed))
            """).isEmpty == false
    }
}
