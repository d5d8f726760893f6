import Foundation
import Postgres
import Web

/// The staff pages for certificates.
enum CertificateAdminPages {
    static func list(corrections: [NameCorrection], recent: [Certificate], find: FormState, context: Context) -> HTML {
        let t = context.t
        return """
        \(AdminRoutes.breadcrumb(t))
        <header class="page-header"><h1>\(t("admin.certificates.title"))</h1><p class="lead">\(t("admin.certificates.lead"))</p></header>
        <form class="filters" method="get" action="\(Paths.adminCertificates.path())">
        \(find.input("code", label: t("admin.certificates.find"), maxLength: 40))
        <button type="submit" class="button">\(t("admin.search"))</button>
        </form>
        <section aria-labelledby="corrections-title">
        <h2 id="corrections-title">\(t("admin.certificates.corrections"))</h2>
        \(queue(corrections, context: context))
        </section>
        <section aria-labelledby="recent-title">
        <h2 id="recent-title">\(t("admin.certificates.recent"))</h2>
        \(recentList(recent, t: t))
        </section>
        """
    }

    static func queue(_ corrections: [NameCorrection], context: Context) -> HTML {
        let t = context.t
        guard !corrections.isEmpty else { return "<p class=\"empty\">\(t("admin.certificates.corrections_empty"))</p>" }
        let items = corrections.map { correction -> HTML in
            let reason: HTML = correction.reason.isEmpty ? "" : "<p>\(t("admin.certificates.reason", ["reason": correction.reason]))</p>"
            return """
            <li class="card">
            <p><strong>\(t("admin.certificates.from_to", ["previous": correction.previousName, "requested": correction.requestedName]))</strong></p>
            \(reason)
            <p class="muted"><a href="\(Paths.adminCertificate.path(correction.code))"><code>\(correction.code)</code></a> · \
            \(t("admin.certificates.requested", ["date": t.dateTime(correction.requestedAt, timeZone: context.timeZone)]))</p>
            <form class="form" method="post" action="\(Paths.adminNameCorrectionDecide.path(correction.id))">
            \(csrfField(context.chrome))
            <div class="field"><label for="note-\(correction.id)">\(t("admin.certificates.note"))</label>
            <textarea id="note-\(correction.id)" name="note" rows="2" maxlength="1000"></textarea></div>
            <p class="actions"><button type="submit" name="decision" value="approve" class="button">\(t("admin.certificates.approve"))</button> \
            <button type="submit" name="decision" value="reject" class="button secondary">\(t("admin.certificates.reject"))</button></p>
            </form>
            </li>
            """
        }
        return "<ul class=\"card-list\">\(items)</ul>"
    }

    static func recentList(_ certificates: [Certificate], t: Localizer) -> HTML {
        guard !certificates.isEmpty else { return "<p class=\"empty\">\(t("admin.certificates.none"))</p>" }
        let items = certificates.map { certificate -> HTML in
            let state: HTML = certificate.isRevoked ? " · <strong>\(t("me.certificates.revoked"))</strong>" : ""
            return """
            <li><a href="\(Paths.adminCertificate.path(certificate.code))">\(certificate.holderName)</a> · \
            <span lang="\(certificate.language.rawValue)">\(CertificatePages.whatCompleted(certificate))</span> \
            <span class="muted">· \(CertificatePages.day(certificate.completedOn, t: t))</span>\(state)</li>
            """
        }
        return "<ul class=\"plain-list\">\(items)</ul>"
    }

    static func certificate(_ certificate: Certificate, corrections: [NameCorrection], revoke: FormState, context: Context) -> HTML {
        let t = context.t
        return """
        \(AdminRoutes.breadcrumb(t, [(Paths.adminCertificates.path(), t("admin.certificates.title"))]))
        <header class="page-header"><h1>\(certificate.holderName)</h1>
        <p class="lead"><a href="\(Paths.certificate.path(certificate.code))">\(t("admin.certificates.public"))</a> · \
        <a href="\(Paths.adminUser.path(certificate.userID))">\(t("admin.certificates.holder_account"))</a></p></header>
        \(CertificatePages.claim(certificate, baseURL: context.settings.baseURL, t: t))
        <section aria-labelledby="history-title">
        <h2 id="history-title">\(t("admin.certificates.history"))</h2>
        \(history(corrections, context: context))
        </section>
        \(revokeForm(certificate, form: revoke, chrome: context.chrome))
        """
    }

    static func history(_ corrections: [NameCorrection], context: Context) -> HTML {
        let t = context.t
        guard !corrections.isEmpty else { return "<p class=\"empty\">\(t("admin.certificates.no_history"))</p>" }
        let items = corrections.map { correction -> HTML in
            let note: HTML = correction.decisionNote.map { " · \(t("admin.certificates.note_sent", ["note": $0]))" } ?? ""
            return """
            <li>\(t("admin.certificates.from_to", ["previous": correction.previousName, "requested": correction.requestedName])) · \
            <strong>\(t("admin.certificates.status.\(correction.status.rawValue)"))</strong>\(note) \
            <span class="muted">· \(t.dateTime(correction.requestedAt, timeZone: context.timeZone))</span></li>
            """
        }
        return "<ul class=\"plain-list\">\(items)</ul>"
    }

    static func revokeForm(_ certificate: Certificate, form: FormState, chrome: Chrome) -> HTML {
        let t = form.t
        guard !certificate.isRevoked else { return "" }
        return """
        <section aria-labelledby="revoke-title">
        <h2 id="revoke-title">\(t("admin.certificates.revoke"))</h2>
        <p>\(t("admin.certificates.revoke_hint"))</p>
        \(form.summary)
        <form class="form" method="post" action="\(Paths.adminCertificateRevoke.path(certificate.code))" novalidate>
        \(csrfField(chrome))
        \(form.textarea("reason", label: t("admin.certificates.revoke_reason"), rows: 3, maxLength: 1000))
        <p class="actions"><button type="submit" class="button">\(t("admin.certificates.revoke"))</button></p>
        </form>
        </section>
        """
    }
}
