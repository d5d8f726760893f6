import Foundation
import Web

/// What an official does in their city, asked at registration.
enum Position: String, CaseIterable, Sendable {
    case mayor, councilor, manager, technician, other
}

/// The six territorial networks member organizations belong to, in display order.
enum TerritorialNetwork {
    static let all = ["andina", "brasil", "centroamerica", "conosur", "iberica", "mexicana"]
}

/// A role beyond learner, held globally or over one forum, edition or call.
enum Role: String, CaseIterable, Sendable {
    case admin, moderator, instructor, reviewer
}

/// Where a role applies. A `course` scope is a capsule its instructors author.
enum Scope: Hashable, Sendable {
    case global
    case forum(Int64)
    case edition(Int64)
    case call(Int64)
    case course(Int64)

    var kind: String {
        switch self {
        case .global: "global"
        case .forum: "forum"
        case .edition: "edition"
        case .call: "call"
        case .course: "course"
        }
    }

    var id: Int64? {
        switch self {
        case .global: nil
        case .forum(let id), .edition(let id), .call(let id), .course(let id): id
        }
    }

    init?(kind: String, id: Int64?) {
        switch (kind, id) {
        case ("global", nil): self = .global
        case ("forum", let id?): self = .forum(id)
        case ("edition", let id?): self = .edition(id)
        case ("call", let id?): self = .call(id)
        case ("course", let id?): self = .course(id)
        default: return nil
        }
    }
}

/// One granted role, written `admin`, `moderator`, `moderator:forum=3`,
/// `instructor:edition=12`, `instructor:course=4` or `reviewer:call=5` on the command line
/// and in forms.
struct RoleGrant: Hashable, Sendable, CustomStringConvertible {
    let role: Role
    let scope: Scope

    /// Which scopes each role takes (the same rules as the CHECKs on role_grants).
    static func isValid(role: Role, scope: Scope) -> Bool {
        switch (role, scope) {
        case (.admin, .global), (.moderator, .global), (.moderator, .forum), (.instructor, .edition), (.instructor, .course),
            (.reviewer, .call): true
        default: false
        }
    }

    init?(role: Role, scope: Scope) {
        guard RoleGrant.isValid(role: role, scope: scope) else { return nil }
        self.role = role
        self.scope = scope
    }

    init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard let first = parts.first, let role = Role(rawValue: String(first)) else { return nil }
        var scope = Scope.global
        if parts.count == 2 {
            let pair = parts[1].split(separator: "=", maxSplits: 1)
            guard pair.count == 2, let id = Int64(pair[1]), id > 0, let parsed = Scope(kind: String(pair[0]), id: id), parsed != .global else { return nil }
            scope = parsed
        }
        self.init(role: role, scope: scope)
    }

    var description: String {
        guard let id = scope.id else { return role.rawValue }
        return "\(role.rawValue):\(scope.kind)=\(id)"
    }
}

/// The signed-in reader, loaded with the session in one query per request.
struct CurrentUser: Sendable {
    let id: Int64
    let sessionID: Int64
    let name: String
    let email: String
    let locale: Language
    let timeZone: String
    let isVerified: Bool
    let unreadNotifications: Int
    let grants: Set<RoleGrant>
    /// `timeZone` as Foundation's, looked up once: a page asks for it for every date it prints.
    let zone: TimeZone

    init(id: Int64, sessionID: Int64, name: String, email: String, locale: Language, timeZone: String, isVerified: Bool,
         unreadNotifications: Int, grants: Set<RoleGrant>) {
        (self.id, self.sessionID, self.name, self.email, self.locale, self.timeZone) = (id, sessionID, name, email, locale, timeZone)
        (self.isVerified, self.unreadNotifications, self.grants) = (isVerified, unreadNotifications, grants)
        zone = TimeZone(identifier: timeZone) ?? .gmt
    }

    var isAdmin: Bool { grants.contains { $0.role == .admin } }

    func has(_ role: Role, _ scope: Scope = .global) -> Bool {
        if isAdmin { return true }
        return grants.contains { $0.role == role && ($0.scope == scope || $0.scope == .global) }
    }

    /// Holds the role anywhere (for showing staff links).
    func holds(_ role: Role) -> Bool { isAdmin || grants.contains { $0.role == role } }

}
