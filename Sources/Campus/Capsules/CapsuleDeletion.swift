import Postgres
import Web

/// Deleting part of a capsule (a lesson, a quiz, a question): a page asks first, and its
/// button posts with `confirm=yes`; a post without it is sent to that page. Learners'
/// records refuse some deletions through their foreign keys: the author is told why (409)
/// instead of anyone losing their progress.
struct CapsuleDeletion {
    /// Names the page's words: `admin.capsules.<key>.title`, `.point` and `.confirm`.
    let key: String
    var values: [String: String] = [:]
    var points: [String] = []
    /// Where the page's button posts.
    let action: String
    /// Where "cancel" goes.
    let cancel: String

    func confirm(_ context: Context) -> Response {
        let t = context.t
        let title = t("admin.capsules.\(key).title", values)
        let body = ConfirmationPages.page(
            title: title, points: points + [t("admin.capsules.\(key).point")], action: action,
            button: t("admin.capsules.\(key).confirm"), cancel: cancel, context: context)
        return context.page(title, body, section: .admin)
    }

    /// Runs `delete` in a transaction once confirmed, then goes to `next` with `flash`.
    func perform(_ context: Context, next: String, flash: String, _ delete: (Connection) throws -> Void) throws -> Response {
        guard context.form["confirm"] == "yes" else { return .redirect(to: action) }
        let db = try context.db
        do {
            try db.transaction { try delete(db) }
        } catch let error as PostgresError where error.isForeignKeyViolation {
            throw HTTPError(.conflict, reason: "admin.capsules.error.has_records")
        }
        return context.redirect(next, flash: flash)
    }
}
