import CSodium

/// The few primitives Campus needs, all from libsodium: random tokens, HMAC,
/// hashing for stored tokens, constant-time comparison, URL-safe Base64.
public enum Crypto {
    private static let initialized: Bool = sodium_init() >= 0

    /// Call once at start-up; every other function here relies on it.
    @discardableResult
    public static func initialize() -> Bool { initialized }

    public static func randomBytes(_ count: Int) -> [UInt8] {
        _ = initialized
        var bytes = [UInt8](repeating: 0, count: count)
        if count > 0 { bytes.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, count) } }
        return bytes
    }

    /// A URL-safe token carrying `byteCount` random bytes (32 by default, as for sessions).
    public static func randomToken(byteCount: Int = 32) -> String { base64URL(randomBytes(byteCount)) }

    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        _ = initialized
        var state = crypto_auth_hmacsha256_state()
        var out = [UInt8](repeating: 0, count: Int(crypto_auth_hmacsha256_BYTES))
        crypto_auth_hmacsha256_init(&state, key, key.count)
        crypto_auth_hmacsha256_update(&state, message, UInt64(message.count))
        crypto_auth_hmacsha256_final(&state, &out)
        return out
    }

    public static func sha256(_ message: [UInt8]) -> [UInt8] { sha256(message[...]) }

    /// The hash of a slice (an uploaded file inside a request's body) without copying it.
    public static func sha256(_ message: ArraySlice<UInt8>) -> [UInt8] {
        _ = initialized
        var out = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        message.withUnsafeBufferPointer { buffer in
            _ = crypto_hash_sha256(&out, buffer.baseAddress, UInt64(buffer.count))
        }
        return out
    }

    /// Compares secrets in time that does not depend on where they differ.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return sodium_memcmp(a, b, a.count) == 0
    }

    public static func base64URL(_ bytes: [UInt8]) -> String {
        let variant = Int32(sodium_base64_VARIANT_URLSAFE_NO_PADDING)
        let length = sodium_base64_encoded_len(bytes.count, variant)
        var out = [CChar](repeating: 0, count: length)
        _ = bytes.withUnsafeBufferPointer { sodium_bin2base64(&out, length, $0.baseAddress, bytes.count, variant) }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static func fromBase64URL(_ text: String) -> [UInt8]? {
        let variant = Int32(sodium_base64_VARIANT_URLSAFE_NO_PADDING)
        var out = [UInt8](repeating: 0, count: text.utf8.count)
        var written = 0
        let status = text.withCString { sodium_base642bin(&out, out.count, $0, text.utf8.count, nil, &written, nil, variant) }
        return status == 0 ? Array(out.prefix(written)) : nil
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
