import Foundation
import Postgres
import Web

/// The public side of certificates: the page anyone with the link can read, the signed
/// credential, the issuer's key, and the holder's request to correct the name.
enum CertificateRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.certificate, showCertificate),
        Route("GET", Paths.certificateCredential, showCredential),
        Route("GET", Paths.issuer, showIssuer),
        Route("GET", Paths.certificateName, showNameForm),
        Route("POST", Paths.certificateName, requestNameCorrection),
    ]

    /// The certificate named by the path, whatever the case or look-alike letters typed; 404 otherwise.
    static func loadCertificate(_ context: Context) throws -> Certificate {
        guard let code = Certificates.normalizedCode(try context.parameters.string("code")),
            let certificate = try CertificateQueries.fetchCertificate(try context.db, code: code)
        else { throw HTTPError(.notFound) }
        return certificate
    }

    static func showCertificate(_ context: Context) throws -> Response {
        let certificate = try loadCertificate(context)
        var holderView = HTML()
        if context.user?.id == certificate.userID {
            let pending = try CertificateQueries.fetchCorrections(try context.db, certificateID: certificate.id).first { $0.status == .pending }
            holderView = CertificatePages.holderView(certificate, pending: pending, t: context.t)
        }
        // A certificate is for whoever it is handed to, not for search engines.
        context.chrome.noindex = true
        var response = context.page(
            context.t("certificate.page_title", ["holder": certificate.holderName, "what": CertificatePages.whatCompleted(certificate)]),
            CertificatePages.page(certificate, holderView: holderView, context: context))
        response.setHeader("X-Robots-Tag", "noindex")
        return response
    }

    /// The Open Badges 3.0 credential: as JSON by default, or as the signed VC-JWT for a
    /// client that asks for `application/vc+jwt` (or `application/jwt`). Both are made now,
    /// from the database, so a revocation shows in them at once.
    static func showCredential(_ context: Context) throws -> Response {
        let certificate = try loadCertificate(context)
        let db = try context.db
        let baseURL = context.settings.baseURL
        let t = context.app.localizer(certificate.language)
        let accept = context.request.headers["accept"] ?? ""
        var response: Response
        if accept.contains("application/vc+jwt") || accept.contains("application/jwt") {
            let now: Date = try db.query("SELECT now() AS now").first?["now"] ?? Date()
            let jwt = OpenBadge.jwt(certificate, baseURL: baseURL, key: try IssuerKey.fetch(db), t: t, now: now)
            response = Response(status: .ok, headers: [("Content-Type", "application/vc+jwt"), ("Access-Control-Allow-Origin", "*")], body: Array(jwt.utf8))
        } else {
            response = json(OpenBadge.credential(certificate, baseURL: baseURL, t: t))
        }
        response.setHeader("Vary", "Accept")
        response.setHeader("X-Robots-Tag", "noindex")
        return response
    }

    /// The issuer's profile with the public key (a JWK) that verifies every credential.
    static func showIssuer(_ context: Context) throws -> Response {
        json(OpenBadge.profile(context.settings.baseURL, key: try IssuerKey.fetch(try context.db)))
    }

    /// A public JSON document any verifier's page may read (CORS).
    static func json(_ value: JSONValue) -> Response {
        Response(
            status: .ok, headers: [("Content-Type", "application/json; charset=utf-8"), ("Access-Control-Allow-Origin", "*")],
            body: Array(value.text.utf8))
    }

    /// The certificate, for its holder only; a revoked one no longer changes (409).
    static func loadOwnCertificate(_ context: Context) throws -> Certificate {
        let user = try context.requireUser()
        let certificate = try loadCertificate(context)
        guard certificate.userID == user.id else { throw HTTPError(.forbidden, reason: "certificate.not_holder") }
        guard !certificate.isRevoked else { throw HTTPError(.conflict, reason: "certificate.revoked_no_changes") }
        return certificate
    }

    static func showNameForm(_ context: Context) throws -> Response {
        let certificate = try loadOwnCertificate(context)
        let form = FormState(t: context.t, values: ["name": certificate.holderName])
        return context.page(context.t("certificate.name.title"), CertificatePages.nameForm(certificate, form: form, chrome: context.chrome))
    }

    /// `name` (required, up to 120 characters), `reason` (optional, up to 1000). A second
    /// request while one waits changes nothing and goes back to the certificate.
    static func requestNameCorrection(_ context: Context) throws -> Response {
        let certificate = try loadOwnCertificate(context)
        var form = FormState(t: context.t, form: context.form)
        let name = context.form.trimmed("name") ?? ""
        let reason = context.form.trimmed("reason") ?? ""
        if name.isEmpty || name.codePoints > 120 {
            form.fail("name", "certificate.name.error.required")
        } else if name == certificate.holderName {
            form.fail("name", "certificate.name.error.same")
        }
        if reason.codePoints > 1000 { form.fail("reason", "certificate.name.error.reason_long") }
        guard form.isValid else {
            return context.invalid(context.t("certificate.name.title"), CertificatePages.nameForm(certificate, form: form, chrome: context.chrome))
        }
        let recorded = try CertificateQueries.requestCorrection(try context.db, certificate: certificate, name: name, reason: reason)
        return context.redirect(
            Paths.certificate.path(certificate.code), flash: recorded ? "flash.name_correction_requested" : "flash.name_correction_pending")
    }
}
