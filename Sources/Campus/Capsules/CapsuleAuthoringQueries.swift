import Foundation
import Postgres

/// A lesson as its author sees it in the capsule's outline.
struct LessonOutline: Sendable {
    var id: Int64
    var position: Int
    var title: String
    /// Questions in its quiz's pool; nil without a quiz.
    var questions: Int?
}

/// A lesson as its editor shows it.
struct LessonRecord: Sendable {
    var id: Int64
    var position: Int
    var title: String
    var body: String
    var videoURL: String?
    var readings: [(id: Int64, title: String, url: String)]
    var quiz: QuizSettings?
}

/// A question of a quiz's bank, with its answers in the author's order.
struct BankQuestion: Sendable {
    var id: Int64
    var kind: QuestionKind
    var prompt: String
    var answers: [BankAnswer]
}

struct BankAnswer: Sendable, Equatable {
    var text: String
    var correct: Bool
    var feedback: String
}

/// A lesson's fields as its form gives them, checked.
struct LessonFields: Sendable, Equatable {
    var title: String
    var body: String
    var videoURL: String?
}

/// A quiz's settings as its form gives them, checked.
struct QuizFields: Sendable, Equatable {
    var passingScore: Int
    var maxAttempts: Int?
    var drawCount: Int?
    var shuffleAnswers: Bool
    var review: ReviewOption
    var revealKey: Bool
}

/// The SQL of authoring. Changes to a capsule's outline (adding, moving, deleting
/// lessons) run holding the capsule's row, so two authors' edits queue.
enum CapsuleAuthoringQueries {
    static func lockCapsule(_ db: Connection, id: Int64) throws {
        try db.query("SELECT 1 FROM courses WHERE id = \(id) FOR UPDATE")
    }

    static func fetchOutline(_ db: Connection, courseID: Int64) throws -> [LessonOutline] {
        try db.query("""
            SELECT l.id, l.position, l.title,
                   CASE WHEN q.id IS NOT NULL THEN (SELECT count(*) FROM questions qq WHERE qq.quiz_id = q.id) END::int8 AS questions
            FROM lessons l LEFT JOIN quizzes q ON q.lesson_id = l.id
            WHERE l.course_id = \(courseID) ORDER BY l.position
            """).map { row in
            LessonOutline(id: try row["id"], position: try row["position"], title: try row["title"], questions: try row["questions"])
        }
    }

    static func fetchLesson(_ db: Connection, courseID: Int64, lessonID: Int64) throws -> LessonRecord? {
        try db.query("""
            SELECT l.id, l.position, l.title, l.body, l.video_url,
                   ARRAY(SELECT r.id FROM lesson_readings r WHERE r.lesson_id = l.id AND r.url IS NOT NULL ORDER BY r.id) AS reading_ids,
                   ARRAY(SELECT r.title FROM lesson_readings r WHERE r.lesson_id = l.id AND r.url IS NOT NULL ORDER BY r.id) AS reading_titles,
                   ARRAY(SELECT r.url FROM lesson_readings r WHERE r.lesson_id = l.id AND r.url IS NOT NULL ORDER BY r.id) AS reading_urls,
                   \(QuizQueries.settingsColumns)
            FROM lessons l LEFT JOIN quizzes q ON q.lesson_id = l.id
            WHERE l.id = \(lessonID) AND l.course_id = \(courseID)
            """).first.map { row in
            let ids: [Int64] = try row["reading_ids"]
            let titles: [String] = try row["reading_titles"]
            let urls: [String] = try row["reading_urls"]
            return LessonRecord(
                id: try row["id"], position: try row["position"], title: try row["title"], body: try row["body"],
                videoURL: try row["video_url"], readings: (0..<min(ids.count, titles.count, urls.count)).map { (ids[$0], titles[$0], urls[$0]) },
                quiz: try QuizQueries.settings(row))
        }
    }

    /// A new lesson at the end of the capsule.
    static func createLesson(_ db: Connection, courseID: Int64, title: String) throws -> Int64? {
        try lockCapsule(db, id: courseID)
        return try db.query("""
            INSERT INTO lessons (course_id, position, title)
            SELECT \(courseID), coalesce(max(position), 0) + 1, \(title) FROM lessons WHERE course_id = \(courseID)
            RETURNING id
            """).first?["id"]
    }

