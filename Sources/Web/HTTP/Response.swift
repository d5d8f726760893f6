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
        headers.first { Response.sameName($0.0, name) }?.1
    }

    public func headers(named name: String) -> [String] {
        headers.filter { Response.sameName($0.0, name) }.map(\.1)
    }

    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { Response.sameName($0.0, name) }
        headers.append((name, value))
    }

    /// Header names are ASCII tokens: compared byte by byte, ignoring the case of letters.
    static func sameName(_ a: String, _ b: String) -> Bool {
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        return a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { lower($0) == lower($1) }
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The CGI-style head a FastCGI responder writes: a `Status:` line, then the headers.
    public func cgiHead() -> [UInt8] {
        var head: [UInt8] = []
        head.reserveCapacity(640)
        head += "Status: ".utf8
        head += String(status.rawValue).utf8
        head.append(0x20)
        head += status.reason.utf8
        for (name, value) in headers {
            head += "\r\n".utf8
            head += name.utf8
            head += ": ".utf8
            // A header value never carries a line break: that would split the response.
            if value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) {
                head += value.utf8.filter { $0 != 0x0D && $0 != 0x0A }
            } else {
                head += value.utf8
            }
        }
        head += "\r\n\r\n".utf8
        return head
    }
}
