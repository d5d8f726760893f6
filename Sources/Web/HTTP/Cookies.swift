/// Cookie parsing and `Set-Cookie` rendering.
public enum Cookies {
    /// Parses a `Cookie` header; pairs without `=` are skipped, the first of a repeated name wins.
    public static func parse(_ header: String) -> [String: String] {
        var cookies: [String: String] = [:]
        for pair in header.split(separator: ";") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = pair[..<equals].trimmingWhitespace()
            var value = pair[pair.index(after: equals)...].trimmingWhitespace()
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            guard !name.isEmpty, cookies[name] == nil else { continue }
            cookies[name] = value
        }
        return cookies
    }
}

/// One `Set-Cookie` header. Cookies default to HttpOnly, SameSite=Lax and path `/`;
/// over HTTPS they are `Secure` and may take the `__Host-` prefix.
public struct SetCookie: Sendable, Equatable {
    public var name: String
    public var value: String
    public var maxAge: Int?
    public var httpOnly = true
    public var secure = false
    public var sameSite = "Lax"

    public init(name: String, value: String, maxAge: Int? = nil, httpOnly: Bool = true, secure: Bool = false) {
        self.name = name
        self.value = value
        self.maxAge = maxAge
        self.httpOnly = httpOnly
        self.secure = secure
    }

    /// A cookie that tells the browser to forget `name`.
    public static func expired(_ name: String, secure: Bool = false) -> SetCookie {
        SetCookie(name: name, value: "", maxAge: 0, secure: secure)
    }

    public var headerValue: String {
        var parts = ["\(name)=\(value)", "Path=/"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if secure { parts.append("Secure") }
        if httpOnly { parts.append("HttpOnly") }
        parts.append("SameSite=\(sameSite)")
        return parts.joined(separator: "; ")
    }
}
