import Postgres
import Web

/// Scholarships: calls, applications, the committee's review and decisions, and awards
/// that hold a seat in their edition. What they add to the rest of Campus — routes,
/// navigation, /me, the export, account deletion, metrics, the staff front page and the
/// reviewer role's scope — comes through here.
enum ScholarshipsFeature: Feature {
    static let routes: [Route<Handler>] =
        CallRoutes.routes + ApplyRoutes.routes + ApplicationRoutes.routes + ReviewRoutes.routes + CallAdminRoutes.routes
        + CommitteeRoutes.routes + RecordRoutes.routes

    static let navigation: [NavigationEntry] = [
        NavigationEntry(.scholarships, ScholarshipPaths.calls.path(), "nav.scholarships"),
        NavigationEntry(.review, ScholarshipPaths.reviews.path(), "nav.review") { $0?.reviewedCallIDs.isEmpty == false },
    ]

    /// `/me`: the reader's applications with their status, and for reviewers the way to their assignments.
    static func meSection(_ context: Context, user: CurrentUser) throws -> HTML? {
        let t = context.t
        let rows = try ApplicationQueries.fetchMyApplications(try context.db, userID: user.id)
        let review: HTML = user.reviewedCallIDs.isEmpty ? "" : """
            <p><a class="button secondary" href="\(ScholarshipPaths.reviews.path())">\(t("me.applications.review"))</a></p>
            """
        let list: HTML = rows.isEmpty
            ? """
            <section id="applications" aria-labelledby="applications-title"><h2 id="applications-title">\(t("me.applications.title"))</h2>
            <p class="empty">\(t("me.applications.none")) <a href="\(ScholarshipPaths.calls.path())">\(t("me.applications.browse"))</a></p></section>
            """
            : ApplicationPages.mySection(rows, context: context, headingLevel: 2)
        return "\(list)\(review)"
    }

    /// The applications, in the words of the reader's language, with what they wrote; and
    /// the reviews they wrote as a reviewer.
    static func exportSections(_ db: Connection, user: CurrentUser, t: Localizer) throws -> [(name: String, json: SQL)] {
        let statuses = ExportWords.object(t, ApplicationStatus.allCases.map(\.rawValue)) { "application.status.\($0)" }
        return [
            ("scholarship_applications", """
                SELECT coalesce(json_agg(json_build_object('call', s.title, 'status', \(statuses)::jsonb ->> a.status,
                    'created_at', a.created_at, 'submitted_at', a.submitted_at, 'eligibility', a.eligibility,
                    'award_eligibility', a.award_eligibility, 'accept_by', a.accept_by,
                    'decision_note', (SELECT d.note FROM decisions d WHERE d.application_id = a.id AND d.released_at IS NOT NULL),
                    'answers', (SELECT coalesce(json_agg(json_build_object('question', q.prompt, 'answer', x.answer) ORDER BY q.id), '[]')
                                FROM application_answers x JOIN call_questions q ON q.id = x.question_id WHERE x.application_id = a.id),
                    'documents', (SELECT coalesce(json_agg(d.filename ORDER BY d.id), '[]') FROM documents d WHERE d.application_id = a.id))
                    ORDER BY a.id), '[]')
                FROM applications a JOIN scholarship_calls s ON s.id = a.call_id WHERE a.user_id = \(user.id)
                """),
            ("scholarship_reviews", """
                SELECT coalesce(json_agg(json_build_object('call', s.title, 'application', a.id, 'assigned_at', ra.assigned_at,
                    'conflict_declared_at', ra.conflict_at, 'conflict_reason', ra.conflict_reason, 'submitted_at', r.submitted_at,
                    'comment', r.comment) ORDER BY ra.id), '[]')
                FROM review_assignments ra JOIN applications a ON a.id = ra.application_id JOIN scholarship_calls s ON s.id = a.call_id
                LEFT JOIN reviews r ON r.assignment_id = ra.id WHERE ra.reviewer_id = \(user.id)
                """),
        ]
    }

    /// Applications are withdrawn (an award's seat passes on) and what the person wrote and
    /// attached is deleted; reviews they wrote stay with the committee's record.
    static func deleteAccount(_ db: Connection, app: CampusApp, userID: Int64) throws {
        try Applications.withdrawAll(db, app: app, userID: userID)
    }

    static func gauges(_ db: Connection) throws -> [Gauge] {
        let row = try db.query("""
            SELECT count(*) FILTER (WHERE status IN ('submitted', 'under_review'))::int8 AS in_review,
                   count(*) FILTER (WHERE status = 'awarded')::int8 AS awaiting,
                   count(*) FILTER (WHERE status = 'accepted')::int8 AS accepted
            FROM applications
            """).first
        return [
            Gauge(name: "scholarship_applications_in_review", help: "Scholarship applications submitted and awaiting a decision.", value: try row?["in_review"] ?? 0),
            Gauge(name: "scholarship_awards_awaiting_acceptance", help: "Scholarship awards holding a seat until the awardee accepts.", value: try row?["awaiting"] ?? 0),
            Gauge(name: "scholarship_awards_accepted", help: "Scholarship awards accepted.", value: try row?["accepted"] ?? 0),
        ]
    }

    static func adminCard(_ context: Context) throws -> HTML? {
        let t = context.t
        return """
        <li class="card"><h2><a href="\(ScholarshipPaths.admin.path())">\(t("admin.calls.title"))</a></h2>
        <p>\(t("admin.dashboard.scholarships"))</p></li>
        """
    }

    /// A role scoped to a call points at a call.
    static func callExists(_ db: Connection, id: Int64) throws -> Bool {
        try CallQueries.callExists(db, id: id)
    }
}
