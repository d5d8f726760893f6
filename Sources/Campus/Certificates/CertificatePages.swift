import Foundation
import Postgres
import Web

/// The certificate as people read it: the public, printable page that states the whole
/// claim, the holder's list on /me, and the words the credential reuses.
enum CertificatePages {
    /// "Course · Edition", or the capsule's title.
    static func whatCompleted(_ certificate: Certificate) -> String {
        certificate.editionName.map { "\(certificate.courseTitle) · \($0)" } ?? certificate.courseTitle
    }

    static func day(_ day: CalendarDay, t: Localizer) -> String { t.date(year: day.year, month: day.month, day: day.day) }

    static func workload(_ certificate: Certificate, t: Localizer) -> String? {
        certificate.workloadHours.map { t.plural("certificate.hours", $0) }
    }

    /// The achievement's description in the credential.
    static func description(_ certificate: Certificate, t: Localizer) -> String {
        let language = t("language_name.\(certificate.language.rawValue)")
        if let edition = certificate.editionName {
            return t("certificate.description.edition", ["course": certificate.courseTitle, "edition": edition, "language": language])
        }
        return t("certificate.description.capsule", ["course": certificate.courseTitle, "language": language])
    }

    /// What had to be done, and how long it was expected to take.
    static func criteria(_ certificate: Certificate, t: Localizer) -> String {
        let rule = t("certificate.criteria.\(certificate.kind.rawValue)")
        guard let hours = workload(certificate, t: t) else { return rule }
        return rule + " " + t("certificate.criteria.workload", ["hours": hours])
    }

    /// The statement of status: valid, or revoked on a day for a reason.
    static func status(_ certificate: Certificate, t: Localizer) -> HTML {
        guard let revocation = certificate.revocation else {
            return "<strong class=\"certificate-valid\">\(t("certificate.status.valid"))</strong>"
        }
        return """
        <strong class="certificate-revoked">\(t("certificate.status.revoked", ["date": day(revocation.on, t: t), "reason": revocation.reason]))</strong>
        """
    }

    /// "Add to profile" on LinkedIn: a plain link to its form, filled in; no script of theirs.
    static func linkedInURL(_ certificate: Certificate, baseURL: String) -> String {
        "https://www.linkedin.com/profile/add" + PercentEncoding.query([
            ("startTask", "CERTIFICATION_NAME"), ("name", whatCompleted(certificate)), ("organizationName", OpenBadge.issuerName),
            ("issueYear", String(certificate.completedOn.year)), ("issueMonth", String(certificate.completedOn.month)),
            ("certUrl", baseURL + Paths.certificate.path(certificate.code)), ("certId", certificate.code),
        ])
    }

    /// The claim as a list of terms: holder, what, workload, date, language, issuer, code, status.
    static func claim(_ certificate: Certificate, baseURL: String, t: Localizer) -> HTML {
        let language = certificate.language.rawValue
        let workloadRow: HTML = workload(certificate, t: t).map { "<dt>\(t("certificate.workload"))</dt><dd>\($0)</dd>" } ?? ""
        return """
        <dl class="certificate-claim">
        <dt>\(t("certificate.holder"))</dt><dd class="certificate-holder">\(certificate.holderName)</dd>
        <dt>\(t("certificate.completed"))</dt><dd><span lang="\(language)">\(whatCompleted(certificate))</span> \
        <span class="muted">(\(t("certificate.kind.\(certificate.kind.rawValue)")))</span></dd>
        \(workloadRow)
        <dt>\(t("certificate.completed_on"))</dt><dd>\(day(certificate.completedOn, t: t))</dd>
        <dt>\(t("certificate.language"))</dt><dd>\(t("language_name.\(language)"))</dd>
        <dt>\(t("certificate.issuer"))</dt><dd>\(OpenBadge.issuerName) · \(baseURL)</dd>
        <dt>\(t("certificate.code"))</dt><dd><code>\(certificate.code)</code></dd>
        <dt>\(t("certificate.status"))</dt><dd id="status">\(status(certificate, t: t))</dd>
        </dl>
        """
    }

