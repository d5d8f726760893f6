import Web

extension Paths {
    // Certificates: public, for anyone handed the link.
    static let certificate: RoutePattern = "/certificates/{code}"
    static let certificateCredential: RoutePattern = "/certificates/{code}.json"
    static let issuer: RoutePattern = "/issuer"
    // The holder's request to correct the name.
    static let certificateName: RoutePattern = "/certificates/{code}/name"
    // Staff
    static let adminCertificates: RoutePattern = "/admin/certificates"
    static let adminCertificate: RoutePattern = "/admin/certificates/{code}"
    static let adminCertificateRevoke: RoutePattern = "/admin/certificates/{code}/revoke"
    static let adminNameCorrectionDecide: RoutePattern = "/admin/certificates/corrections/{id}/decide"
}
