extension Browser {
    /// Signs in through the real form, as a demo account (their shared password) by default.
    public func signIn(_ email: String, password: String = "campus-demo-2026") throws {
        try open("/login")
        try fill("#email", email)
        try fill("#password", password)
        try submit("form.form")
    }
}