    static func page(_ certificate: Certificate, holderView: HTML, context: Context) -> HTML {
        let t = context.t
        let baseURL = context.settings.baseURL
        let address = baseURL + Paths.certificate.path(certificate.code)
        let qr: HTML = QRCode(address)?.svg(label: t("certificate.qr_label")) ?? ""
        let linkedIn: HTML = certificate.isRevoked ? "" : """
            <li><a href="\(linkedInURL(certificate, baseURL: baseURL))" rel="noopener">\(t("certificate.linkedin"))</a></li>
            """
        return """
        <article class="certificate\(certificate.isRevoked ? " is-revoked" : "")" aria-labelledby="certificate-title">
        <header class="page-header">
        <p class="certificate-issuer">\(OpenBadge.issuerName)</p>
        <h1 id="certificate-title">\(t("certificate.title"))</h1>
        <p class="lead">\(t("certificate.lead", ["holder": certificate.holderName, "what": whatCompleted(certificate)]))</p>
        </header>
        \(claim(certificate, baseURL: baseURL, t: t))
        <figure class="certificate-qr">
        \(qr)
        <figcaption>\(t("certificate.verify_at"))<br><a href="\(Paths.certificate.path(certificate.code))">\(address)</a></figcaption>
        </figure>
        <ul class="plain-list certificate-actions">
        \(linkedIn)
        <li><a href="\(Paths.certificateCredential.path(certificate.code))" type="application/json">\(t("certificate.credential"))</a> \
        <span class="muted">\(t("certificate.credential_hint"))</span></li>
        <li class="muted">\(t("certificate.print_hint"))</li>
        </ul>
        \(holderView)
        </article>
        """
    }

    /// What only the holder sees: the way to ask for a name correction, or that one waits.
    static func holderView(_ certificate: Certificate, pending: NameCorrection?, t: Localizer) -> HTML {
        if let pending {
            return "<p class=\"certificate-actions notice\">\(t("certificate.correction_pending", ["name": pending.requestedName]))</p>"
        }
        guard !certificate.isRevoked else { return "" }
        return """
        <p class="certificate-actions"><a href="\(Paths.certificateName.path(certificate.code))">\(t("certificate.ask_correction"))</a></p>
        """
    }

    /// The holder's certificates on /me.
    static func meSection(_ context: Context, userID: Int64) throws -> HTML {
        let t = context.t
        let certificates = try CertificateQueries.fetchCertificates(try context.db, userID: userID)
        let items = certificates.map { certificate -> HTML in
            let state: HTML = certificate.isRevoked ? " · <strong>\(t("me.certificates.revoked"))</strong>" : ""
            return """
            <li><a href="\(Paths.certificate.path(certificate.code))" lang="\(certificate.language.rawValue)">\(whatCompleted(certificate))</a><br>\
            <span class="muted">\(t("me.certificates.completed_on", ["date": day(certificate.completedOn, t: t)]))</span>\(state)</li>
            """
        }
        let list: HTML = certificates.isEmpty
            ? "<p class=\"empty\">\(t("me.certificates.none"))</p>" : "<ul class=\"plain-list\">\(items)</ul>"
        return """
        <section id="certificates" aria-labelledby="certificates-title">
        <h2 id="certificates-title">\(t("me.certificates.title"))</h2>
        \(list)
        </section>
        """
    }

    static func nameForm(_ certificate: Certificate, form: FormState, chrome: Chrome) -> HTML {
        let t = form.t
        return """
        <header class="page-header">
        <h1>\(t("certificate.name.title"))</h1>
        <p class="lead">\(t("certificate.name.lead"))</p>
        </header>
        <p>\(t("certificate.name.current", ["name": certificate.holderName])) · \
        <a href="\(Paths.certificate.path(certificate.code))">\(whatCompleted(certificate))</a></p>
        \(form.summary)
        <form class="form" method="post" action="\(Paths.certificateName.path(certificate.code))" novalidate>
        \(csrfField(chrome))
        \(form.input("name", label: t("certificate.name.field"), autocomplete: "name", required: true, maxLength: 120))
        \(form.textarea("reason", label: t("certificate.name.reason"), rows: 3, maxLength: 1000))
        <p class="actions"><button type="submit" class="button">\(t("certificate.name.submit"))</button></p>
        </form>
        """
    }
}
