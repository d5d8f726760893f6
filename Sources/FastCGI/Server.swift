import CFastCGI
import Dispatch
import Foundation
import Synchronization
import Web

#if canImport(Glibc)
import Glibc
#endif

/// The FastCGI responder: N worker threads, each with its own `FCGX_Request` and its own
/// `Responder`, accepting on one listening socket.
///
/// libfcgi facts this relies on (Debian's 2.4.2):
/// - Accept is *not* wrapped in a mutex, unlike libfcgi's threaded example: a thread
///   parked on a kept-alive nginx connection would hold it and stall every other request.
///   Concurrent `accept()` on one socket is safe on Linux.
/// - `FCGX_Init` installs its own SIGPIPE/SIGTERM handlers, so ours come after it.
/// - Closing the listening socket does not wake threads blocked in `accept()`;
///   `shutdown(fd, SHUT_RDWR)` does.
public final class FastCGIServer: Sendable {
    public struct Configuration: Sendable {
        public var listen: ListenAddress
        public var workers: Int
        /// Bodies above this many bytes get 413 without being read.
        public var bodyLimit: Int
        /// How long a graceful stop waits for requests in flight.
        public var shutdownGrace: Double
        /// Permissions of a unix socket: nginx's group must be able to connect.
        public var socketMode: UInt32

        public init(listen: ListenAddress, workers: Int, bodyLimit: Int = 10 << 20, shutdownGrace: Double = 10, socketMode: UInt32 = 0o660) {
            self.listen = listen
            self.workers = max(1, workers)
            self.bodyLimit = bodyLimit
            self.shutdownGrace = shutdownGrace
            self.socketMode = socketMode
        }
    }

    private let configuration: Configuration
    private let makeResponder: @Sendable (Int) -> any Responder
    private let stopping = Atomic<Bool>(false)
    /// The thread waiting in sigwait(), so `stop()` can signal exactly that thread.
    private let waitingThread = Mutex<pthread_t?>(nil)

    public init(configuration: Configuration, makeResponder: @escaping @Sendable (Int) -> any Responder) {
        self.configuration = configuration
        self.makeResponder = makeResponder
    }

    /// Serves until SIGTERM or SIGINT, then stops accepting, lets the requests in flight
    /// finish (up to `shutdownGrace` seconds), removes the socket file and returns.
    public func run(onReady: () -> Void = {}) throws {
        guard FCGX_Init() == 0 else { throw ListenError(description: "FCGX_Init failed") }
        // After FCGX_Init, which replaced these handlers: a client that goes away
        // mid-response must cost nothing, and termination is handled below.
        signal(SIGPIPE, SIG_IGN)
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGTERM)
        sigaddset(&stopSignals, SIGINT)
        // Blocked here, so every worker inherits the mask and only sigwait() sees them.
        pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

        let listenFD = try ListeningSocket.open(configuration.listen, socketMode: mode_t(configuration.socketMode))
        let group = DispatchGroup()
        for index in 0..<configuration.workers {
            group.enter()
            let thread = Thread { [self] in
                self.work(index: index, listenFD: listenFD)
                group.leave()
            }
            thread.stackSize = 4 << 20
            thread.name = "campus-worker-\(index)"
            thread.start()
        }
        waitingThread.withLock { $0 = pthread_self() }
        onReady()

