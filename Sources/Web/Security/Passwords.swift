import CSodium

/// Password hashing with Argon2id (libsodium's `crypto_pwhash_str`), in the
/// responder: the clear password never reaches PostgreSQL or a log.
public enum Passwords {
    /// libsodium's "interactive" cost: about 64 MiB and a few tens of milliseconds.
    static let opsLimit = UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE)
    static let memLimit = Int(crypto_pwhash_MEMLIMIT_INTERACTIVE)

    /// The self-describing hash string (`$argon2id$v=19$m=…`), or nil if hashing failed
    /// (out of memory).
    public static func hash(_ password: String) -> String? {
        _ = Crypto.initialize()
        var out = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        // Every byte counts: form parsing refuses NUL, so the C string is the whole password.
        let length = UInt64(password.utf8.count)
        let status = password.withCString { chars in
            crypto_pwhash_str_alg(&out, chars, length, opsLimit, memLimit, crypto_pwhash_ALG_ARGON2ID13)
        }
        guard status == 0 else { return nil }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches `hash`. A malformed hash never matches.
    public static func verify(_ password: String, hash: String) -> Bool {
        _ = Crypto.initialize()
        let length = UInt64(password.utf8.count)
        return hash.withCString { stored in
            password.withCString { chars in crypto_pwhash_str_verify(stored, chars, length) == 0 }
        }
    }

    /// Whether a hash was made with other parameters than today's and should be redone.
    public static func needsRehash(_ hash: String) -> Bool {
        hash.withCString { crypto_pwhash_str_needs_rehash($0, opsLimit, memLimit) != 0 }
    }
}
