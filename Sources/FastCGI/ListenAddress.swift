#if canImport(Glibc)
import Glibc
#endif

/// Where `campus serve` listens: a unix socket (the default, for nginx on the same
/// machine) or a TCP address bound to exactly the host given, never all interfaces.
public enum ListenAddress: Sendable, Equatable, CustomStringConvertible {
    case unix(path: String)
    case tcp(host: String, port: UInt16)

    /// Parses `HOST:PORT` or `[IPv6]:PORT`. A missing host is refused rather than
    /// silently meaning every interface.
    public static func parseTCP(_ text: String) -> ListenAddress? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        guard let port = UInt16(text[text.index(after: colon)...]), port > 0 else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        return .tcp(host: host, port: port)
    }

    public var description: String {
        switch self {
        case .unix(let path): "unix:\(path)"
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }
}

/// Why the listening socket could not be opened.
public struct ListenError: Error, CustomStringConvertible {
    public let description: String
}

enum ListeningSocket {
    static let backlog: Int32 = 1024

    static func open(_ address: ListenAddress, socketMode: mode_t) throws -> Int32 {
        switch address {
        case .unix(let path): try openUnix(path: path, mode: socketMode)
        case .tcp(let host, let port): try openTCP(host: host, port: port)
        }
    }

    private static func openUnix(path: String, mode: mode_t) throws -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else { throw ListenError(description: "socket path too long (\(path.utf8.count) bytes, at most \(capacity - 1))") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        if isLive(address) { throw ListenError(description: "\(path) is in use by another responder") }
        var status = stat()
        if lstat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFSOCK else { throw ListenError(description: "\(path) exists and is not a socket") }
            unlink(path)
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ListenError(description: "socket: \(String(cString: strerror(errno)))") }
        // Created with no permissions for others, then opened to the group nginx runs in.
        let previous = umask(0o177)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        umask(previous)
        guard bound == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw ListenError(description: "bind \(path): \(message)")
        }
        chmod(path, mode)
        guard listen(fd, backlog) == 0 else { close(fd); throw ListenError(description: "listen: \(String(cString: strerror(errno)))") }
        return fd
    }

    /// Whether another process already answers on the socket at this address.
    private static func isLive(_ address: sockaddr_un) -> Bool {
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard probe >= 0 else { return false }
        defer { close(probe) }
        var copy = address
        let result = withUnsafePointer(to: &copy) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return result == 0
    }

    private static func openTCP(host: String, port: UInt16) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw ListenError(description: "cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { throw ListenError(description: "socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw ListenError(description: "bind \(host):\(port): \(message)")
        }
        guard listen(fd, backlog) == 0 else { close(fd); throw ListenError(description: "listen: \(String(cString: strerror(errno)))") }
        return fd
    }
}
