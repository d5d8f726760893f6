import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A raw TCP connection from a chosen loopback address (all of 127/8 is this machine), so
/// one test can be several clients as nginx tells them apart: by address.
final class LoopbackConnection {
    let fd: Int32

    init(from source: String, port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSetupError("socket: \(String(cString: strerror(errno)))") }
        var local = Self.address(source, port: 0)
        var remote = Self.address("127.0.0.1", port: port)
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        let connected = bound == 0 && withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
        guard connected else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw TestSetupError("cannot connect from \(source) to port \(port): \(reason)")
        }
    }

    deinit { close(fd) }

    static func address(_ host: String, port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        return address
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// One response: up to the end of its Content-Length body, else until the server
    /// closes. (nginx may keep the connection a while after answering, to read what the
    /// client still sends.)
    func response() -> LoopbackResponse {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !LoopbackResponse.isComplete(data) {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        return LoopbackResponse(data)
    }

    /// The first connection with something to read (an answer, or the server closing it);
    /// nil if none has after two minutes, far longer than any answer here takes.
    static func firstReadable(_ connections: [LoopbackConnection]) -> LoopbackConnection? {
        var polled = connections.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        guard poll(&polled, nfds_t(polled.count), 120_000) > 0 else { return nil }
        return zip(connections, polled).first { $0.1.revents != 0 }?.0
    }
}

/// Status, headers and body of a response, however short (an empty one has status 0).
struct LoopbackResponse {
    let status: Int
    let headers: [(String, String)]
    let body: String

    init(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let lines = parts[0].components(separatedBy: "\r\n")
        status = lines[0].split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        body = parts.dropFirst().joined(separator: "\r\n\r\n")
    }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    static func isComplete(_ data: [UInt8]) -> Bool {
        guard let end = data.firstRange(of: Array("\r\n\r\n".utf8)) else { return false }
        guard let length = LoopbackResponse(Array(data[..<end.upperBound])).header("Content-Length").flatMap({ Int($0) }) else { return false }
        return data.count - end.upperBound >= length
    }
}

/// The process's open-file limit, raised (within the hard limit) for tests that hold
/// many connections at once.
enum OpenFiles {
    static func allow(_ count: Int) throws {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        guard limit.rlim_cur < rlim_t(count) + 256 else { return }
        limit.rlim_cur = min(limit.rlim_max, rlim_t(count) + 256)
        guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur >= rlim_t(count) else {
            throw TestSetupError("cannot open \(count) files at once (hard limit \(limit.rlim_max))")
        }
    }
}