    static func updateLesson(_ db: Connection, lessonID: Int64, _ fields: LessonFields) throws {
        try db.execute("""
            UPDATE lessons SET title = \(fields.title), body = \(fields.body), video_url = \(fields.videoURL), updated_at = now()
            WHERE id = \(lessonID)
            """)
    }

    /// Swaps the lesson with its neighbour above (-1) or below (+1); false at either end.
    static func moveLesson(_ db: Connection, courseID: Int64, lessonID: Int64, by step: Int) throws -> Bool {
        try lockCapsule(db, id: courseID)
        return try db.execute("""
            WITH me AS (SELECT id, position FROM lessons WHERE id = \(lessonID) AND course_id = \(courseID)),
                 other AS (SELECT l.id, l.position FROM lessons l, me WHERE l.course_id = \(courseID) AND l.position = me.position + \(step))
            UPDATE lessons SET position = CASE WHEN lessons.id = me.id THEN other.position ELSE me.position END, updated_at = now()
            FROM me, other WHERE lessons.id IN (me.id, other.id)
            """) == 2
    }

    /// Deletes the lesson and closes the gap. A lesson someone has done, or whose quiz
    /// someone has tried, is kept by its foreign keys: the caller turns that into a 409.
    static func deleteLesson(_ db: Connection, courseID: Int64, lessonID: Int64) throws -> String? {
        try lockCapsule(db, id: courseID)
        guard let row = try db.query("""
            DELETE FROM lessons WHERE id = \(lessonID) AND course_id = \(courseID) RETURNING position, title
            """).first else { return nil }
        let position: Int = try row["position"]
        try db.execute("UPDATE lessons SET position = position - 1 WHERE course_id = \(courseID) AND position > \(position)")
        return try row["title"]
    }

    static func addReading(_ db: Connection, lessonID: Int64, title: String, url: String) throws {
        try db.execute("INSERT INTO lesson_readings (lesson_id, title, url) VALUES (\(lessonID), \(title), \(url))")
    }

    static func deleteReading(_ db: Connection, lessonID: Int64, readingID: Int64) throws -> String? {
        try db.query("DELETE FROM lesson_readings WHERE id = \(readingID) AND lesson_id = \(lessonID) RETURNING title").first?["title"]
    }

    /// Creates the lesson's quiz or changes its settings; true when it was created.
    static func saveQuiz(_ db: Connection, lessonID: Int64, _ fields: QuizFields) throws -> Bool {
        try db.query("""
            INSERT INTO quizzes (lesson_id, passing_score, max_attempts, draw_count, shuffle_answers, review, reveal_key)
            VALUES (\(lessonID), \(fields.passingScore), \(fields.maxAttempts), \(fields.drawCount), \(fields.shuffleAnswers),
                    \(fields.review.rawValue), \(fields.revealKey))
            ON CONFLICT (lesson_id) DO UPDATE SET passing_score = EXCLUDED.passing_score, max_attempts = EXCLUDED.max_attempts,
                draw_count = EXCLUDED.draw_count, shuffle_answers = EXCLUDED.shuffle_answers, review = EXCLUDED.review,
                reveal_key = EXCLUDED.reveal_key, updated_at = now()
            RETURNING (xmax = 0) AS created
            """).first?["created"] ?? false
    }

    static func deleteQuiz(_ db: Connection, lessonID: Int64) throws -> Bool {
        try db.execute("DELETE FROM quizzes WHERE lesson_id = \(lessonID)") == 1
    }

    /// A quiz's bank: every question with its answers, in one statement.
    static func fetchBank(_ db: Connection, quizID: Int64) throws -> [BankQuestion] {
        try questions(db.query("""
            SELECT q.id, q.kind, q.prompt, a.text, a.correct, a.feedback
            FROM questions q JOIN answers a ON a.question_id = q.id
            WHERE q.quiz_id = \(quizID) ORDER BY q.id, a.position
            """))
    }

