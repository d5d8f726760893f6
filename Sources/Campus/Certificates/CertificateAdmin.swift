import Foundation
import Postgres
import Web

/// Staff work on certificates: the queue of name corrections, one certificate's page,
/// revocation with a reason. Every decision is audited and the holder is told.
enum CertificateAdminRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.adminCertificates, showCertificates),
        Route("GET", Paths.adminCertificate, showCertificate),
        Route("POST", Paths.adminCertificateRevoke, revokeCertificate),
        Route("POST", Paths.adminNameCorrectionDecide, decideNameCorrection),
    ]

    /// The queue of corrections, a look-up by code (`code`), and the latest certificates.
    static func showCertificates(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let db = try context.db
        var find = FormState(t: context.t)
        if let typed = try context.query().trimmed("code") {
            find.values["code"] = typed
            if let code = Certificates.normalizedCode(typed), try CertificateQueries.fetchCertificate(db, code: code) != nil {
                return context.redirect(Paths.adminCertificate.path(code))
            }
            find.fail("code", "admin.certificates.not_found")
        }
        let body = CertificateAdminPages.list(
            corrections: try CertificateQueries.fetchPendingCorrections(db), recent: try CertificateQueries.fetchRecentCertificates(db),
            find: find, context: context)
        return context.page(context.t("admin.certificates.title"), body, section: .admin)
    }

    static func loadCertificate(_ context: Context) throws -> Certificate {
        try context.requireAdmin()
        return try CertificateRoutes.loadCertificate(context)
    }

    static func showCertificate(_ context: Context) throws -> Response {
        let certificate = try loadCertificate(context)
        return try render(context, certificate, revoke: FormState(t: context.t))
    }

    static func render(_ context: Context, _ certificate: Certificate, revoke: FormState, status: Status = .ok) throws -> Response {
        let corrections = try CertificateQueries.fetchCorrections(try context.db, certificateID: certificate.id)
        let body = CertificateAdminPages.certificate(certificate, corrections: corrections, revoke: revoke, context: context)
        return context.page(CertificatePages.whatCompleted(certificate), body, status: status, section: .admin)
    }

    /// `reason` is required: the public page and the credential state it.
    static func revokeCertificate(_ context: Context) throws -> Response {
        let certificate = try loadCertificate(context)
        guard !certificate.isRevoked else {
            return context.redirect(Paths.adminCertificate.path(certificate.code), flash: "flash.certificate_already_revoked")
        }
        var form = FormState(t: context.t, form: context.form)
        let reason = context.form.trimmed("reason") ?? ""
        if reason.isEmpty { form.fail("reason", "admin.certificates.revoke_reason_required") }
        if reason.codePoints > 1000 { form.fail("reason", "admin.certificates.text_long") }
        guard form.isValid else { return try render(context, certificate, revoke: form, status: .unprocessableContent) }
        let db = try context.db
        let adminID = context.user?.id ?? 0
        let done: Bool = try db.transaction {
            guard try CertificateQueries.revoke(db, id: certificate.id, by: adminID, reason: reason) else { return false }
            try context.audit("certificate.revoke", "certificate", certificate.id, [
                "code": certificate.code, "user": String(certificate.userID), "course": String(certificate.courseID), "reason": reason,
            ])
            try Notifier.notify(
                db, app: context.app, userID: certificate.userID, kind: .certificate, message: "notice.certificate.revoked",
                values: ["course": CertificatePages.whatCompleted(certificate), "reason": reason],
                link: Paths.certificate.path(certificate.code))
            return true
        }
        return context.redirect(
            Paths.adminCertificate.path(certificate.code), flash: done ? "flash.certificate_revoked" : "flash.certificate_already_revoked")
    }

    /// `decision` = approve | reject, optional `note` for the holder. Approving changes the
    /// name on the same certificate: its code, page and credential stay where they were.
    static func decideNameCorrection(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let id = try context.parameters.id("id")
        let db = try context.db
        guard try CertificateQueries.correctionExists(db, id: id) else { throw HTTPError(.notFound) }
        let decision = context.form["decision"]
        guard decision == "approve" || decision == "reject" else {
            throw HTTPError(.unprocessableContent, reason: "admin.certificates.choose")
        }
        let note = context.form.trimmed("note")
        guard (note?.codePoints ?? 0) <= 1000 else { throw HTTPError(.unprocessableContent, reason: "admin.certificates.text_long") }
        let decided: NameCorrection? = try db.transaction {
            guard let decided = try CertificateQueries.decideCorrection(db, id: id, approve: decision == "approve", by: context.user?.id ?? 0, note: note),
                let certificate = try CertificateQueries.fetchCertificate(db, id: decided.certificateID)
            else { return nil }
            try context.audit("certificate.name_\(decision ?? "")", "certificate", certificate.id, [
                "code": certificate.code, "user": String(certificate.userID), "course": String(certificate.courseID), "from": decided.previousName,
                "to": decided.requestedName, "note": note ?? "",
            ])
            try Notifier.notify(
                db, app: context.app, userID: certificate.userID, kind: .certificate,
                message: decision == "approve" ? "notice.certificate.name_approved" : "notice.certificate.name_rejected",
                values: ["course": CertificatePages.whatCompleted(certificate), "name": decided.requestedName], note: note,
                link: Paths.certificate.path(certificate.code))
            return decided
        }
        return context.redirect(Paths.adminCertificates.path(), flash: decided == nil ? "flash.correction_already_decided" : "flash.correction_decided")
    }
}
