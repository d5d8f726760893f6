import Postgres
import Web

/// Demo people, one for each kind of reader, all with the same password so a visitor can
/// try every role. `make run` prints them.
enum DemoAccounts {
    static let password = "campus-demo-2026"

    struct Account {
        let email: String
        let name: String
        let position: Position
        let locale: Language
        /// An organization's name from DemoData.
        let organization: String?
        let verified: Bool
        let affiliationConfirmed: Bool
        /// `admin`, `moderator`, or `instructor:running` (an edition that is running now).
        let roles: [String]
        /// What the account is for, in the printed list.
        let purpose: String
    }

    static let accounts: [Account] = [
        Account(email: "admin@campus.example", name: "Adriana Gómez", position: .manager, locale: .es, organization: nil,
                verified: true, affiliationConfirmed: false, roles: ["admin"], purpose: "admin"),
        Account(email: "instructora@campus.example", name: "Lucía Fernández", position: .other, locale: .es, organization: "Madrid",
                verified: true, affiliationConfirmed: true, roles: ["instructor:running"], purpose: "instructor of the running editions"),
        Account(email: "moderador@campus.example", name: "Tomás Ribeiro", position: .manager, locale: .pt, organization: "Lisboa",
                verified: true, affiliationConfirmed: true, roles: ["moderator"], purpose: "forum moderator"),
        Account(email: "alcaldesa@campus.example", name: "María Torres", position: .mayor, locale: .es, organization: "Durango",
                verified: true, affiliationConfirmed: true, roles: [], purpose: "learner, mayor of an active member city"),
        Account(email: "concejal@campus.example", name: "João Silva", position: .councilor, locale: .pt, organization: "Curitiba",
                verified: true, affiliationConfirmed: false, roles: [], purpose: "learner whose affiliation awaits confirmation"),
        Account(email: "tecnica@campus.example", name: "Carmen Rojas", position: .technician, locale: .es, organization: "Lima",
                verified: false, affiliationConfirmed: false, roles: [], purpose: "learner who has not verified her email"),
    ]

    /// Lines for the terminal: email, password, purpose.
    public static var printable: [String] {
        ["Demo accounts (password: \(password)):"] + accounts.map { "  \($0.email.padding(toLength: 30, withPad: " ", startingAt: 0)) \($0.purpose)" }
    }

    static func seed(_ db: Connection, passwordHash hash: String) throws -> Int {
        var created = 0
        for account in accounts {
            let organization: (id: Int64, country: String)? = try account.organization.flatMap { name in
                try db.query("SELECT id, country FROM organizations WHERE name = \(name)").first.map { (id: try $0["id"], country: try $0["country"]) }
            }
            guard let id = try AccountQueries.createUser(
                db, email: account.email, name: account.name, passwordHash: hash, organizationID: organization?.id,
                position: account.position.rawValue, locale: account.locale.rawValue, timeZone: AccountRules.timeZone(forCountry: organization?.country))
            else { continue }
            created += 1
            if account.verified { try AccountQueries.markVerified(db, userID: id) }
            if account.affiliationConfirmed { try db.execute("UPDATE users SET affiliation_confirmed_at = now() WHERE id = \(id)") }
            for role in account.roles {
                if role == "instructor:running" {
                    let running: [Int64] = try db.query("""
                        SELECT id FROM editions WHERE starts_on <= current_date AND ends_on >= current_date ORDER BY id
                        """).map { try $0["id"] }
                    for edition in running {
                        if let grant = RoleGrant(role: .instructor, scope: .edition(edition)) { _ = try UserAdminQueries.grant(db, userID: id, grant, by: nil) }
                    }
                } else if let grant = RoleGrant(role) {
                    _ = try UserAdminQueries.grant(db, userID: id, grant, by: nil)
                }
            }
        }
        return created
    }
}
