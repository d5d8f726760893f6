import Postgres
import Web

/// Seats kept for scholarship awards, for the scholarships feature to call: an award holds
/// a seat (status `held`, counted as taken) until the awardee accepts it (`enrolled`) or the
/// award ends (`withdrawn`). Each function takes the edition's row lock, as every change to
/// its seats does, inside the caller's transaction: callers lock their call first, then the
/// edition, always in that order.
extension Enrollments {
    enum SeatHold: Equatable {
        /// A seat is now kept for the awardee (or already was).
        case held
        /// The awardee already has a seat of their own in the edition: nothing to keep.
        case alreadySeated
        /// Every seat is taken.
        case full
    }

    /// Keeps a seat for `userID`: a request they had pending, or their place on the
    /// waitlist, becomes the held seat.
    static func holdSeatForAward(_ db: Connection, editionID: Int64, userID: Int64) throws -> SeatHold {
        guard let edition = try EnrollmentQueries.fetchEdition(db, id: editionID, lock: true) else { throw HTTPError(.notFound) }
        let existing = try EnrollmentQueries.fetchEnrollment(db, editionID: editionID, userID: userID)
        switch existing?.status {
        case .enrolled, .completed: return .alreadySeated
        case .held: return .held
        default: break
        }
        guard edition.seatsTaken < edition.edition.capacity else { return .full }
        try db.execute("""
            INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(editionID), \(userID), 'held')
            ON CONFLICT (edition_id, user_id) DO UPDATE
            SET status = 'held', requested_at = now(), updated_at = now(), decided_at = NULL, decided_by = NULL, decision_note = NULL
            """)
        return .held
    }

    /// The awardee accepted: the held seat is theirs. False when no seat was held.
    @discardableResult
    static func confirmHeldSeat(_ db: Connection, editionID: Int64, userID: Int64) throws -> Bool {
        try db.query("SELECT id FROM editions WHERE id = \(editionID) FOR UPDATE")
        return try db.execute("""
            UPDATE enrollments SET status = 'enrolled', decided_at = now(), updated_at = now()
            WHERE edition_id = \(editionID) AND user_id = \(userID) AND status = 'held'
            """) > 0
    }

    /// The award ended: the held seat is free again. The caller decides who takes it (the
    /// call's waitlist first), then calls `giveFreeSeatsToWaitlist` for what is left.
    @discardableResult
    static func releaseHeldSeat(_ db: Connection, editionID: Int64, userID: Int64) throws -> Bool {
        try db.query("SELECT id FROM editions WHERE id = \(editionID) FOR UPDATE")
        return try db.execute("""
            UPDATE enrollments SET status = 'withdrawn', updated_at = now()
            WHERE edition_id = \(editionID) AND user_id = \(userID) AND status = 'held'
            """) > 0
    }

    /// Free seats go to the edition's own waitlist, first come first served, each person told.
    static func giveFreeSeatsToWaitlist(_ db: Connection, app: CampusApp, editionID: Int64) throws {
        guard let edition = try EnrollmentQueries.fetchEdition(db, id: editionID, lock: true) else { return }
        try promote(db, app: app, edition: edition)
    }

    /// Seats not taken nor held, read under the edition's lock.
    static func seatsLeft(_ db: Connection, editionID: Int64) throws -> Int {
        try EnrollmentQueries.fetchEdition(db, id: editionID, lock: true)?.seatsLeft ?? 0
    }
}
