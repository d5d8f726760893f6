import Postgres
import Web

/// Certificates of completion: their public pages and signed credentials, the holder's
/// list on /me, name corrections and revocations for staff.
enum CertificatesFeature: Feature {
    static let routes: [Route<Handler>] = CertificateRoutes.routes + CertificateAdminRoutes.routes

    static func meSection(_ context: Context, user: CurrentUser) throws -> HTML? {
        try CertificatePages.meSection(context, userID: user.id)
    }

    static func exportSections(_ db: Connection, user: CurrentUser, t: Localizer) throws -> [(name: String, json: SQL)] {
        let kinds = ExportWords.object(t, ["capsule", "edition"]) { "certificate.kind.\($0)" }
        return [("certificates", """
            SELECT coalesce(json_agg(json_build_object('code', x.code, 'what', \(kinds)::jsonb ->> x.kind,
                'course', x.course_title, 'edition', x.edition_name, 'holder_name', x.holder_name, 'completed_on', x.completed_on,
                'issued_at', x.issued_at, 'revoked_at', x.revoked_at, 'revocation_reason', x.revocation_reason,
                'name_corrections', (SELECT coalesce(json_agg(json_build_object('requested_name', n.requested_name, 'reason', n.reason,
                    'status', n.status, 'requested_at', n.requested_at, 'decided_at', n.decided_at) ORDER BY n.id), '[]')
                    FROM certificate_name_corrections n WHERE n.certificate_id = x.id)) ORDER BY x.id), '[]')
            FROM certificates x WHERE x.user_id = \(user.id)
            """)]
    }

    /// A certificate publicly names its holder: deleting the account deletes its
    /// certificates, so their codes answer as unknown ones (the export keeps a copy).
    static func deleteAccount(_ db: Connection, app: CampusApp, userID: Int64) throws {
        try db.execute("DELETE FROM certificates WHERE user_id = \(userID)")
    }

    static func gauges(_ db: Connection) throws -> [Gauge] {
        let row = try db.query("""
            SELECT count(*) FILTER (WHERE revoked_at IS NULL)::int8 AS valid, count(*) FILTER (WHERE revoked_at IS NOT NULL)::int8 AS revoked
            FROM certificates
            """).first
        return [
            Gauge(name: "certificates_valid", help: "Certificates of completion standing.", value: try row?["valid"] ?? 0),
            Gauge(name: "certificates_revoked", help: "Certificates of completion revoked.", value: try row?["revoked"] ?? 0),
        ]
    }

    static func adminCard(_ context: Context) throws -> HTML? {
        let t = context.t
        return """
        <li class="card"><h2><a href="\(Paths.adminCertificates.path())">\(t("admin.certificates.title"))</a></h2>
        <p>\(t("admin.dashboard.certificates"))</p></li>
        """
    }
}
