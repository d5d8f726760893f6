import Postgres
import Web

/// Self-paced training capsules: what they add to the rest of Campus — routes, the
/// navigation, the home page, `/me`, the personal export, account deletion, metrics, the
/// staff front page and the role scope.
enum CapsulesFeature: Feature {
    static let routes: [Route<Handler>] = CapsuleRoutes.routes

    static let navigation: [NavigationEntry] = [
        NavigationEntry(.capsules, CapsulePaths.capsules.path(), "nav.capsules"),
    ]

    /// The staff area's card for capsules.
    static func adminCard(_ context: Context) throws -> HTML? {
        let t = context.t
        return """
        <li class="card"><h2><a href="\(CapsulePaths.admin.path())">\(t("admin.capsules.title"))</a></h2>
        <p>\(t("admin.dashboard.capsules"))</p></li>
        """
    }

    /// The home page's capsules: the newest few, and the way to all of them.
    static func homeSection(_ context: Context) throws -> HTML? {
        let t = context.t
        let rows = try context.db.query("""
            SELECT c.slug, c.title, c.language, c.workload_hours FROM courses c
            WHERE c.kind = 'capsule' AND c.published
            ORDER BY c.created_at DESC, c.id DESC LIMIT 4
            """)
        guard !rows.isEmpty else { return "" }
        let items = try rows.map { row -> HTML in
            let hours: Int? = try row["workload_hours"]
            let meta: HTML = hours.map { " <span class=\"muted\">· \(t.plural("capsule.hours", $0))</span>" } ?? ""
            return "<li><a href=\"\(CapsulePaths.capsule.path(try row["slug"] as String))\" lang=\"\(try row["language"] as String)\">\(try row["title"] as String)</a>\(meta)</li>"
        }
        return """
        <section aria-labelledby="capsules-title">
        <h2 id="capsules-title">\(t("home.capsules"))</h2>
        <p>\(t("home.capsules_lead"))</p>
        <ul class="plain-list">\(items)</ul>
        <p><a class="button secondary" href="\(CapsulePaths.capsules.path())">\(t("home.capsules_all"))</a></p>
        </section>
        """
    }

    /// `/me`: the capsules the reader is taking, with their progress, those completed, and
    /// for their authors the way to edit them.
    static func meSection(_ context: Context, user: CurrentUser) throws -> HTML? {
        let t = context.t
        let userID = user.id
        let rows = try context.db.query("""
            SELECT c.id, c.slug, c.title, c.language, c.published,
                   (SELECT count(*) FROM lessons l WHERE l.course_id = c.id)::int8 AS lesson_count,
                   \(CapsuleQueries.progressColumns(userID: userID))
            FROM capsule_progress p JOIN courses c ON c.id = p.course_id
            WHERE p.user_id = \(userID)
            ORDER BY p.completed_at IS NOT NULL, p.completed_at DESC, p.started_at DESC
            """)
        let items = try rows.map { row -> HTML in
            guard let progress = try CapsuleQueries.progress(row) else { return "" }
            let id: Int64 = try row["id"]
            let title: String = try row["title"]
            let language: String = try row["language"]
            let name: HTML = try row["published"]
                ? "<a href=\"\(CapsulePaths.capsule.path(try row["slug"] as String))\" lang=\"\(language)\">\(title)</a>"
                : "<span lang=\"\(language)\">\(title)</span>"
            let state: HTML = progress.completedAt.map {
                "<strong>\(t("capsule.status.completed", ["date": CapsulePages.day($0, context: context)]))</strong>"
            } ?? CapsulePages.progressBar(progress, id: "capsule-progress-\(id)", t: t)
            return "<li>\(name)<br>\(state)</li>"
        }
        let list: HTML = rows.isEmpty
            ? "<p class=\"empty\">\(t("me.capsules.none")) <a href=\"\(CapsulePaths.capsules.path())\">\(t("me.capsules.browse"))</a></p>"
            : "<ul class=\"plain-list\">\(items)</ul>"
        let authoring: HTML = context.user.map { $0.isAdmin || !$0.authoredCapsuleIDs.isEmpty } == true
            ? "<p><a class=\"button secondary\" href=\"\(CapsulePaths.admin.path())\">\(t("me.capsules.authoring"))</a></p>" : ""
        return """
        <section id="capsules" aria-labelledby="capsules-title">
        <h2 id="capsules-title">\(t("me.capsules.title"))</h2>
        \(list)
        \(authoring)
        </section>
        """
    }

