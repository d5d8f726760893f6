import Foundation

/// What the application answers: a status, headers in order, and the body bytes.
public struct Response: Sendable {
    public var status: Status
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Status = .ok, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func html(_ html: HTML, status: Status = .ok) -> Response {
        Response(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: html.bytes)
    }

    public static func text(_ text: String, status: Status = .ok) -> Response {
        Response(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }

    /// A redirect after a form post or to a canonical address; `location` must be a local path.
    public static func redirect(to location: String, status: Status = .seeOther) -> Response {
        Response(status: status, headers: [("Location", location)])
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    public func headers(named name: String) -> [String] {
        headers.filter { $0.0.caseInsensitiveCompare(name) == .orderedSame }.map(\.1)
    }

    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.0.caseInsensitiveCompare(name) == .orderedSame }
        headers.append((name, value))
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The CGI-style head a FastCGI responder writes: a `Status:` line, then the headers.
    public func cgiHead() -> [UInt8] {
        var head = "Status: \(status.rawValue) \(status.reason)\r\n"
        for (name, value) in headers {
            head += name
            head += ": "
            // A header value never carries a line break: that would split the response.
            // (Scalars, not Characters: "\r\n" is one Character and equals neither.)
            if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
                head.unicodeScalars.append(contentsOf: value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" })
            } else {
                head += value
            }
            head += "\r\n"
        }
        head += "\r\n"
        return Array(head.utf8)
    }
}
