import Web

/// The accounts feature's pages and forms.
enum AccountPages {
    static func organizationGroups(_ organizations: [OrganizationChoice], t: Localizer) -> [(label: String, options: [(value: String, label: String)])] {
        var groups: [(label: String, options: [(value: String, label: String)])] = []
        for network in TerritorialNetwork.all {
            let options = organizations.filter { $0.network == network }.map { (value: String($0.id), label: $0.name) }
            if !options.isEmpty { groups.append((label: t("network.\(network)"), options: options)) }
        }
        return groups
    }

    static func positionOptions(_ t: Localizer) -> [(value: String, label: String)] {
        Position.allCases.map { (value: $0.rawValue, label: t("position.\($0.rawValue)")) }
    }

    static func languageOptions() -> [(value: String, label: String)] {
        Language.allCases.map { (value: $0.rawValue, label: $0.nativeName) }
    }

    static func registration(_ form: FormState, organizations: [OrganizationChoice], chrome: Chrome) -> HTML {
        let t = form.t
        return """
        <section class="narrow">
        <h1>\(t("register.title"))</h1>
        <p class="lead">\(t("register.lead"))</p>
        \(form.summary)
        <form class="form" method="post" action="\(Paths.register.path())" novalidate>
        \(csrfField(chrome))
        \(form.input("name", label: t("field.name"), autocomplete: "name", required: true, maxLength: 120))
        \(form.input("email", label: t("field.email"), type: "email", autocomplete: "email", required: true, hint: t("register.email_hint"), maxLength: 254))
        \(form.input("password", label: t("field.password"), type: "password", autocomplete: "new-password", required: true, hint: t("register.password_hint"), maxLength: 1024, minLength: 12))
        \(form.select("organization_id", label: t("field.organization"), options: [(value: "", label: t("register.no_organization"))], groups: organizationGroups(organizations, t: t), hint: t("register.organization_hint")))
        \(form.select("position", label: t("field.position"), options: [(value: "", label: t("register.choose_position"))] + positionOptions(t)))
        \(form.select("locale", label: t("field.locale"), options: languageOptions()))
        <p class="actions"><button type="submit" class="button">\(t("register.submit"))</button></p>
        </form>
        <p>\(t("register.have_account")) <a href="\(Paths.login.path())">\(t("register.login_link"))</a></p>
        </section>
        """
    }

    /// The sign-in form; `emailLinkSent` after an attempt on an account that needs the
    /// emailed link to finish (the same words whether the password was right or not).
    static func login(_ form: FormState, emailLinkSent: Bool = false, chrome: Chrome) -> HTML {
        let t = form.t
        let notice: HTML = emailLinkSent
            ? "<div class=\"flash flash-info\" role=\"status\">\(t("login.link_sent", ["minutes": String(SignInLinks.validMinutes)]))</div>" : ""
        return """
        <section class="narrow">
        <h1>\(t("login.title"))</h1>
        \(notice)
        \(form.summary)
        <form class="form" method="post" action="\(Paths.login.path())" novalidate>
        \(csrfField(chrome))
        <input type="hidden" name="next" value="\(form.values["next"] ?? "")">
        \(form.input("email", label: t("field.email"), type: "email", autocomplete: "username", required: true, maxLength: 254))
        \(form.input("password", label: t("field.password"), type: "password", autocomplete: "current-password", required: true))
        <p class="actions"><button type="submit" class="button">\(t("login.submit"))</button></p>
        </form>
        <p><a href="\(Paths.forgotPassword.path())">\(t("login.forgot"))</a></p>
        <p>\(t("login.no_account")) <a href="\(Paths.register.path())">\(t("login.register_link"))</a></p>
        </section>
        """
    }

    static func forgotPassword(_ form: FormState, sent: Bool, chrome: Chrome) -> HTML {
        let t = form.t
        let notice: HTML = sent ? "<div class=\"flash flash-info\" role=\"status\">\(t("forgot.sent"))</div>" : ""
        return """
        <section class="narrow">
        <h1>\(t("forgot.title"))</h1>
        \(notice)
        <p class="lead">\(t("forgot.lead"))</p>
        \(form.summary)
        <form class="form" method="post" action="\(Paths.forgotPassword.path())" novalidate>
        \(csrfField(chrome))
        \(form.input("email", label: t("field.email"), type: "email", autocomplete: "email", required: true, maxLength: 254))
        <p class="actions"><button type="submit" class="button">\(t("forgot.submit"))</button></p>
        </form>
        </section>
        """
    }

    static func resetPassword(_ form: FormState, token: String, chrome: Chrome) -> HTML {
        let t = form.t
        return """
        <section class="narrow">
        <h1>\(t("reset.title"))</h1>
        \(form.summary)
        <form class="form" method="post" action="\(Paths.resetPassword.path(token))" novalidate>
        \(csrfField(chrome))
        \(form.input("new_password", label: t("field.new_password"), type: "password", autocomplete: "new-password", required: true, hint: t("register.password_hint"), maxLength: 1024, minLength: 12))
        <p class="actions"><button type="submit" class="button">\(t("reset.submit"))</button></p>
        </form>
        </section>
        """
    }

