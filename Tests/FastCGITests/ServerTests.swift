import Dispatch
import Foundation
import Synchronization
import Testing
import TestSupport
@testable import FastCGI
@testable import Web

/// Answers with what it received, or holds a request until the test lets it go.
final class EchoResponder: Responder {
    let gate: Gate

    init(gate: Gate) { self.gate = gate }

    func respond(to request: Request) -> Response {
        if request.rawPath == "/hold" {
            gate.arrived.signal()
            gate.release.wait()
        }
        if request.rawPath == "/big" {
            return Response(status: .ok, headers: [("Content-Type", "application/octet-stream")], body: [UInt8](repeating: 65, count: 4 << 20))
        }
        if request.rawPath.hasPrefix("/sized/"), let size = Int(request.rawPath.dropFirst(7)) {
            return Response(status: .ok, headers: [("Content-Type", "application/octet-stream")], body: (0..<size).map { UInt8(truncatingIfNeeded: $0 % 251) })
        }
        let defect = request.defect.map { "\($0)" } ?? "none"
        return .text("\(request.method) \(request.rawPath) query=\(request.rawQuery) body=\(request.body.count) defect=\(defect) header=\(request.headers["x-test"] ?? "")")
    }
}

final class Gate: Sendable {
    let arrived = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
}

/// A FastCGIServer running in this process on a unix socket of its own.
final class RunningServer: @unchecked Sendable {
    let server: FastCGIServer
    let socket: String
    let gate = Gate()
    let finished = DispatchSemaphore(value: 0)
    private let returnedFlag = Atomic<Bool>(false)
    var returned: Bool { returnedFlag.load(ordering: .sequentiallyConsistent) }

    init(bodyLimit: Int = 1 << 20, workers: Int = 3) throws {
        socket = try TestEnvironment.temporaryDirectory("fcgi") + "/test.sock"
        let gate = self.gate
        server = FastCGIServer(
            configuration: .init(listen: .unix(path: socket), workers: workers, bodyLimit: bodyLimit, shutdownGrace: 30),
            makeResponder: { _ in EchoResponder(gate: gate) }
        )
        let ready = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            do { try server.run { ready.signal() } } catch { ready.signal() }
            returnedFlag.store(true, ordering: .sequentiallyConsistent)
            finished.signal()
        }
        thread.start()
        ready.wait()
    }

    func stop() {
        server.stop()
        finished.wait()
    }

    func send(_ params: [(String, [UInt8])], stdin: [UInt8] = []) throws -> FastCGIClient.Reply {
        try #require(try FastCGIClient.send(socket: socket, params: params, stdin: stdin))
    }
}

@Suite(.serialized) struct ServerTests {
    @Test func parametersAndBodyReachTheResponder() throws {
        let server = try RunningServer()
        defer { server.stop() }
        let body = Array("lang=pt&next=%2F".utf8)
        let reply = try server.send(FastCGIClient.params("POST", "/locale?x=1", contentLength: body.count, extra: [("HTTP_X_TEST", "yes")]), stdin: body)
        #expect(reply.status == 200)
        #expect(reply.text == "POST /locale query=x=1 body=16 defect=none header=yes")
        #expect(reply.header("Content-Type") == "text/plain; charset=utf-8")
    }

    @Test func aBodyOverTheLimitIsNotRead() throws {
        let server = try RunningServer(bodyLimit: 1000)
        defer { server.stop() }
        let reply = try server.send(FastCGIClient.params("POST", "/", contentLength: 5000), stdin: [UInt8](repeating: 1, count: 5000))
        #expect(reply.text.hasSuffix("body=0 defect=bodyTooLarge header="))
    }

    @Test func aShortBodyIsTruncated() throws {
        let server = try RunningServer()
        defer { server.stop() }
        let reply = try server.send(FastCGIClient.params("POST", "/", contentLength: 100), stdin: [UInt8](repeating: 1, count: 10))
        #expect(reply.text.hasSuffix("body=0 defect=bodyTruncated header="))
    }

    @Test func invalidUTF8InAParameterIsMalformed() throws {
        let server = try RunningServer()
        defer { server.stop() }
        var params = FastCGIClient.params("GET", "/")
        params.append(("HTTP_X_TEST", [0x61, 0xFF, 0x62]))
        #expect(try server.send(params).text.hasSuffix("defect=malformed header=a\u{FFFD}b"))
        let badLength = try server.send(FastCGIClient.params("POST", "/", extra: [("CONTENT_LENGTH", "12abc")]))
        #expect(badLength.text.contains("defect=malformed"))
    }

