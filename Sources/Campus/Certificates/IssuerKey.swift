import CSodium
import Postgres
import Web

/// The Ed25519 key pair certificates are signed with, made once by `campus migrate` and
/// kept in the database like the signing secret, so every responder signs with the same
/// key and the private half never leaves the database and the responder's memory.
struct IssuerKey {
    static let secretName = "issuer_ed25519"

    /// libsodium's secret key: the 32-byte seed followed by the public key.
    private let secretKey: [UInt8]
    let publicKey: [UInt8]

    init?(secretKey: [UInt8]) {
        guard secretKey.count == Int(crypto_sign_SECRETKEYBYTES) else { return nil }
        Crypto.initialize()
        var publicKey = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        guard crypto_sign_ed25519_sk_to_pk(&publicKey, secretKey) == 0 else { return nil }
        self.secretKey = secretKey
        self.publicKey = publicKey
    }

    /// A fresh key pair from the system's generator.
    static func generate() -> IssuerKey? {
        Crypto.initialize()
        var publicKey = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        var secretKey = [UInt8](repeating: 0, count: Int(crypto_sign_SECRETKEYBYTES))
        guard crypto_sign_keypair(&publicKey, &secretKey) == 0 else { return nil }
        return IssuerKey(secretKey: secretKey)
    }

    static func ensure(_ db: Connection) throws {
        guard try db.query("SELECT 1 FROM app_secrets WHERE name = \(secretName)").isEmpty, let key = generate() else { return }
        try db.execute("""
            INSERT INTO app_secrets (name, value) VALUES (\(secretName), \(ByteArray(key.secretKey)))
            ON CONFLICT (name) DO NOTHING
            """)
    }

    static func fetch(_ db: Connection) throws -> IssuerKey {
        guard let row = try db.query("SELECT value FROM app_secrets WHERE name = \(secretName)").first,
            let key = IssuerKey(secretKey: (try row["value"] as ByteArray).bytes)
        else { throw PostgresError(kind: .query, message: "no certificate issuer key: run `campus migrate`") }
        return key
    }

    /// A detached Ed25519 signature (64 bytes).
    func sign(_ message: [UInt8]) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: Int(crypto_sign_BYTES))
        _ = crypto_sign_detached(&signature, nil, message, UInt64(message.count), secretKey)
        return signature
    }

    func verify(_ signature: [UInt8], of message: [UInt8]) -> Bool {
        signature.count == Int(crypto_sign_BYTES)
            && crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey) == 0
    }

    /// The public key as a JSON Web Key (RFC 8037).
    var jwk: JSONValue {
        .object([("kty", "OKP"), ("crv", "Ed25519"), ("x", .string(Crypto.base64URL(publicKey)))])
    }

    /// The key's RFC 7638 thumbprint: the hash of its required members in order, so the
    /// key id changes if, and only if, the key does.
    var thumbprint: String {
        let canonical = JSONValue.object([("crv", "Ed25519"), ("kty", "OKP"), ("x", .string(Crypto.base64URL(publicKey)))])
        return Crypto.base64URL(Crypto.sha256(Array(canonical.text.utf8)))
    }

    /// A compact JWS (RFC 7515) over `payload` with `header`.
    func compactJWS(header: JSONValue, payload: JSONValue) -> String {
        let signingInput = Crypto.base64URL(Array(header.text.utf8)) + "." + Crypto.base64URL(Array(payload.text.utf8))
        return signingInput + "." + Crypto.base64URL(sign(Array(signingInput.utf8)))
    }
}
