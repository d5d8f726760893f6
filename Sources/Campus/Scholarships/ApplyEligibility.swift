import Foundation
import Postgres
import Web

/// Whether a signed-in reader may apply to a call now, and if not, why: the call's page
/// and the application form say it before anything is written, and a POST the rules
/// refuse answers 409 with the same words.
enum ApplyEligibility: Equatable, Sendable {
    case eligible
    case notOpen(opens: Date)
    case closed(closes: Date)
    /// A reviewer of the call cannot also be one of its applicants.
    case reviewer
    /// The applicant's confirmed organization must be an active member.
    case notMember(Membership)

    /// The window first (the same for everyone), then the person.
    static func check(_ db: Connection, call: ScholarshipCall, user: CurrentUser) throws -> ApplyEligibility {
        switch call.phase {
        case .upcoming: return .notOpen(opens: call.opensAt)
        case .closed: return .closed(closes: call.closesAt)
        case .open: break
        }
        if user.grants.contains(where: { $0.role == .reviewer && $0.scope == .call(call.id) }) { return .reviewer }
        let membership = try EnrollmentQueries.fetchMembership(db, userID: user.id)
        return membership == .active ? .eligible : .notMember(membership)
    }

    /// The membership alone, as stored with the application (`active`, `lapsed`…).
    static func membership(_ db: Connection, userID: Int64) throws -> Membership {
        try EnrollmentQueries.fetchMembership(db, userID: userID)
    }

    var isAboutTheWindow: Bool {
        switch self {
        case .notOpen, .closed: true
        default: false
        }
    }

    /// The reason as a catalog key and its values; nil when the reader may apply.
    func reason(t: Localizer, zone: TimeZone) -> (key: String, values: [String: String])? {
        switch self {
        case .eligible: nil
        case .notOpen(let opens): ("apply.refused.not_open", ["date": WindowText.moment(opens, t: t, zone: zone, named: true)])
        case .closed(let closes): ("apply.refused.closed", ["date": WindowText.moment(closes, t: t, zone: zone, deadline: true, named: true)])
        case .reviewer: ("apply.refused.reviewer", [:])
        case .notMember(let membership): ApplyEligibility.membershipReason(membership)
        }
    }

    /// Why a membership does not make someone eligible: told to the applicant (`apply`), or
    /// to the committee when an award is refused (`decide`).
    static func membershipReason(_ membership: Membership, prefix: String = "apply") -> (key: String, values: [String: String]) {
        switch membership {
        case .none, .active: ("\(prefix).refused.members_none", [:])
        case .pending(let organization): ("\(prefix).refused.members_pending", ["organization": organization])
        case .rejected(let organization): ("\(prefix).refused.members_rejected", ["organization": organization])
        case .lapsed(let organization): ("\(prefix).refused.members_lapsed", ["organization": organization])
        }
    }

    /// The reason, with the way to the profile when that is where it can be fixed.
    func explanation(t: Localizer, zone: TimeZone) -> HTML {
        guard let reason = reason(t: t, zone: zone) else { return "" }
        var fixable = false
        if case .notMember(let membership) = self {
            switch membership {
            case .none, .pending, .rejected: fixable = true
            default: break
            }
        }
        let help: HTML = fixable
            ? "<p class=\"actions\"><a class=\"button secondary\" href=\"\(Paths.me.path())\">\(t("edition.go_to_profile"))</a></p>" : ""
        return "<p class=\"refusal\">\(t(reason.key, reason.values))</p>\(help)"
    }
}

/// Thrown inside a transaction so nothing is written; the handler answers 409 with the reason.
struct ApplyRefused: Error {
    let eligibility: ApplyEligibility
}