    @Test func workersServeConcurrently() throws {
        let server = try RunningServer(workers: 4)
        defer { server.stop() }
        let failures = Mutex<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            let reply = try? FastCGIClient.send(socket: server.socket, params: FastCGIClient.params("GET", "/n/\(index)"))
            if reply?.text.hasPrefix("GET /n/\(index) ") != true { failures.withLock { $0 += 1 } }
        }
        #expect(failures.withLock { $0 } == 0)
    }

    /// Small answers go through libfcgi's stream; larger ones as records of up to 64 KB of
    /// our own: either way every byte arrives, in order, across records' boundaries.
    @Test func answersOfEverySizeArriveWhole() throws {
        let server = try RunningServer(workers: 1)
        defer { server.stop() }
        for size in [0, 1, 8_192, 8_193, 65_000, 65_528, 65_529, 200_000, 1 << 20] {
            let reply = try server.send(FastCGIClient.params("GET", "/sized/\(size)"))
            #expect(reply.status == 200)
            #expect(reply.body == (0..<size).map { UInt8(truncatingIfNeeded: $0 % 251) }, "\(size) bytes")
            #expect(reply.header("Content-Type") == "application/octet-stream")
        }
    }

    @Test func aClientThatHangsUpCostsNothing() throws {
        let server = try RunningServer(workers: 1)
        defer { server.stop() }
        // A 4 MiB answer to nobody: the write fails with EPIPE, which must not kill the process.
        for _ in 0..<3 {
            _ = try FastCGIClient.send(socket: server.socket, params: FastCGIClient.params("GET", "/big"), hangUp: true)
        }
        #expect(try server.send(FastCGIClient.params("GET", "/after")).text.hasPrefix("GET /after "))
    }

    @Test func stoppingFinishesTheRequestInFlight() throws {
        let server = try RunningServer(workers: 2)
        let reply = Mutex<FastCGIClient.Reply?>(nil)
        let done = DispatchSemaphore(value: 0)
        let client = Thread {
            let answer = try? FastCGIClient.send(socket: server.socket, params: FastCGIClient.params("GET", "/hold"))
            reply.withLock { $0 = answer }
            done.signal()
        }
        client.start()
        server.gate.arrived.wait()

        server.server.stop()
        // Stopping is asynchronous: wait (boundedly) until the socket is gone.
        for _ in 0..<5000 where FileManager.default.fileExists(atPath: server.socket) { usleep(1000) }
        #expect(!FileManager.default.fileExists(atPath: server.socket))
        #expect(!Stack.canConnect(server.socket))
        // …while the request in flight is still being answered.
        #expect(!server.returned)

        server.gate.release.signal()
        done.wait()
        server.finished.wait()
        #expect(reply.withLock { $0?.text } == "GET /hold query= body=0 defect=none header=")
        #expect(server.returned)
        #expect(!FileManager.default.fileExists(atPath: server.socket))
    }

    @Test func tcpAddressesNeedAHost() {
        #expect(ListenAddress.parseTCP("127.0.0.1:9000") == .tcp(host: "127.0.0.1", port: 9000))
        #expect(ListenAddress.parseTCP("[::1]:9000") == .tcp(host: "::1", port: 9000))
        #expect(ListenAddress.parseTCP(":9000") == nil)
        #expect(ListenAddress.parseTCP("9000") == nil)
        #expect(ListenAddress.parseTCP("host:0") == nil)
        #expect(ListenAddress.parseTCP("host:70000") == nil)
    }

    @Test func aSecondServerCannotTakeALiveSocket() throws {
        let server = try RunningServer()
        defer { server.stop() }
        #expect(throws: ListenError.self) { try ListeningSocket.open(.unix(path: server.socket), socketMode: 0o660) }
    }

    @Test func theSocketIsOpenToTheGroupOnly() throws {
        let server = try RunningServer()
        defer { server.stop() }
        let attributes = try FileManager.default.attributesOfItem(atPath: server.socket)
        #expect((attributes[.posixPermissions] as? Int) == 0o660)
    }
}
