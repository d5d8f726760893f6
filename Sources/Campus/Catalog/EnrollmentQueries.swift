import Foundation
import Postgres

/// The SQL of editions and enrollments.
enum EnrollmentQueries {
    /// Editions with their course, seminar city, phase and seats, as `detail` reads them.
    static let editionSelect: SQL = """
        SELECT e.id, e.name, e.language, e.starts_on, e.ends_on, e.enrollment_opens_at, e.enrollment_closes_at,
               e.capacity, e.modality, o.name AS seminar_city, e.admission, e.fee, e.fee_currency, e.description,
               c.id AS course_id, c.slug, c.title, c.language AS course_language, c.published,
               \(EditionStates.phase) AS phase, \(EditionStates.taken)::int8 AS taken, \(EditionStates.waitlisted)::int8 AS waitlisted,
               \(EditionStates.pending)::int8 AS pending
        FROM editions e JOIN courses c ON c.id = e.course_id
        LEFT JOIN organizations o ON o.id = e.seminar_organization_id
        """

    /// An edition with its course, phase and seats; `lock` takes the edition's row lock,
    /// which every change to its seats holds, so concurrent requests queue up here.
    static func fetchEdition(_ db: Connection, id: Int64, lock: Bool = false) throws -> EditionDetail? {
        if lock { try db.query("SELECT id FROM editions WHERE id = \(id) FOR UPDATE") }
        return try db.query("\(editionSelect) WHERE e.id = \(id)").first.map(detail)
    }

    static func detail(_ row: Row) throws -> EditionDetail {
        let edition = Edition(
            id: try row["id"], name: try row["name"], language: try row["language"],
            startsOn: try row["starts_on"], endsOn: try row["ends_on"],
            enrollmentOpensAt: try row["enrollment_opens_at"], enrollmentClosesAt: try row["enrollment_closes_at"],
            capacity: try row["capacity"], modality: try row["modality"], seminarCity: try row["seminar_city"],
            admission: try row["admission"], fee: try row["fee"], feeCurrency: try row["fee_currency"],
            description: try row["description"])
        let taken: Int = try row["taken"]
        return EditionDetail(
            edition: edition, courseID: try row["course_id"], courseSlug: try row["slug"], courseTitle: try row["title"],
            courseLanguage: try row["course_language"], coursePublished: try row["published"],
            state: EditionState(phase: try row["phase"], capacity: edition.capacity, taken: taken),
            seatsTaken: taken, waitlisted: try row["waitlisted"], pending: try row["pending"],
            opensAt: edition.enrollmentOpensAt, closesAt: edition.enrollmentClosesAt)
    }

    /// The waitlist position of enrollment `x`, in SQL.
    static let position: SQL = """
        CASE WHEN x.status = 'waitlisted' THEN
            (SELECT count(*) FROM enrollments w WHERE w.edition_id = x.edition_id AND w.status = 'waitlisted'
               AND (w.requested_at, w.id) <= (x.requested_at, x.id)) END
        """

    static func fetchEnrollment(_ db: Connection, editionID: Int64, userID: Int64) throws -> Enrollment? {
        try db.query("""
            SELECT x.id, x.status, (\(position))::int8 AS position, x.decision_note, x.assessed_at IS NOT NULL AS assessed, x.completion_note
            FROM enrollments x WHERE x.edition_id = \(editionID) AND x.user_id = \(userID)
            """).first.map(enrollment)
    }

    static func enrollment(_ row: Row) throws -> Enrollment {
        Enrollment(
            id: try row["id"], status: EnrollmentStatus(rawValue: try row["status"]) ?? .withdrawn,
            position: try row["position"], decisionNote: try row["decision_note"], assessed: try row["assessed"],
            completionNote: try row["completion_note"])
    }

    /// The names of an edition's teaching team.
    static func fetchInstructorNames(_ db: Connection, editionID: Int64) throws -> [String] {
        try AccountQueries.fetchRoleHolders(db, role: .instructor, scope: .edition(editionID)).map(\.name)
    }

