/// Headers every response carries, error pages included.
public enum SecurityHeaders {
    public static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

    public static func apply(to response: inout Response, https: Bool) {
        if response.header("Content-Security-Policy") == nil {
            response.headers.append(("Content-Security-Policy", contentSecurityPolicy))
        }
        response.headers.append(("X-Content-Type-Options", "nosniff"))
        response.headers.append(("Referrer-Policy", "same-origin"))
        response.headers.append(("X-Frame-Options", "DENY"))
        if https {
            response.headers.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
        }
    }
}
