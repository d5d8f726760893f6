import Foundation
import Postgres

#if canImport(Glibc)
import Glibc
#endif

/// A real deployment for end-to-end tests: `campus serve` on a unix socket and nginx in
/// front of it on a free loopback port, both in a folder of their own, against a
/// database of the suite's own. `stop()` (or deinit) takes it all down.
public final class Stack: @unchecked Sendable {
    public let databaseName: String
    public let directory: String
    public let port: UInt16
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public private(set) var responder: Subprocess?
    let socketPath: String
    let extraEnvironment: [String: String]
    let workers: Int

    public convenience init(database: TestDatabase, workers: Int = 4, environment: [String: String] = [:]) throws {
        try self.init(databaseName: database.name, workers: workers, environment: environment)
    }

    /// `environment` can point the responder at another cluster (PGHOST…) or set CAMPUS_* values.
    public init(databaseName: String, workers: Int = 4, environment: [String: String] = [:]) throws {
        self.databaseName = databaseName
        self.workers = workers
        extraEnvironment = environment
        let directory = try TestEnvironment.temporaryDirectory("stack")
        self.directory = directory
        socketPath = directory + "/campus.sock"
        port = try Stack.startNginx(directory: directory + "/nginx", upstream: "unix:" + directory + "/campus.sock")
        do {
            try startResponder()
        } catch {
            try? Stack.script("nginx.sh", ["stop", directory + "/nginx"])
            throw error
        }
    }

    /// nginx on a free loopback port (tried again should another program take it first).
    static func startNginx(directory: String, upstream: String) throws -> UInt16 {
        var lastError: Error?
        for _ in 0..<5 {
            let candidate = Stack.freePort()
            do {
                try Stack.script("nginx.sh", ["start", directory, "127.0.0.1:\(candidate)", upstream])
                return candidate
            } catch {
                lastError = error
            }
        }
        throw lastError ?? TestSetupError("nginx did not start")
    }

    deinit { stop() }

    public func client() -> HTTPClient { HTTPClient(port: port) }

    /// Starts `campus serve` and waits until its socket accepts connections.
    public func startResponder() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["PGDATABASE"] = databaseName
        environment["CAMPUS_HOME"] = TestEnvironment.home
        for (name, value) in extraEnvironment { environment[name] = value }
        let process = try Subprocess(
            try TestEnvironment.value("CAMPUS_TEST_BIN"), ["serve", "--socket", socketPath, "--workers", String(workers)],
            environment: environment, outputPath: directory + "/campus.log")
        responder = process
        try? String(process.pid).write(toFile: directory + "/campus.pid", atomically: true, encoding: .utf8)
        for _ in 0..<1500 {
            if Stack.canConnect(socketPath) { return }
            guard process.isRunning else { throw TestSetupError("campus serve exited: \(responderLog)") }
            usleep(20_000)
        }
        throw TestSetupError("campus serve did not open \(socketPath): \(responderLog)")
    }

    /// Sends SIGTERM and waits for the responder to exit; returns its exit status.
    @discardableResult
    public func stopResponder() -> Int32 {
        guard let process = responder else { return 0 }
        process.signal(SIGTERM)
        let status = process.wait()
        responder = nil
        try? FileManager.default.removeItem(atPath: directory + "/campus.pid")
        return status
    }

    public func stop() {
        try? Stack.script("nginx.sh", ["stop", directory + "/nginx"])
        stopResponder()
    }

    public var responderLog: String {
        (try? String(contentsOfFile: directory + "/campus.log", encoding: .utf8)) ?? ""
    }

    public var socketExists: Bool { FileManager.default.fileExists(atPath: socketPath) }

    /// Runs one of the project's scripts, failing with its output when it fails.
    public static func script(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let result = try Subprocess.run(TestEnvironment.home + "/scripts/" + name, arguments, environment: merged)
        guard result.status == 0 else {
            throw TestSetupError("\(name) \(arguments.joined(separator: " ")) failed: \(result.output)")
        }
    }

    public static func canConnect(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        } == 0
    }

    /// A loopback port nobody listens on right now (the kernel's choice).
    public static func freePort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                bind(fd, pointer, length)
                return getsockname(fd, pointer, &length)
            }
        }
        return UInt16(bigEndian: address.sin_port)
    }
}

/// A PostgreSQL cluster of a test's own, for tests that stop and restart the server.
public final class TestCluster: @unchecked Sendable {
    public let directory: String
    public let settings: ConnectionSettings

    public init() throws {
        directory = try TestEnvironment.temporaryDirectory("pg")
        try TestCluster.run("start", directory)
        settings = ConnectionSettings(keywords: [
            ("host", directory), ("port", "5432"), ("user", "campus"), ("passfile", directory + "/pgpass"),
            ("dbname", "postgres"), ("connect_timeout", "5"),
        ])
    }

    deinit { try? TestCluster.run("stop", directory) }

    public func stop() throws { try TestCluster.run("stop", directory) }
    public func start() throws { try TestCluster.run("start", directory) }

    /// The libpq environment that reaches this cluster, for a child process.
    public var environment: [String: String] {
        ["PGHOST": directory, "PGPORT": "5432", "PGUSER": "campus", "PGPASSFILE": directory + "/pgpass"]
    }

    static func run(_ command: String, _ directory: String) throws {
        try Stack.script("pg.sh", [command, directory], environment: ["CAMPUS_PG_FSYNC": "off"])
    }
}
