import Postgres

/// Who may read a document: whoever may see the page of what it is attached to — the
/// owner's own policy, so a file is never open to someone its page refuses. Refused
/// readers get 404, like the pages. An application's documents follow ApplicationPolicy,
/// which also keeps a call's staff-only documents from its reviewers.
enum DocumentPolicy {
    static func canRead(_ document: Document, db: Connection, reader: CurrentUser?) throws -> Bool {
        switch document.owner {
        case .course(let id):
            // The course's editions decide whether its teaching team may see a draft.
            guard let row = try db.query("""
                SELECT c.published, ARRAY(SELECT e.id FROM editions e WHERE e.course_id = c.id ORDER BY e.id) AS editions
                FROM courses c WHERE c.id = \(id)
                """).first
            else { return false }
            return CoursePolicy.canSee(reader, published: try row["published"], editionIDs: try row["editions"])
        case .edition(let id):
            guard let row = try db.query("SELECT c.published FROM editions e JOIN courses c ON c.id = e.course_id WHERE e.id = \(id)").first
            else { return false }
            return EditionPolicy.canSee(reader, editionID: id, coursePublished: try row["published"])
        case .application(let id):
            guard let reader, let row = try db.query("""
                SELECT a.user_id, a.call_id,
                       ARRAY(SELECT ra.reviewer_id FROM review_assignments ra WHERE ra.application_id = a.id AND ra.conflict_at IS NULL) AS reviewers,
                       EXISTS (SELECT 1 FROM application_documents ad JOIN call_documents r ON r.id = ad.requirement_id
                               WHERE ad.document_id = \(document.id) AND r.visibility = 'staff') AS staff_only
                FROM applications a WHERE a.id = \(id)
                """).first
            else { return false }
            return ApplicationPolicy.canReadDocument(
                reader, applicantID: try row["user_id"], callID: try row["call_id"], assignedReviewerIDs: try row["reviewers"],
                staffOnly: try row["staff_only"])
        }
    }

    /// The same rule over documents `d` (with their generated course_id / edition_id),
    /// for lists of files.
    static func visibleSQL(_ reader: CurrentUser?, document d: SQL = "d") -> SQL {
        """
        (EXISTS (SELECT 1 FROM courses c WHERE c.id = \(d).course_id AND \(CoursePolicy.visibleSQL(reader)))
         OR EXISTS (SELECT 1 FROM editions e JOIN courses c ON c.id = e.course_id
                    WHERE e.id = \(d).edition_id AND \(EditionPolicy.visibleSQL(reader)))
         OR \(ApplicationPolicy.documentVisibleSQL(reader, document: d)))
        """
    }
}
