import Postgres
import Web

/// Certificates of completion: their public pages and signed credentials, the holder's
/// list on /me, name corrections and revocations for staff.
enum CertificatesFeature: Feature {
    static let routes: [Route<Handler>] = CertificateRoutes.routes + CertificateAdminRoutes.routes

    static func meSection(_ context: Context, user: CurrentUser) throws -> HTML? {
        try CertificatePages.meSection(context, userID: user.id)
    }

    static func adminCard(_ context: Context) throws -> HTML? {
        let t = context.t
        return """
        <li class="card"><h2><a href="\(Paths.adminCertificates.path())">\(t("admin.certificates.title"))</a></h2>
        <p>\(t("admin.dashboard.certificates"))</p></li>
        """
    }
}
