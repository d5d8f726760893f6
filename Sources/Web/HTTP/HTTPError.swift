/// A failure a handler reports as a status. The application's one error boundary turns
/// it into a page in the reader's language; `reason` is a message-catalog key shown
/// on that page, `arguments` fill its placeholders.
public struct HTTPError: Error, Sendable, Equatable {
    public var status: Status
    public var reason: String?
    public var arguments: [String: String]
    public var headers: [(String, String)]

    public init(_ status: Status, reason: String? = nil, arguments: [String: String] = [:], headers: [(String, String)] = []) {
        self.status = status
        self.reason = reason
        self.arguments = arguments
        self.headers = headers
    }

    public static func == (lhs: HTTPError, rhs: HTTPError) -> Bool {
        lhs.status == rhs.status && lhs.reason == rhs.reason && lhs.arguments == rhs.arguments
    }
}
