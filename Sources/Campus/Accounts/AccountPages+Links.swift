import Web

/// Pages that emailed links open. Each only shows a button: the POST behind it is what
/// uses the link up, so a mail scanner that opens links leaves them working.
extension AccountPages {
    static func confirmEmail(email: String, token: String, chrome: Chrome) -> HTML {
        let t = chrome.t
        return """
        <section class="narrow">
        <h1>\(t("verify.title"))</h1>
        <p class="lead">\(t("verify.lead", ["email": email]))</p>
        <form class="form" method="post" action="\(Paths.verify.path(token))">
        \(csrfField(chrome))
        <p class="actions"><button type="submit" class="button">\(t("verify.submit"))</button></p>
        </form>
        </section>
        """
    }

    static func signInLink(token: String, chrome: Chrome) -> HTML {
        let t = chrome.t
        return """
        <section class="narrow">
        <h1>\(t("sign_in_link.title"))</h1>
        <p class="lead">\(t("sign_in_link.lead"))</p>
        <form class="form" method="post" action="\(Paths.signInLink.path(token))">
        \(csrfField(chrome))
        <p class="actions"><button type="submit" class="button">\(t("sign_in_link.submit"))</button></p>
        </form>
        </section>
        """
    }
}