    static func fetchSessions(_ db: Connection, editionID: Int64) throws -> [EditionSession] {
        try db.query("""
            SELECT id, kind, title, starts_at, duration_minutes, time_zone, place, link, description,
                   starts_at + make_interval(mins => duration_minutes) < now() AS past
            FROM edition_sessions WHERE edition_id = \(editionID) ORDER BY starts_at, id
            """).map { row in
            EditionSession(
                id: try row["id"], kind: try row["kind"], title: try row["title"], startsAt: try row["starts_at"],
                durationMinutes: Int(try row["duration_minutes"] as Int32), timeZone: try row["time_zone"],
                place: try row["place"], link: try row["link"], description: try row["description"], isPast: try row["past"])
        }
    }

    /// Whether the user may take a members-only seat: an affiliation that counts, with an
    /// organization whose membership is active today.
    static func isActiveMember(_ db: Connection, userID: Int64) throws -> Bool {
        try db.query("""
            SELECT coalesce(\(AccountQueries.affiliationCounts) AND o.active_until >= current_date, false) AS member
            FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.id = \(userID)
            """).first?["member"] ?? false
    }

    /// Moves the first people on the waitlist into the free seats, first come first served.
    /// Call it holding the edition's lock. Returns the users promoted.
    static func fillFreeSeats(_ db: Connection, editionID: Int64) throws -> [Int64] {
        try db.query("""
            UPDATE enrollments SET status = 'enrolled', updated_at = now()
            WHERE id IN (
                SELECT w.id FROM enrollments w JOIN editions e ON e.id = w.edition_id
                WHERE w.edition_id = \(editionID) AND w.status = 'waitlisted' AND e.ends_on >= current_date
                ORDER BY w.requested_at, w.id
                LIMIT greatest(0, (SELECT capacity FROM editions WHERE id = \(editionID))
                                  - (SELECT count(*) FROM enrollments s WHERE s.edition_id = \(editionID) AND s.status IN ('enrolled', 'completed', 'held'))))
            RETURNING user_id
            """).map { try $0["user_id"] }
    }

    /// A reader's enrollments for /me, the active and coming ones first.
    static func fetchMyEnrollments(_ db: Connection, userID: Int64) throws -> [(detail: MyEnrollmentRow, enrollment: Enrollment)] {
        try db.query("""
            SELECT x.id, x.status, (\(position))::int8 AS position, x.decision_note, x.assessed_at IS NOT NULL AS assessed, x.completion_note,
                   e.id AS edition_id, e.name AS edition_name, e.starts_on, e.ends_on, c.title, c.slug
            FROM enrollments x JOIN editions e ON e.id = x.edition_id JOIN courses c ON c.id = e.course_id
            WHERE x.user_id = \(userID)
            ORDER BY x.status IN ('withdrawn', 'rejected'), e.ends_on < current_date, e.starts_on, x.id
            """).map { row in
            (detail: MyEnrollmentRow(
                editionID: try row["edition_id"], editionName: try row["edition_name"], courseTitle: try row["title"],
                courseSlug: try row["slug"], startsOn: try row["starts_on"], endsOn: try row["ends_on"]),
             enrollment: try enrollment(row))
        }
    }

    /// The reader's enrollments for the personal export, statuses in words (`statuses`:
    /// a JSON object from status to words, see ExportWords).
    static func exportSQL(userID: Int64, statuses: String) -> SQL {
        """
        SELECT coalesce(json_agg(json_build_object('course', c.title, 'edition', e.name,
            'status', replace(\(statuses)::jsonb ->> CASE WHEN x.status = 'enrolled' AND x.assessed_at IS NOT NULL THEN 'not_completed'
                ELSE x.status END, '{position}', coalesce((\(EnrollmentQueries.position))::text, '')),
            'requested_at', x.requested_at, 'decision_note', x.decision_note, 'completion_note', x.completion_note) ORDER BY x.id), '[]')
        FROM enrollments x JOIN editions e ON e.id = x.edition_id JOIN courses c ON c.id = e.course_id WHERE x.user_id = \(userID)
        """
    }
}

/// What /me shows of an enrollment's edition.
struct MyEnrollmentRow: Sendable {
    let editionID: Int64
    let editionName: String
    let courseTitle: String
    let courseSlug: String
    let startsOn: CalendarDay
    let endsOn: CalendarDay
}
