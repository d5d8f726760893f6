import Foundation
import Postgres
import Web

/// Where a call is in its life, by PostgreSQL's clock.
enum CallPhase: String, Sendable {
    case upcoming, open, closed
}

/// A call for scholarships to one edition: its window, awards, eligibility, what it asks
/// and how its committee reviews (see schema.sql, scholarship_calls).
struct ScholarshipCall: Sendable {
    let id: Int64
    let editionID: Int64
    let title: String
    let description: String
    let opensAt: Date
    let closesAt: Date
    let quota: Int
    let coveragePercent: Int
    let maxPerOrganization: Int?
    let blind: Bool
    let reviewsPerApplication: Int
    let acceptanceDays: Int
    let retentionDays: Int
    let published: Bool
    let releasedAt: Date?
    /// Awards standing: made and not yet accepted, or accepted.
    let awards: Int
    let phase: CallPhase
    let courseTitle: String
    let courseLanguage: String
    let editionName: String
    let editionLanguage: String

    var isReleased: Bool { releasedAt != nil }
    /// "Programa… · XIX edición": an edition's name alone is ambiguous.
    var editionLabel: String { "\(courseTitle) · \(editionName)" }
}

/// A question a call asks, answered in at most `maxLength` characters.
struct CallQuestion: Sendable {
    let id: Int64
    let prompt: String
    let maxLength: Int
    let required: Bool
}

/// A document a call asks for; a staff-only one is never shown to reviewers.
struct CallRequirement: Sendable {
    let id: Int64
    let label: String
    let staffOnly: Bool
    let required: Bool
}

/// A criterion of the review rubric, scored 0–5.
struct CallCriterion: Sendable {
    let id: Int64
    let name: String
    let weight: Int
}

/// What a call asks of applicants and of reviewers.
struct CallParts: Sendable {
    let questions: [CallQuestion]
    let requirements: [CallRequirement]
    let criteria: [CallCriterion]
}

/// An application's life: a draft, submitted, under review once a reviewer has it; then
/// the released decision, and for an award, the awardee's answer or the deadline passing.
enum ApplicationStatus: String, CaseIterable, Sendable {
    case draft, submitted
    case underReview = "under_review"
    case withdrawn, awarded, accepted, waitlisted, declined
    case awardDeclined = "award_declined"
    case expired

    /// Still with the committee: the applicant may edit (a draft) or withdraw.
    var awaitsDecision: Bool { self == .draft || self == .submitted || self == .underReview }
    /// The applicant may withdraw: before a decision, or from the call's waitlist.
    var isWithdrawable: Bool { awaitsDecision || self == .waitlisted }
    /// Submitted and in the committee's hands, before any released decision.
    var isInReview: Bool { self == .submitted || self == .underReview }
    /// Holds an award (and so a seat and a place in the quota).
    var holdsAward: Bool { self == .awarded || self == .accepted }
}

/// The committee's decision on one application, provisional until released.
enum DecisionKind: String, CaseIterable, Sendable {
    case award, waitlist, decline
}

/// One application with its applicant, as the applicant's, the reviewers' and the
/// committee's pages need it. Who sees the name and organization is the pages' business
/// (ApplicationPolicy.showsApplicant).
struct Application: Sendable {
    let id: Int64
    let callID: Int64
    let userID: Int64
    let status: ApplicationStatus
    let organizationID: Int64?
    let submittedAt: Date?
    /// The eligibility check at submission, as a Membership code.
    let eligibility: String?
    let awardEligibility: String?
    let awardedAt: Date?
    let acceptBy: Date?
    let fromWaitlist: Bool
    let documentsPurged: Bool
    let applicantName: String
    let applicantEmail: String
    let organizationName: String?
    let network: String?
    let decision: DecisionKind?
    let decisionNote: String
    let decisionReleased: Bool
}

/// The membership codes stored with an application's eligibility checks.
extension Membership {
    var code: String {
        switch self {
        case .none: "none"
        case .pending: "pending"
        case .rejected: "rejected"
        case .lapsed: "lapsed"
        case .active: "active"
        }
    }
}