    /// The reader's part of the personal export: capsules taken, quiz attempts, attempts
    /// granted. One JSON value per statement, for user `userID`.
    static func exportSections(_ db: Connection, user: CurrentUser, t: Localizer) throws -> [(name: String, json: SQL)] {
        let userID = user.id
        return [
            ("capsules", """
                SELECT coalesce(json_agg(json_build_object('capsule', c.title, 'started_at', p.started_at, 'completed_at', p.completed_at,
                    'lessons_done', (SELECT count(*) FROM lesson_progress lp JOIN lessons l ON l.id = lp.lesson_id
                                     WHERE lp.user_id = p.user_id AND l.course_id = c.id)) ORDER BY p.started_at), '[]')
                FROM capsule_progress p JOIN courses c ON c.id = p.course_id WHERE p.user_id = \(userID)
                """),
            ("quiz_attempts", """
                SELECT coalesce(json_agg(json_build_object('capsule', c.title, 'lesson', l.title, 'attempt', a.number,
                    'started_at', a.started_at, 'submitted_at', a.submitted_at, 'score', a.score, 'passed', a.passed)
                    ORDER BY a.started_at), '[]')
                FROM quiz_attempts a JOIN quizzes q ON q.id = a.quiz_id JOIN lessons l ON l.id = q.lesson_id
                JOIN courses c ON c.id = l.course_id WHERE a.user_id = \(userID)
                """),
            ("quiz_attempts_granted", """
                SELECT coalesce(json_agg(json_build_object('capsule', c.title, 'lesson', l.title, 'attempts', x.attempts,
                    'reason', x.reason, 'granted_at', x.granted_at) ORDER BY x.granted_at), '[]')
                FROM quiz_extra_attempts x JOIN quizzes q ON q.id = x.quiz_id JOIN lessons l ON l.id = q.lesson_id
                JOIN courses c ON c.id = l.course_id WHERE x.user_id = \(userID)
                """),
        ]
    }

    /// Account deletion: capsules not completed go with their attempts; a completion stays,
    /// as the record it is, under the former participant's row.
    static func deleteAccount(_ db: Connection, app: CampusApp, userID: Int64) throws {
        let unfinished: SQL = """
            NOT EXISTS (SELECT 1 FROM capsule_progress p WHERE p.user_id = \(userID) AND p.course_id = l.course_id AND p.completed_at IS NOT NULL)
            """
        try db.execute("""
            DELETE FROM quiz_attempts a USING quizzes q, lessons l
            WHERE a.user_id = \(userID) AND q.id = a.quiz_id AND l.id = q.lesson_id AND \(unfinished)
            """)
        try db.execute("""
            DELETE FROM lesson_progress lp USING lessons l WHERE lp.user_id = \(userID) AND l.id = lp.lesson_id AND \(unfinished)
            """)
        try db.execute("DELETE FROM capsule_progress WHERE user_id = \(userID) AND completed_at IS NULL")
        try db.execute("DELETE FROM quiz_extra_attempts WHERE user_id = \(userID)")
    }

    /// Gauges for `/metrics`, the same whichever responder answers.
    static func gauges(_ db: Connection) throws -> [Gauge] {
        let row = try db.query("""
            SELECT count(*) FILTER (WHERE completed_at IS NULL)::int8 AS taking,
                   count(*) FILTER (WHERE completed_at IS NOT NULL)::int8 AS completed
            FROM capsule_progress
            """).first
        return [
            Gauge(name: "capsules_in_progress", help: "Capsules started and not yet completed, counted per learner.", value: try row?["taking"] ?? 0),
            Gauge(name: "capsules_completed", help: "Capsules completed, counted per learner.", value: try row?["completed"] ?? 0),
        ]
    }

    /// A role scoped to a course points at a capsule.
    static func capsuleExists(_ db: Connection, id: Int64) throws -> Bool {
        try !db.query("SELECT 1 FROM courses WHERE id = \(id) AND kind = 'capsule'").isEmpty
    }
}