    /// One question of capsule `courseID`, with the lesson it belongs to.
    static func fetchQuestion(_ db: Connection, courseID: Int64, questionID: Int64) throws -> (question: BankQuestion, lessonID: Int64)? {
        let rows = try db.query("""
            SELECT q.id, q.kind, q.prompt, a.text, a.correct, a.feedback, l.id AS lesson_id
            FROM questions q JOIN quizzes z ON z.id = q.quiz_id JOIN lessons l ON l.id = z.lesson_id
            LEFT JOIN answers a ON a.question_id = q.id
            WHERE q.id = \(questionID) AND l.course_id = \(courseID) ORDER BY a.position
            """)
        guard let first = rows.first, let question = try questions(rows).first else { return nil }
        return (question, try first["lesson_id"])
    }

    private static func questions(_ rows: Rows) throws -> [BankQuestion] {
        var out: [BankQuestion] = []
        for row in rows {
            let id: Int64 = try row["id"]
            if out.last?.id != id {
                out.append(BankQuestion(id: id, kind: QuestionKind(rawValue: try row["kind"]) ?? .single, prompt: try row["prompt"], answers: []))
            }
            guard let text: String = try row["text"] else { continue }
            out[out.count - 1].answers.append(BankAnswer(text: text, correct: try row["correct"], feedback: try row["feedback"]))
        }
        return out
    }

    static func createQuestion(_ db: Connection, quizID: Int64, _ question: BankQuestion) throws -> Int64 {
        guard let id: Int64 = try db.query("""
            INSERT INTO questions (quiz_id, kind, prompt) VALUES (\(quizID), \(question.kind.rawValue), \(question.prompt)) RETURNING id
            """).first?["id"] else { throw PostgresError(kind: .query, message: "no id returned") }
        try insertAnswers(db, questionID: id, question.answers)
        return id
    }

    /// Replaces the question and its answers. Attempts already begun keep their own copy.
    static func updateQuestion(_ db: Connection, _ question: BankQuestion) throws {
        try db.execute("""
            UPDATE questions SET kind = \(question.kind.rawValue), prompt = \(question.prompt), updated_at = now() WHERE id = \(question.id)
            """)
        try db.execute("DELETE FROM answers WHERE question_id = \(question.id)")
        try insertAnswers(db, questionID: question.id, question.answers)
    }

    private static func insertAnswers(_ db: Connection, questionID: Int64, _ answers: [BankAnswer]) throws {
        try db.execute("""
            INSERT INTO answers (question_id, position, text, correct, feedback)
            SELECT \(questionID), a.n, a.answer, a.flag = 't', a.note
            FROM unnest(\(answers.map(\.text))::text[], \(answers.map { $0.correct ? "t" : "f" })::text[], \(answers.map(\.feedback))::text[])
                 WITH ORDINALITY AS a(answer, flag, note, n)
            """)
    }

    static func deleteQuestion(_ db: Connection, questionID: Int64) throws {
        try db.execute("DELETE FROM questions WHERE id = \(questionID)")
    }

    /// What keeps the capsule from being published, as a message key; nil when it is ready:
    /// it has lessons, and every quiz has questions enough for what each attempt asks.
    static func publishProblem(_ db: Connection, courseID: Int64) throws -> String? {
        let row = try db.query("""
            SELECT (SELECT count(*) FROM lessons WHERE course_id = \(courseID))::int8 AS lessons,
                   (SELECT count(*) FROM quizzes q JOIN lessons l ON l.id = q.lesson_id
                    WHERE l.course_id = \(courseID)
                      AND (SELECT count(*) FROM questions qq WHERE qq.quiz_id = q.id) < greatest(coalesce(q.draw_count, 1), 1))::int8 AS short
            """).first
        if try row?["lessons"] ?? 0 == 0 { return "admin.capsules.error.no_lessons" }
        if try row?["short"] ?? 0 > 0 { return "admin.capsules.error.quiz_short" }
        return nil
    }

    static func setPublished(_ db: Connection, courseID: Int64, _ published: Bool) throws -> Bool {
        try db.execute("""
            UPDATE courses SET published = \(published), updated_at = now() WHERE id = \(courseID) AND published <> \(published)
            """) == 1
    }

    static func setWorkload(_ db: Connection, courseID: Int64, hours: Int?) throws {
        try db.execute("UPDATE courses SET workload_hours = \(hours) WHERE id = \(courseID)")
    }
}
