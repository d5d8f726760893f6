import Foundation
import Web

/// A certificate as an Open Badges 3.0 `OpenBadgeCredential`, and the issuer's profile,
/// both built from the database on each request: a revocation shows at once.
enum OpenBadge {
    static let contexts: JSONValue = .array([
        "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ])
    /// The issuer's name as credentials state it.
    static let issuerName = "Campus"
    static let capsulePage: RoutePattern = "/capsules/{slug}"

    static func issuerID(_ baseURL: String) -> String { baseURL + Paths.issuer.path() }

    static func keyID(_ baseURL: String, key: IssuerKey) -> String { issuerID(baseURL) + "#" + key.thumbprint }

    /// The issuer as a credential names it.
    static func issuer(_ baseURL: String) -> JSONValue {
        .object([("id", .string(issuerID(baseURL))), ("type", .array(["Profile"])), ("name", .string(issuerName)), ("url", .string(baseURL + "/"))])
    }

    /// `GET /issuer`: the profile with the public key that verifies every credential.
    static func profile(_ baseURL: String, key: IssuerKey) -> JSONValue {
        .object([
            ("@context", contexts), ("id", .string(issuerID(baseURL))), ("type", .array(["Profile"])),
            ("name", .string(issuerName)), ("url", .string(baseURL + "/")),
            ("verificationMethod", .array([.object([
                ("id", .string(keyID(baseURL, key: key))), ("type", "JsonWebKey"),
                ("controller", .string(issuerID(baseURL))), ("publicKeyJwk", key.jwk),
            ])])),
            ("assertionMethod", .array([.string(keyID(baseURL, key: key))])),
        ])
    }

    /// The credential, in the certificate's own language.
    static func credential(_ certificate: Certificate, baseURL: String, t: Localizer) -> JSONValue {
        let page = baseURL + Paths.certificate.path(certificate.code)
        return .members([
            ("@context", contexts), ("id", .string(page)), ("type", .array(["VerifiableCredential", "OpenBadgeCredential"])),
            ("issuer", issuer(baseURL)), ("name", .string(certificate.courseTitle)), ("validFrom", .string(certificate.issuedAtISO)),
            ("validUntil", certificate.revocation.map { .string($0.atISO) }),
            ("credentialSubject", .object([
                ("type", .array(["AchievementSubject"])),
                ("identifier", .array([.object([
                    ("type", "IdentityObject"), ("identityHash", .string(certificate.holderName)),
                    ("identityType", "name"), ("hashed", .bool(false)),
                ])])),
                ("activityEndDate", .string("\(certificate.completedOn)T00:00:00Z")),
                ("achievement", achievement(certificate, baseURL: baseURL, t: t)),
            ])),
            ("credentialStatus", status(certificate, page: page)),
        ])
    }

    static func achievement(_ certificate: Certificate, baseURL: String, t: Localizer) -> JSONValue {
        let id = switch certificate.kind {
        case .edition: baseURL + Paths.edition.path(certificate.editionID ?? 0)
        case .capsule: baseURL + capsulePage.path(certificate.courseSlug)
        }
        return .object([
            ("id", .string(id)), ("type", .array(["Achievement"])), ("achievementType", "Course"),
            ("name", .string(CertificatePages.whatCompleted(certificate))),
            ("description", .string(CertificatePages.description(certificate, t: t))),
            ("criteria", .object([("narrative", .string(CertificatePages.criteria(certificate, t: t)))])),
            ("inLanguage", .string(certificate.language.rawValue)),
        ])
    }

    /// Valid or revoked, with when and why: signed with the rest on every request.
    static func status(_ certificate: Certificate, page: String) -> JSONValue {
        .members([
            ("id", .string(page + "#status")), ("type", "CampusCertificateStatus"),
            ("status", .string(certificate.isRevoked ? "revoked" : "valid")),
            ("revokedAt", certificate.revocation.map { .string($0.atISO) }),
            ("revocationReason", certificate.revocation.map { .string($0.reason) }),
        ])
    }

    /// The credential as a VC-JWT: the credential's members are the JWT's claims, with
    /// the registered claims Open Badges 3.0 maps them to (iss, jti, nbf) and the moment
    /// of signing (iat).
    static func jwt(_ certificate: Certificate, baseURL: String, key: IssuerKey, t: Localizer, now: Date) -> String {
        guard case .object(var members) = credential(certificate, baseURL: baseURL, t: t) else { return "" }
        members += [
            ("iss", .string(issuerID(baseURL))), ("jti", .string(baseURL + Paths.certificate.path(certificate.code))),
            ("nbf", .int(Int64(certificate.issuedAt.timeIntervalSince1970))), ("iat", .int(Int64(now.timeIntervalSince1970))),
        ]
        let header: JSONValue = .object([("alg", "EdDSA"), ("typ", "vc+jwt"), ("kid", .string(keyID(baseURL, key: key)))])
        return key.compactJWS(header: header, payload: .object(members))
    }
}
