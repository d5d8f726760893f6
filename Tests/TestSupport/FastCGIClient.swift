import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Speaks FastCGI to a responder directly, the way nginx does, so the FastCGI module can
/// be tested at its own boundary: parameters, bodies of any length, clients that vanish.
public enum FastCGIClient {
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
        public func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    /// Sends one request over a new connection to a unix socket and reads the reply.
    /// `stdin` is sent as is, whatever CONTENT_LENGTH says; `hangUp` closes the
    /// connection right after sending, without reading.
    public static func send(socket path: String, params: [(String, [UInt8])], stdin: [UInt8] = [], hangUp: Bool = false) throws -> Reply? {
        let fd = try connectUnix(path)
        defer { close(fd) }
        var message: [UInt8] = []
        message += record(type: 1, content: [0, 1, 0, 0, 0, 0, 0, 0])
        var encoded: [UInt8] = []
        for (name, value) in params { encoded += length(name.utf8.count) + length(value.count) + Array(name.utf8) + value }
        message += chunked(type: 4, encoded) + record(type: 4, content: [])
        message += chunked(type: 5, stdin) + record(type: 5, content: [])
        try writeAll(fd, message)
        if hangUp { return nil }
        var stdout: [UInt8] = []
        while true {
            let header = try readExactly(fd, 8)
            let type = header[1]
            let contentLength = Int(header[4]) << 8 | Int(header[5])
            let content = try readExactly(fd, contentLength)
            _ = try readExactly(fd, Int(header[6]))
            if type == 6 { stdout += content }
            if type == 3 { break }
        }
        return try parse(stdout)
    }

    /// A request with the usual CGI parameters for `method` and `uri`.
    public static func params(_ method: String, _ uri: String, contentLength: Int? = nil, extra: [(String, String)] = []) -> [(String, [UInt8])] {
        var list: [(String, String)] = [("REQUEST_METHOD", method), ("REQUEST_URI", uri), ("REMOTE_ADDR", "127.0.0.1"), ("HTTP_HOST", "test")]
        if let contentLength { list.append(("CONTENT_LENGTH", String(contentLength))) }
        list += extra
        return list.map { ($0.0, Array($0.1.utf8)) }
    }

    static func parse(_ stdout: [UInt8]) throws -> Reply {
        guard let end = stdout.firstRange(of: Array("\r\n\r\n".utf8)) else { throw TestSetupError("no CGI head in \(stdout.count) bytes") }
        var status = 200
        var headers: [(String, String)] = []
        for line in String(decoding: stdout[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name.lowercased() == "status" { status = Int(value.prefix(3)) ?? 0 } else { headers.append((name, value)) }
        }
        return Reply(status: status, headers: headers, body: Array(stdout[end.upperBound...]))
    }

    static func record(type: UInt8, content: [UInt8]) -> [UInt8] {
        let padding = (8 - content.count % 8) % 8
        return [1, type, 0, 1, UInt8(content.count >> 8), UInt8(content.count & 0xFF), UInt8(padding), 0] + content + [UInt8](repeating: 0, count: padding)
    }

    static func chunked(type: UInt8, _ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + 65535, bytes.count)
            out += record(type: type, content: Array(bytes[start..<end]))
            start = end
        }
        return out
    }

    static func length(_ count: Int) -> [UInt8] {
        count < 128 ? [UInt8(count)] : [UInt8((count >> 24) | 0x80), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)]
    }

    static func connectUnix(_ path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw TestSetupError("cannot connect to \(path): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw TestSetupError("send failed: \(String(cString: strerror(errno)))") }
            sent += count
        }
    }

    static func readExactly(_ fd: Int32, _ count: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + received, count - received, 0) }
            guard n > 0 else { throw TestSetupError("connection closed after \(received) of \(count) bytes") }
            received += n
        }
        return buffer
    }
}