    static func profile(
        _ profile: Profile, form: FormState, password: FormState, verification: FormState, organizations: [OrganizationChoice],
        activity: HTML, chrome: Chrome
    ) -> HTML {
        let t = form.t
        let affiliation: HTML
        if profile.organizationID == nil {
            affiliation = ""
        } else if profile.affiliationCounts {
            affiliation = "<p class=\"hint\">\(t("me.affiliation.confirmed", ["organization": profile.organizationName ?? ""]))</p>"
        } else if profile.affiliationRejected {
            affiliation = "<p class=\"hint\">\(t("me.affiliation.rejected", ["organization": profile.organizationName ?? ""]))</p>"
        } else {
            affiliation = "<p class=\"hint\">\(t("me.affiliation.pending", ["organization": profile.organizationName ?? ""]))</p>"
        }
        let verification: HTML = profile.isVerified ? "" : """
            <section id="verification" class="card" aria-labelledby="verification-title">
            <h2 id="verification-title">\(t("me.verification.title"))</h2>
            <p>\(t("me.verification.text", ["email": profile.email]))</p>
            \(verification.summary)
            <form class="inline" method="post" action="\(Paths.meVerification.path())">\(csrfField(chrome))\
            <button type="submit" class="button secondary">\(t("me.verification.resend"))</button></form>
            </section>
            """
        return """
        <header class="page-header">
        <h1>\(t("me.title"))</h1>
        <p class="lead">\(profile.email)</p>
        </header>
        \(verification)
        \(activity)
        <section aria-labelledby="profile-title">
        <h2 id="profile-title">\(t("me.profile.title"))</h2>
        \(form.summary)
        <form class="form" method="post" action="\(Paths.me.path())" novalidate>
        \(csrfField(chrome))
        \(form.input("name", label: t("field.name"), autocomplete: "name", required: true, maxLength: 120))
        \(form.select("organization_id", label: t("field.organization"), options: [(value: "", label: t("register.no_organization"))], groups: organizationGroups(organizations, t: t)))
        \(affiliation)
        \(form.select("position", label: t("field.position"), options: positionOptions(t)))
        \(form.select("locale", label: t("field.locale"), options: languageOptions()))
        \(form.select("time_zone", label: t("field.time_zone"), options: AccountRules.timeZoneOptions, hint: t("me.time_zone_hint")))
        <p class="actions"><button type="submit" class="button">\(t("me.profile.save"))</button></p>
        </form>
        </section>
        <section aria-labelledby="password-title">
        <h2 id="password-title">\(t("me.password.title"))</h2>
        \(password.summary)
        <form class="form" method="post" action="\(Paths.mePassword.path())" novalidate>
        \(csrfField(chrome))
        <input type="hidden" name="username" value="\(profile.email)" autocomplete="username">
        \(password.input("current_password", label: t("field.current_password"), type: "password", autocomplete: "current-password", required: true))
        \(password.input("new_password", label: t("field.new_password"), type: "password", autocomplete: "new-password", required: true, hint: t("me.password.hint"), maxLength: 1024, minLength: 12))
        <p class="actions"><button type="submit" class="button">\(t("me.password.save"))</button></p>
        </form>
        </section>
        <section aria-labelledby="privacy-title">
        <h2 id="privacy-title">\(t("me.privacy.title"))</h2>
        <ul class="plain-list">
        <li><a href="\(Paths.meEmail.path())">\(t("me.privacy.email"))</a></li>
        <li><a href="\(Paths.meExport.path())">\(t("me.privacy.export"))</a></li>
        <li><a href="\(Paths.meDelete.path())">\(t("me.privacy.delete"))</a></li>
        </ul>
        </section>
        """
    }

    static func emailPreferences(_ choices: [(NotificationKind, Bool)], chrome: Chrome) -> HTML {
        let t = chrome.t
        let boxes = choices.map { kind, on -> HTML in
            "<label class=\"choice\"><input type=\"checkbox\" name=\"kind\" value=\"\(kind.rawValue)\"\(attribute: "checked", when: on)> \(t("email_prefs.kind.\(kind.rawValue)"))</label>"
        }
        return """
        <nav class="breadcrumb" aria-label="\(t("layout.breadcrumb"))"><a href="\(Paths.me.path())">\(t("me.title"))</a></nav>
        <section class="narrow">
        <h1>\(t("email_prefs.title"))</h1>
        <p class="lead">\(t("email_prefs.lead"))</p>
        <form class="form" method="post" action="\(Paths.meEmail.path())">
        \(csrfField(chrome))
        <fieldset class="field"><legend>\(t("email_prefs.legend"))</legend>\(boxes)</fieldset>
        <p class="hint">\(t("email_prefs.security_note"))</p>
        <p class="actions"><button type="submit" class="button">\(t("email_prefs.save"))</button></p>
        </form>
        </section>
        """
    }

    static func deleteAccount(_ form: FormState, chrome: Chrome) -> HTML {
        let t = form.t
        return """
        <nav class="breadcrumb" aria-label="\(t("layout.breadcrumb"))"><a href="\(Paths.me.path())">\(t("me.title"))</a></nav>
        <section class="narrow">
        <h1>\(t("delete.title"))</h1>
        <p class="lead">\(t("delete.lead"))</p>
        <ul>
        <li>\(t("delete.point_profile"))</li>
        <li>\(t("delete.point_posts"))</li>
        <li>\(t("delete.point_records"))</li>
        </ul>
        <p><a href="\(Paths.meExport.path())">\(t("delete.export_first"))</a></p>
        \(form.summary)
        <form class="form" method="post" action="\(Paths.meDelete.path())" novalidate>
        \(csrfField(chrome))
        \(form.input("password", label: t("field.current_password"), type: "password", autocomplete: "current-password", required: true))
        <p class="actions"><button type="submit" class="button danger">\(t("delete.submit"))</button> \
        <a class="button secondary" href="\(Paths.me.path())">\(t("form.cancel"))</a></p>
        </form>
        </section>
        """
    }
}
