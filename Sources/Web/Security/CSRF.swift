/// Tokens that prove a form was served by Campus to this browser.
///
/// A token is an HMAC of a binding the attacker cannot read: the session's own
/// secret for a signed-in reader, or a random anonymous cookie before sign-in
/// (the signed double-submit cookie pattern). Nothing is stored per form.
public struct CSRF: Sendable {
    public static let fieldName = "_csrf"
    private let key: [UInt8]

    public init(secret: [UInt8]) {
        key = Crypto.hmacSHA256(key: secret, message: Array("campus csrf".utf8))
    }

    /// A token for forms on this response. It is masked with a fresh random pad each
    /// time, so compressed pages never repeat the same secret bytes (BREACH).
    public func token(binding: String) -> String {
        let secret = Crypto.hmacSHA256(key: key, message: Array(binding.utf8))
        let pad = Crypto.randomBytes(secret.count)
        return Crypto.base64URL(pad + zip(pad, secret).map { $0 ^ $1 })
    }

    public func isValid(_ token: String?, binding: String) -> Bool {
        guard let token, !binding.isEmpty, let given = Crypto.fromBase64URL(token), given.count == 64 else { return false }
        let unmasked = zip(given.prefix(32), given.suffix(32)).map { $0 ^ $1 }
        let expected = Crypto.hmacSHA256(key: key, message: Array(binding.utf8))
        return Crypto.constantTimeEqual(unmasked, expected)
    }

    /// A browser sending `Origin` tells us where the form came from: it must be this site.
    /// Ports are not compared, because Debian's stock `fastcgi_params` passes the Host
    /// without its port; `trusted` origins (the public base URL) always pass.
    public static func originMatches(_ request: Request, trusted: [String] = []) -> Bool {
        guard let origin = request.headers["origin"] else { return true }
        if trusted.contains(origin) { return true }
        guard origin != "null", let host = request.headers["host"] else { return false }
        let scheme = request.isHTTPS ? "https://" : "http://"
        guard origin.hasPrefix(scheme) else { return false }
        return hostname(String(origin.dropFirst(scheme.count))) == hostname(host)
    }

    /// `Example.org:8080` → `example.org`; `[::1]:80` → `[::1]`.
    public static func hostname(_ authority: String) -> String {
        let lowered = authority.lowercased()
        if lowered.hasPrefix("["), let close = lowered.firstIndex(of: "]") { return String(lowered[...close]) }
        return String(lowered.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
