import Web

/// The access rules every handler applies, in one place. A visitor who opens a page
/// that needs an account is sent to sign in (303); a visitor's POST is refused (403);
/// an unverified account is told why it must wait (403); a staff page refuses others (403).
extension Context {
    /// The signed-in reader, or the way to sign in.
    @discardableResult
    func requireUser() throws -> CurrentUser {
        if let user { return user }
        if request.method == "GET" || request.method == "HEAD" {
            let next = chrome.currentPath
            throw Redirect(location: Paths.login.path() + PercentEncoding.query([("next", next)]), status: .seeOther)
        }
        throw HTTPError(.forbidden, reason: "error.403.sign_in")
    }

    /// A reader whose email is verified: enrolling, applying and posting wait for it.
    @discardableResult
    func requireVerified() throws -> CurrentUser {
        let user = try requireUser()
        guard user.isVerified else { throw HTTPError(.forbidden, reason: "error.403.unverified") }
        return user
    }

    @discardableResult
    func requireAdmin() throws -> CurrentUser {
        let user = try requireUser()
        guard user.isAdmin else { throw HTTPError(.forbidden) }
        return user
    }

    /// A reader holding `role` over `scope` (admins hold every role).
    @discardableResult
    func require(_ role: Role, _ scope: Scope) throws -> CurrentUser {
        let user = try requireUser()
        guard user.has(role, scope) else { throw HTTPError(.forbidden) }
        return user
    }
}
