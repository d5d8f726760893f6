import Foundation
import Postgres

/// Where an edition is in its life, as the catalog shows it.
enum EditionState: String, Sendable {
    /// Enrollment has not opened yet.
    case upcoming
    /// Enrollment is open and seats remain.
    case open
    /// Enrollment is open, every seat is taken: new requests join the waitlist.
    case full
    /// Enrollment has closed; the edition has not started.
    case closed
    case running
    case finished

    /// The state from the database's clock (see `EditionStates.sql`) and the seats taken.
    init(phase: String, capacity: Int, taken: Int) {
        switch phase {
        case "open": self = taken >= capacity ? .full : .open
        case "upcoming": self = .upcoming
        case "closed": self = .closed
        case "running": self = .running
        default: self = .finished
        }
    }

    var acceptsRequests: Bool { self == .open || self == .full }
}

/// The SQL every page uses to tell an edition's phase and its seats, so the catalog, the
/// edition page and enrollment agree. Phases compare against PostgreSQL's `now()`.
enum EditionStates {
    /// The phase of edition `e`: upcoming, open, closed, running or finished.
    static let phase: SQL = """
        CASE WHEN e.ends_on < current_date THEN 'finished'
             WHEN e.starts_on <= current_date THEN 'running'
             WHEN now() < e.enrollment_opens_at THEN 'upcoming'
             WHEN now() >= e.enrollment_closes_at THEN 'closed'
             ELSE 'open' END
        """

    /// Seats taken in edition `e`: enrolled and completed participants (a counter the
    /// database keeps, see `enrollments_count_seats` in schema.sql).
    static let taken: SQL = "e.seats_taken"

    static let waitlisted: SQL = "e.waitlisted"

    /// Requests in edition `e` waiting for the teaching team's decision.
    static let pending: SQL = "e.pending"
}

/// A reader's place in an edition.
enum EnrollmentStatus: String, CaseIterable, Sendable {
    case enrolled, waitlisted, pending, withdrawn, rejected, completed
    /// A seat kept for a scholarship award until the awardee accepts (then enrolled) or
    /// the award ends (then withdrawn): see Enrollments+Awards.swift.
    case held

    /// Statuses that hold or wait for a seat: withdrawing makes sense for these.
    var isActive: Bool { self == .enrolled || self == .waitlisted || self == .pending }
}

/// The reader's own enrollment in an edition.
struct Enrollment: Sendable {
    let id: Int64
    let status: EnrollmentStatus
    /// 1-based place on the waitlist, computed from request times.
    let position: Int?
    let decisionNote: String?
    let assessed: Bool
    let completionNote: String?
}

/// An edition as its page and the enrollment rules need it.
struct EditionDetail: Sendable {
    let edition: Edition
    let courseID: Int64
    let courseSlug: String
    let courseTitle: String
    let courseLanguage: String
    /// Editions of a draft course are seen only by its staff.
    let coursePublished: Bool
    let state: EditionState
    let seatsTaken: Int
    let waitlisted: Int
    /// Requests the teaching team has yet to decide.
    let pending: Int
    let opensAt: Date
    let closesAt: Date

    var seatsLeft: Int { max(0, edition.capacity - seatsTaken) }
    /// Paid editions admit by approval (or, later, by a scholarship award).
    var admitsByApproval: Bool { edition.admission == "approval" || edition.fee > 0 }
}

/// One session of an edition.
struct EditionSession: Sendable {
    let id: Int64
    let kind: String
    let title: String
    let startsAt: Date
    let durationMinutes: Int
    let timeZone: String
    let place: String?
    let link: String?
    /// Markdown.
    let description: String
    /// Over by PostgreSQL's clock: its start plus its duration is behind `now()`.
    let isPast: Bool
}
