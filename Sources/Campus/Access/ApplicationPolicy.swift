import Postgres

/// Who may see scholarship calls, applications and reviews — each rule written twice,
/// as a check for one item and as an SQL condition for lists, side by side.
///
/// A reviewer's reach is their assignments: an assignment counts while it is not ended
/// by a declared conflict and the person still holds the reviewer role on the call. The
/// SQL conditions take the reader's reviewed calls from the grants the session look-up
/// already brought (`a.call_id = ANY($calls)`).
enum CallPolicy {
    /// A call's page: everyone's once published; before, the committee's (admins) only.
    static func canSee(_ reader: CurrentUser?, published: Bool) -> Bool {
        published || reader?.isAdmin == true
    }

    /// The same rule over calls `s`.
    static func visibleSQL(_ reader: CurrentUser?, call s: SQL = "s") -> SQL {
        reader?.isAdmin == true ? "true" : "\(s).published"
    }
}

enum ApplicationPolicy {
    /// An application: its applicant, the reviewers assigned to it, and admins. Anyone
    /// else is told it does not exist (404).
    static func canSee(_ reader: CurrentUser?, applicantID: Int64, callID: Int64, assignedReviewerIDs: [Int64]) -> Bool {
        guard let reader else { return false }
        if reader.isAdmin || reader.id == applicantID { return true }
        return ReviewPolicy.isAssigned(reader, callID: callID, assignedReviewerIDs: assignedReviewerIDs)
    }

    /// The same rule over applications `a`.
    static func visibleSQL(_ reader: CurrentUser?, application a: SQL = "a") -> SQL {
        guard let reader else { return "false" }
        if reader.isAdmin { return "true" }
        return "(\(a).user_id = \(reader.id) OR \(ReviewPolicy.assignedSQL(reader, application: a)))"
    }

    /// Whether the reader sees who applied and from where: everyone who may see the
    /// application, except reviewers of a blind call.
    static func showsApplicant(_ reader: CurrentUser?, applicantID: Int64, blind: Bool) -> Bool {
        guard let reader else { return false }
        return !blind || reader.isAdmin || reader.id == applicantID
    }

    /// A document attached to an application: its applicant and admins; the reviewers
    /// assigned, unless the call keeps that document for staff only.
    static func canReadDocument(_ reader: CurrentUser?, applicantID: Int64, callID: Int64, assignedReviewerIDs: [Int64], staffOnly: Bool) -> Bool {
        guard let reader else { return false }
        if reader.isAdmin || reader.id == applicantID { return true }
        return !staffOnly && ReviewPolicy.isAssigned(reader, callID: callID, assignedReviewerIDs: assignedReviewerIDs)
    }

    /// The same rule over documents `d` (with their generated application_id).
    static func documentVisibleSQL(_ reader: CurrentUser?, document d: SQL = "d") -> SQL {
        guard let reader else { return "false" }
        if reader.isAdmin { return "\(d).application_id IS NOT NULL" }
        return """
            EXISTS (SELECT 1 FROM applications a WHERE a.id = \(d).application_id
                    AND (a.user_id = \(reader.id)
                         OR (\(ReviewPolicy.assignedSQL(reader, application: "a"))
                             AND NOT EXISTS (SELECT 1 FROM application_documents ad JOIN call_documents r ON r.id = ad.requirement_id
                                             WHERE ad.document_id = \(d).id AND r.visibility = 'staff'))))
            """
    }
}

enum ReviewPolicy {
    /// Reviewing an application (its review page, scores, declaring a conflict): a
    /// reviewer of its call assigned to it. Admins assign; they do not review.
    static func isAssigned(_ reader: CurrentUser?, callID: Int64, assignedReviewerIDs: [Int64]) -> Bool {
        guard let reader else { return false }
        return reader.reviewedCallIDs.contains(callID) && assignedReviewerIDs.contains(reader.id)
    }

    /// The same rule over applications `a`.
    static func assignedSQL(_ reader: CurrentUser?, application a: SQL = "a") -> SQL {
        guard let reader else { return "false" }
        let calls = reader.reviewedCallIDs
        if calls.isEmpty { return "false" }
        return """
            (\(a).call_id = ANY(\(calls)) AND EXISTS (SELECT 1 FROM review_assignments ra
                WHERE ra.application_id = \(a).id AND ra.reviewer_id = \(reader.id) AND ra.conflict_at IS NULL))
            """
    }

    /// The other reviewers' scores: admins, and a reviewer once their own is in, so that
    /// nobody's score leans on someone else's.
    static func seesOthersScores(_ reader: CurrentUser?, submittedOwn: Bool) -> Bool {
        reader?.isAdmin == true || submittedOwn
    }
}

extension CurrentUser {
    /// Calls this person holds a reviewer grant on.
    var reviewedCallIDs: [Int64] {
        grants.compactMap { grant in
            if grant.role == .reviewer, case .call(let id) = grant.scope { id } else { nil }
        }.sorted()
    }
}
