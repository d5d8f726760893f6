import Web

/// Every path Campus serves, in one place: routes match with these patterns and pages
/// print links with them, so an `href` is never typed by hand.
enum Paths {
    static let home: RoutePattern = "/"
    static let healthz: RoutePattern = "/healthz"
    static let locale: RoutePattern = "/locale"
    static let courses: RoutePattern = "/courses"
    static let course: RoutePattern = "/courses/{slug}"
    static let edition: RoutePattern = "/editions/{id}"

    /// A `next` target taken from a form or query: a local path only, never another site.
    static func localPath(_ candidate: String?, fallback: String = "/") -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.hasPrefix("/\\"),
            !candidate.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" }), candidate.utf8.count <= 2000
        else { return fallback }
        return candidate
    }
}
