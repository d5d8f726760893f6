import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The Open Badges 3.0 credential: signed as a VC-JWT with the issuer's Ed25519 key, and
/// checked here by OpenSSL with only what anyone can fetch — the JWT and the issuer's
/// public key — so the check owes nothing to the code that signed.
@Suite struct CredentialTests {
    let app: TestApp
    let edition: CompletedEdition
    let code: String

    init() throws {
        app = try TestApp()
        edition = try CompletedEdition(app)
        _ = edition.complete()
        code = try edition.code() ?? ""
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func decoded(_ part: Substring) throws -> [String: Any] {
        try json(String(decoding: try #require(Crypto.fromBase64URL(String(part))), as: UTF8.self))
    }

    /// The issuer's public key as OpenSSL reads it: the raw key in an Ed25519 SubjectPublicKeyInfo.
    func publicKeyPEM() throws -> String {
        let profile = try json(app.get("/issuer").bodyText)
        let methods = try #require(profile["verificationMethod"] as? [[String: Any]])
        let jwk = try #require(methods.first?["publicKeyJwk"] as? [String: String])
        #expect(jwk["kty"] == "OKP" && jwk["crv"] == "Ed25519")
        let raw = try #require(Crypto.fromBase64URL(jwk["x"] ?? ""))
        #expect(raw.count == 32)
        let der: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00] + raw
        return "-----BEGIN PUBLIC KEY-----\n\(Data(der).base64EncodedString())\n-----END PUBLIC KEY-----\n"
    }

    /// OpenSSL's verdict on `signingInput` and `signature` under the issuer's key.
    func opensslVerifies(_ signingInput: [UInt8], _ signature: [UInt8]) throws -> Bool {
        let folder = try TestEnvironment.temporaryDirectory("credential")
        try publicKeyPEM().write(toFile: folder + "/issuer.pem", atomically: true, encoding: .utf8)
        try Data(signingInput).write(to: URL(fileURLWithPath: folder + "/input"))
        try Data(signature).write(to: URL(fileURLWithPath: folder + "/signature"))
        let result = try Subprocess.run("/usr/bin/openssl", [
            "pkeyutl", "-verify", "-pubin", "-inkey", folder + "/issuer.pem", "-rawin", "-in", folder + "/input",
            "-sigfile", folder + "/signature",
        ])
        return result.status == 0 && result.output.contains("Signature Verified Successfully")
    }

    func fetchJWT() throws -> String {
        let response = app.get("/certificates/\(code).json", headers: ["accept": "application/vc+jwt"])
        #expect(response.status == .ok)
        #expect(response.header("Content-Type") == "application/vc+jwt")
        return response.bodyText
    }

    @Test func theJWTVerifiesWithThePublishedKeyAndATamperedOneDoesNot() throws {
        let jwt = try fetchJWT()
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        let header = try decoded(parts[0])
        #expect(header["alg"] as? String == "EdDSA")
        #expect(header["typ"] as? String == "vc+jwt")
        #expect((header["kid"] as? String)?.hasPrefix("http://127.0.0.1:8080/issuer#") == true)
        let signingInput = Array("\(parts[0]).\(parts[1])".utf8)
        let signature = try #require(Crypto.fromBase64URL(String(parts[2])))
        #expect(try opensslVerifies(signingInput, signature))

        // One byte of the claims changed: the signature no longer holds.
        var tampered = signingInput
        tampered[tampered.count - 5] ^= 0x01
        #expect(try !opensslVerifies(tampered, signature))
        var forged = signature
        forged[0] ^= 0x01
        #expect(try !opensslVerifies(signingInput, forged))
    }

    @Test func theSignedClaimsAreTheCertificate() throws {
        let parts = try fetchJWT().split(separator: ".")
        let claims = try decoded(parts[1])
        #expect(claims["type"] as? [String] == ["VerifiableCredential", "OpenBadgeCredential"])
        #expect((claims["@context"] as? [String])?.first == "https://www.w3.org/ns/credentials/v2")
        #expect(claims["iss"] as? String == "http://127.0.0.1:8080/issuer")
        #expect(claims["jti"] as? String == "http://127.0.0.1:8080/certificates/\(code)")
        #expect(claims["nbf"] is Int)
        let subject = try #require(claims["credentialSubject"] as? [String: Any])
        let identity = try #require((subject["identifier"] as? [[String: Any]])?.first)
        #expect(identity["identityHash"] as? String == "Ana Pérez")
        let achievement = try #require(subject["achievement"] as? [String: Any])
        #expect(achievement["achievementType"] as? String == "Course")
        #expect(achievement["name"] as? String == "Gobernanza metropolitana aplicada · XIX edición")
        let criteria = try #require(achievement["criteria"] as? [String: String])
        #expect(criteria["narrative"]?.contains("40 horas") == true)
        #expect((claims["credentialStatus"] as? [String: Any])?["status"] as? String == "valid")

        // The JSON representation is the same credential, without the JWT's own claims.
        let plain = try json(app.get("/certificates/\(code).json").bodyText)
        #expect(plain["iss"] == nil)
        #expect(NSDictionary(dictionary: plain["credentialSubject"] as? [String: Any] ?? [:]).isEqual(to: subject))
    }

    @Test func aRevocationIsSignedToo() throws {
        let admin = try app.browser(signedInAs: try app.createUser("admin-jwt@example.org", roles: ["admin"]))
        #expect(admin.post("/admin/certificates/\(code)/revoke", [("reason", "Error administrativo")]).status == .seeOther)
        let parts = try fetchJWT().split(separator: ".")
        #expect(try opensslVerifies(Array("\(parts[0]).\(parts[1])".utf8), try #require(Crypto.fromBase64URL(String(parts[2])))))
        let status = try #require(try decoded(parts[1])["credentialStatus"] as? [String: Any])
        #expect(status["status"] as? String == "revoked")
        #expect(status["revocationReason"] as? String == "Error administrativo")
    }

    @Test func theIssuerKeyIsMadeOnceAndKept() throws {
        let db = try app.connect()
        let before = try IssuerKey.fetch(db).publicKey
        try Migrator(home: TestEnvironment.home).migrate(db)
        #expect(try IssuerKey.fetch(db).publicKey == before)
        let key = try IssuerKey.fetch(db)
        #expect(key.verify(key.sign([1, 2, 3]), of: [1, 2, 3]))
    }
}
