import Postgres
import Web

/// The moment a learner completes a capsule: every lesson done and every quiz passed.
/// Whatever else a completion sets off belongs in `completed`, the one place it happens.
enum CapsuleCompletion {
    /// Records the completion, issues the certificate and tells the learner, in the
    /// caller's transaction. Called once per learner and capsule: `completeIfDone` checks
    /// first. The learner hears once: of the certificate when one is issued (a certificate
    /// already there, from an earlier completion, is not announced again), else of the
    /// completion itself.
    static func completed(_ db: Connection, app: CampusApp, userID: Int64, courseID: Int64) throws {
        guard let row = try db.query("""
            UPDATE capsule_progress p SET completed_at = now()
            FROM courses c
            WHERE p.user_id = \(userID) AND p.course_id = \(courseID) AND p.completed_at IS NULL AND c.id = p.course_id
            RETURNING c.title, c.slug
            """).first else { return }
        let slug: String = try row["slug"]
        let alreadyHeld = try Certificates.held(db, userID: userID, courseID: courseID)
        if try Certificates.issue(db, app: app, userID: userID, kind: .capsule, courseID: courseID) != nil, !alreadyHeld { return }
        try Notifier.notify(
            db, app: app, userID: userID, kind: .capsule, message: "notice.capsule.completed",
            values: ["capsule": try row["title"]], link: CapsulePaths.capsule.path(slug))
    }

    /// After a lesson is done or a quiz passed: completes the capsule when nothing is left.
    /// True when this call completed it.
    @discardableResult
    static func completeIfDone(_ db: Connection, app: CampusApp, userID: Int64, courseID: Int64) throws -> Bool {
        guard try CapsuleQueries.isNewlyComplete(db, courseID: courseID, userID: userID) else { return false }
        try completed(db, app: app, userID: userID, courseID: courseID)
        return true
    }
}
