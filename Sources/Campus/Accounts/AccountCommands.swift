import Foundation
import Postgres
import Web

/// What the command line does with accounts (`campus user add`).
public enum AccountCommands {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Creates a verified user with the given roles (`admin`, `moderator:forum=3`…), in one
    /// transaction, written to the audit log as done from the command line.
    @discardableResult
    public static func addUser(_ db: Connection, email: String, name: String, password: String, roles: [String]) throws -> Int64 {
        let email = email.trimmingWhitespace()
        let name = name.trimmingWhitespace()
        if let problem = AccountRules.emailProblem(email) { throw Failure(description: "--email: \(englishReason(problem))") }
        if let problem = AccountRules.nameProblem(name) { throw Failure(description: "--name: \(englishReason(problem))") }
        if let problem = AccountRules.passwordProblem(password, email: email, name: name) { throw Failure(description: "password: \(englishReason(problem))") }
        let grants = try roles.map { text -> RoleGrant in
            guard let grant = RoleGrant(text) else {
                throw Failure(description: "--role \(text): expected admin, moderator, moderator:forum=ID, instructor:edition=ID, instructor:course=ID or reviewer:call=ID")
            }
            return grant
        }
        guard let hash = Passwords.hash(password) else { throw Failure(description: "password hashing failed (out of memory?)") }
        return try db.transaction {
            for grant in grants where try !UserAdminQueries.scopeExists(db, grant.scope) {
                throw Failure(description: "--role \(grant): no \(grant.scope.kind) with id \(grant.scope.id ?? 0)")
            }
            guard let id = try AccountQueries.createUser(
                db, email: email, name: name, passwordHash: hash, organizationID: nil, position: "other", locale: "es", timeZone: "UTC")
            else { throw Failure(description: "a user with the email \(email) already exists") }
            try AccountQueries.markVerified(db, userID: id)
            try Audit.record(db, actorID: nil, action: "user.create", subjectKind: "user", subjectID: id, details: ["via": "command line"], address: "")
            for grant in grants {
                _ = try UserAdminQueries.grant(db, userID: id, grant, by: nil)
                try Audit.record(db, actorID: nil, action: "role.grant", subjectKind: "user", subjectID: id, details: ["role": grant.description, "via": "command line"], address: "")
            }
            return id
        }
    }

    static func englishReason(_ key: String) -> String {
        switch key {
        case "account.error.email_required", "account.error.name_required", "account.error.password_required": "required"
        case "account.error.email_invalid": "not a valid email address"
        case "account.error.name_long": "at most 120 characters"
        case "account.error.name_invalid": "control characters are not allowed"
        case "account.error.password_short": "at least \(AccountRules.passwordMinimum) characters"
        case "account.error.password_long": "at most \(AccountRules.passwordMaximumBytes) bytes (UTF-8)"
        case "account.error.password_common": "too common; choose another"
        case "account.error.password_personal": "must not contain the name or email"
        default: key
        }
    }
}