        var received: Int32 = 0
        sigwait(&stopSignals, &received)
        stopping.store(true, ordering: .sequentiallyConsistent)
        Log.write("stopping (signal \(received)): finishing requests in flight")
        shutdown(listenFD, Int32(SHUT_RDWR))
        // Gone at once, so a restarted responder can bind while this one finishes.
        if case .unix(let path) = configuration.listen { unlink(path) }
        if group.wait(timeout: .now() + configuration.shutdownGrace) == .timedOut {
            Log.write("stopped with workers still busy or waiting on kept-alive connections")
        }
        close(listenFD)
    }

    /// Stops the server as SIGTERM would, from another thread of the same process.
    public func stop() {
        waitingThread.withLock { thread in
            if let thread { pthread_kill(thread, SIGTERM) }
        }
    }

    private func work(index: Int, listenFD: Int32) {
        let responder = makeResponder(index)
        var request = FCGX_Request()
        guard FCGX_InitRequest(&request, listenFD, 0) == 0 else {
            Log.write("worker \(index): FCGX_InitRequest failed")
            return
        }
        while !stopping.load(ordering: .sequentiallyConsistent) {
            guard FCGX_Accept_r(&request) >= 0 else {
                if stopping.load(ordering: .sequentiallyConsistent) { break }
                // EMFILE and friends: do not spin while the condition lasts.
                usleep(10_000)
                continue
            }
            serve(&request, responder: responder)
            FCGX_Finish_r(&request)
        }
        FCGX_Free(&request, 1)
    }

    private func serve(_ request: inout FCGX_Request, responder: any Responder) {
        var (params, malformed) = FastCGIServer.copyParameters(request.envp)
        var defect: Request.Defect? = malformed ? .malformed : nil
        var body: [UInt8] = []
        let lengthText = params["CONTENT_LENGTH"] ?? ""
        let length = lengthText.isEmpty ? 0 : Int(lengthText)
        if let length, length >= 0 {
            if length > configuration.bodyLimit {
                defect = .bodyTooLarge
            } else if length > 0 {
                body = [UInt8](repeating: 0, count: length)
                var received = 0
                while received < length {
                    let count = body.withUnsafeMutableBytes { raw in
                        FCGX_GetStr(raw.baseAddress!.assumingMemoryBound(to: CChar.self) + received, Int32(length - received), request.in)
                    }
                    if count <= 0 { break }
                    received += Int(count)
                }
                if received < length { defect = .bodyTruncated; body.removeAll() }
            }
        } else {
            defect = .malformed
        }
        if defect != nil {
            // The body may be partly unread: this connection cannot carry another request.
            request.keepConnection = 0
        }
        params["CONTENT_LENGTH"] = defect == nil ? lengthText : "0"
        let response = responder.respond(to: Request(cgiParameters: params, body: body, defect: defect))
        if response.body.count > FastCGIServer.directWriteThreshold, request.ipcFd >= 0 {
            FastCGIServer.writeRecords(response, requestID: request.requestId, to: request.ipcFd)
        } else {
            write(response, to: request.out)
        }
    }

    /// Above this many bytes, a response goes out as whole records of our own (see
    /// `writeRecords`) rather than through libfcgi's stream.
    static let directWriteThreshold = 8_192

    /// The response as FastCGI `STDOUT` records of up to 64 KB written with one `write`
    /// (or a few, if the socket takes part of it): libfcgi's stream sends one record per
    /// 8 KB buffer, a system call (and a wake-up of nginx) each, which on a 43 KB thread
    /// page cost more than writing its HTML. `FCGX_Finish_r` then closes the stream as
    /// usual, with the empty record that ends it and the end of the request.
    static func writeRecords(_ response: Response, requestID: Int32, to fd: Int32) {
        let head = response.cgiHead()
        let total = head.count + response.body.count
        let recordSize = 65_528
        var out: [UInt8] = []
        out.reserveCapacity(total + (total / recordSize + 1) * 8)
        var written = 0
        func record(_ length: Int) {
            out.append(contentsOf: [1, 6, UInt8(truncatingIfNeeded: requestID >> 8), UInt8(truncatingIfNeeded: requestID),
                                    UInt8(length >> 8), UInt8(length & 0xFF), 0, 0])
        }
        head.withUnsafeBytes { headBytes in
            response.body.withUnsafeBytes { bodyBytes in
                while written < total {
                    let length = min(recordSize, total - written)
                    record(length)
                    var copied = 0
                    if written < head.count {
                        let part = min(length, head.count - written)
                        out.append(contentsOf: headBytes[written..<(written + part)])
                        copied = part
                    }
                    if copied < length {
                        let start = written + copied - head.count
                        out.append(contentsOf: bodyBytes[start..<(start + length - copied)])
                    }
                    written += length
                }
            }
        }
        // A failed write means the client went away: nothing to do (SIGPIPE is ignored).
        out.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let count = Glibc.write(fd, raw.baseAddress! + sent, raw.count - sent)
                if count < 0 {
                    if errno == EINTR { continue }
                    return
                }
                sent += count
            }
        }
    }

    /// Copies `envp` into Swift strings now: libfcgi frees them at the next accept.
    static func copyParameters(_ envp: FCGX_ParamArray?) -> ([String: String], Bool) {
        var params: [String: String] = [:]
        var malformed = false
        guard var cursor = envp else { return (params, malformed) }
        // nginx sends two dozen parameters: room for them at once, not grown step by step.
        params.reserveCapacity(32)
        while let entry = cursor.pointee {
            // NAME=value, NUL-terminated: the value is a C string of its own after the `=`.
            if let equals = strchr(entry, Int32(UInt8(ascii: "="))) {
                let nameBytes = UnsafeBufferPointer(start: UnsafeRawPointer(entry).assumingMemoryBound(to: UInt8.self), count: entry.distance(to: equals))
                let name = String(decoding: nameBytes, as: UTF8.self)
                if let value = String(validatingCString: equals + 1) {
                    params[name] = value
                } else {
                    params[name] = String(cString: equals + 1)
                    malformed = true
                }
            }
            cursor += 1
        }
        return (params, malformed)
    }

    private func write(_ response: Response, to stream: UnsafeMutablePointer<FCGX_Stream>?) {
        let head = response.cgiHead()
        // A failed write means the client went away: nothing to do (SIGPIPE is ignored).
        head.withUnsafeBytes { raw in
            _ = FCGX_PutStr(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), stream)
        }
        if !response.body.isEmpty {
            response.body.withUnsafeBytes { raw in
                _ = FCGX_PutStr(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), stream)
            }
        }
    }
}

