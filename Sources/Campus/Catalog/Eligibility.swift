import Foundation
import Postgres
import Web

/// Where a reader's affiliation stands, as members-only editions see it.
enum Membership: Equatable, Sendable {
    /// No city chosen on the profile.
    case none
    /// A city chosen and not yet confirmed (by the network's staff or the email's domain).
    case pending(organization: String)
    case rejected(organization: String)
    /// The city's membership is not active today, whatever the affiliation.
    case lapsed(organization: String)
    case active
}

/// Whether a signed-in reader may ask for a place in an edition now, and if not, why.
/// The edition's page says it before the click and the enroll POST answers 409 with the
/// same words, so the two can never disagree.
enum Eligibility: Equatable, Sendable {
    case eligible
    case notOpen(opens: Date)
    case closed(closes: Date)
    case started
    /// The teaching team declined an earlier request for this edition.
    case rejected
    case notMember(Membership)

    /// The rules in the order a person meets them: a decision already taken, the window,
    /// then (for members-only editions) the affiliation, which costs a query only there.
    static func check(_ db: Connection, edition: EditionDetail, userID: Int64, previous: EnrollmentStatus?) throws -> Eligibility {
        if previous == .rejected { return .rejected }
        switch edition.state {
        case .upcoming: return .notOpen(opens: edition.opensAt)
        case .closed: return .closed(closes: edition.closesAt)
        case .running, .finished: return .started
        case .open, .full: break
        }
        if edition.edition.admission == "members" {
            let membership = try EnrollmentQueries.fetchMembership(db, userID: userID)
            if membership != .active { return .notMember(membership) }
        }
        return .eligible
    }

    /// The window is the same for everyone; the other refusals are about the reader.
    var isAboutTheWindow: Bool {
        switch self {
        case .notOpen, .closed, .started: true
        default: false
        }
    }

    /// The reason as a catalog key and its values; nil when the reader may enroll.
    func reason(t: Localizer, zone: TimeZone) -> (key: String, values: [String: String])? {
        switch self {
        case .eligible: nil
        case .notOpen(let opens): ("enroll.refused.not_open", ["date": WindowText.moment(opens, t: t, zone: zone, named: true)])
        case .closed(let closes): ("enroll.refused.closed", ["date": WindowText.moment(closes, t: t, zone: zone, deadline: true, named: true)])
        case .started: ("enroll.refused.started", [:])
        case .rejected: ("enroll.refused.rejected", [:])
        case .notMember(.none), .notMember(.active): ("enroll.refused.members_none", [:])
        case .notMember(.pending(let organization)): ("enroll.refused.members_pending", ["organization": organization])
        case .notMember(.rejected(let organization)): ("enroll.refused.members_rejected", ["organization": organization])
        case .notMember(.lapsed(let organization)): ("enroll.refused.members_lapsed", ["organization": organization])
        }
    }

    /// Whether the profile is where the reader can change the answer (choose or correct a city).
    var profileHelps: Bool {
        switch self {
        case .notMember(.none), .notMember(.pending), .notMember(.rejected): true
        default: false
        }
    }

    /// The reason, and the way to the profile when that is where it can be fixed.
    func explanation(t: Localizer, zone: TimeZone) -> HTML {
        guard let reason = reason(t: t, zone: zone) else { return "" }
        let help: HTML = profileHelps
            ? "<p class=\"actions\"><a class=\"button secondary\" href=\"\(Paths.me.path())\">\(t("edition.go_to_profile"))</a></p>" : ""
        return "<p class=\"refusal\">\(t(reason.key, reason.values))</p>\(help)"
    }
}

/// Thrown inside the enroll transaction so nothing is written; the handler answers 409.
struct EnrollmentRefused: Error {
    let eligibility: Eligibility
}

extension EnrollmentQueries {
    /// The reader's affiliation and their city's membership, in one row.
    static func fetchMembership(_ db: Connection, userID: Int64) throws -> Membership {
        guard let row = try db.query("""
            SELECT o.name, coalesce(\(AccountQueries.affiliationCounts), false) AS counts,
                   u.affiliation_rejected_at IS NOT NULL AS rejected, coalesce(o.active_until >= current_date, false) AS active
            FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.id = \(userID)
            """).first, let organization: String = try row["name"] else { return .none }
        if try !(row["active"] as Bool) { return .lapsed(organization: organization) }
        if try row["counts"] as Bool { return .active }
        return try row["rejected"] as Bool ? .rejected(organization: organization) : .pending(organization: organization)
    }
}
