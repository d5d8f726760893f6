import Web

extension FormState {
    /// Refuses the form for now and says, in minutes, how long until it may be sent again.
    mutating func refuseForNow(retryAfter seconds: Int) {
        refuse("limits.try_later", count: RateLimiter.minutes(seconds))
    }
}

extension Context {
    /// A limit reached on a form: the form again (what was typed stays, passwords never)
    /// with status 429 and `Retry-After`.
    func tooManyRequests(_ title: String, _ body: HTML, retryAfter seconds: Int, section: Section? = nil) -> Response {
        page(title, body, status: .tooManyRequests, section: section).retrying(after: seconds)
    }
}

extension Response {
    /// The same answer, saying when to come back (for a 429).
    func retrying(after seconds: Int) -> Response {
        var response = self
        response.setHeader("Retry-After", String(seconds))
        return response
    }
}

extension RateLimiter {
    /// Seconds to wait, as the whole minutes people are told (never "0 minutes").
    static func minutes(_ seconds: Int) -> Int { max(1, (seconds + 59) / 60) }
}
