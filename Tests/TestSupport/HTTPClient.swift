import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An HTTP response as a test sees it.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public var text: String { String(decoding: body, as: UTF8.self) }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public func headers(_ name: String) -> [String] {
        headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1)
    }

    /// The value of a hidden `_csrf` field on the page, as a browser would submit it.
    public var csrfToken: String? { formValue("_csrf") }

    /// The value attribute of the first input named `name`.
    public func formValue(_ name: String) -> String? {
        let pattern = "name=\"\(name)\" value=\"([^\"]*)\""
        guard let range = text.range(of: pattern, options: .regularExpression) else { return nil }
        let match = String(text[range])
        guard let start = match.range(of: "value=\"")?.upperBound else { return nil }
        return String(match[start...].dropLast())
    }
}

/// A small HTTP/1.1 client over a plain socket, one connection per request. It can send
/// what a browser never would (broken multipart, invalid UTF-8, huge bodies), and keeps
/// cookies like a browser does.
public final class HTTPClient: @unchecked Sendable {
    public let host: String
    public let port: UInt16
    public var cookies: [String: String] = [:]

    public init(host: String = "127.0.0.1", port: UInt16) {
        self.host = host
        self.port = port
    }

    public func get(_ path: String, headers: [(String, String)] = []) throws -> HTTPResponse {
        try send("GET", path, headers: headers)
    }

    /// Posts a url-encoded form.
    public func post(_ path: String, form: [(String, String)], headers: [(String, String)] = []) throws -> HTTPResponse {
        let body = form.map { "\(HTTPClient.encode($0.0))=\(HTTPClient.encode($0.1))" }.joined(separator: "&")
        return try send("POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers, body: Array(body.utf8))
    }

    public func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []) throws -> HTTPResponse {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\nUser-Agent: campus-tests\r\n"
        if !cookies.isEmpty {
            head += "Cookie: " + cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") + "\r\n"
        }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        let response = try raw(Array(head.utf8) + body)
        for value in response.headers("set-cookie") {
            guard let pair = value.split(separator: ";").first, let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]).trimmingCharacters(in: .whitespaces)
            let cookieValue = String(pair[pair.index(after: equals)...])
            if value.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = cookieValue }
        }
        return response
    }

    /// Sends bytes as they are and reads the response until the server closes.
    public func raw(_ request: [UInt8]) throws -> HTTPResponse {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSetupError("socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestSetupError("cannot connect to \(host):\(port)") }
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            // The server may answer (413) and close before taking the whole body.
            if count <= 0 { break }
            sent += count
        }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        return try HTTPClient.parse(data)
    }

    static func parse(_ data: [UInt8]) throws -> HTTPResponse {
        guard let end = data.firstRange(of: Array("\r\n\r\n".utf8)) else { throw TestSetupError("no HTTP response (\(data.count) bytes)") }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw TestSetupError("bad status line \(head[0])") }
        var headers: [(String, String)] = []
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        var body = Array(data[end.upperBound...])
        if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased().contains("chunked") }) {
            body = dechunk(body)
        }
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while let lineEnd = data[index...].firstRange(of: [13, 10]) {
            let sizeText = String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText, radix: 16), size > 0 else { break }
            let start = lineEnd.upperBound
            out += data[start..<min(start + size, data.count)]
            index = start + size + 2
            if index >= data.count { break }
        }
        return out
    }

    public static func encode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
