import Campus
import FastCGI
import Foundation
import Postgres
import Web

/// The command line: `campus migrate | serve | seed --demo`. Every failure is one
/// clear line on standard error and a non-zero exit.

let usage = """
    usage: campus <command> [options]

      migrate                        bring the database to the current schema
      serve [--socket PATH | --listen HOST:PORT] [--workers N]
                                     run the FastCGI responder (stop with SIGTERM)
      seed --demo [--force]          add the demo data
      help                           show this text

    The database comes from libpq's environment (PGHOST, PGPORT, PGDATABASE, PGUSER,
    PGPASSWORD) or DATABASE_URL; other settings are CAMPUS_* variables (see README).
    """

func fail(_ message: String, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("campus: \(message)\n".utf8))
    exit(code)
}

/// Options after the command: `--name value` pairs and bare `--flag`s.
struct Options {
    var values: [String: String] = [:]
    var flags: Set<String> = []

    init(_ arguments: ArraySlice<String>, valued: Set<String>, flags allowed: Set<String>) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if valued.contains(argument) {
                guard let value = rest.popFirst() else { fail("\(argument) needs a value") }
                values[argument] = value
            } else if allowed.contains(argument) {
                flags.insert(argument)
            } else {
                fail("unknown option \(argument)\n\(usage)", code: 2)
            }
        }
    }
}

func loadSettings() -> Settings {
    do { return try Settings.fromEnvironment() } catch { fail("\(error)") }
}

func connect() -> Connection {
    do { return try Connection() } catch { fail("cannot connect to the database: \(error.message)") }
}

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "migrate":
    _ = Options(arguments.dropFirst(), valued: [], flags: [])
    let settings = loadSettings()
    let db = connect()
    do {
        let steps = try Migrator(home: settings.home).migrate(db)
        print(steps.isEmpty ? "database is up to date" : steps.joined(separator: "\n"))
    } catch {
        fail("migration failed: \(error)")
    }

case "serve":
    let options = Options(arguments.dropFirst(), valued: ["--socket", "--listen", "--workers"], flags: [])
    let settings = loadSettings()
    var listen: ListenAddress
    switch (options.values["--socket"], options.values["--listen"]) {
    case (.some, .some):
        fail("give --socket or --listen, not both")
    case (nil, .some(let address)):
        guard let parsed = ListenAddress.parseTCP(address) else { fail("--listen takes HOST:PORT, for example 127.0.0.1:9000") }
        listen = parsed
    case (.some(let path), nil):
        listen = .unix(path: path)
    case (nil, nil):
        listen = .unix(path: ProcessInfo.processInfo.environment["CAMPUS_SOCKET"].flatMap { $0.isEmpty ? nil : $0 } ?? settings.home + "/var/run/campus.sock")
    }
    var workers = settings.workers
    if let text = options.values["--workers"] {
        guard let value = Int(text), (1...1024).contains(value) else { fail("--workers takes a number from 1 to 1024") }
        workers = value
    }
    let app: CampusApp
    do { app = try CampusApp(settings: settings) } catch { fail("\(error)") }
    let server = FastCGIServer(
        configuration: .init(listen: listen, workers: workers, bodyLimit: settings.bodyLimit, shutdownGrace: settings.shutdownGrace, socketMode: settings.socketMode),
        makeResponder: { _ in app.makeResponder() }
    )
    do {
        try server.run { Log.write("campus serve: \(workers) workers on \(listen)") }
        Log.write("campus serve: stopped")
    } catch {
        fail("\(error)")
    }

case "seed":
    let options = Options(arguments.dropFirst(), valued: [], flags: ["--demo", "--force"])
    guard options.flags.contains("--demo") else { fail("seed needs --demo (the only data set there is)") }
    let db = connect()
    do {
        print(try DemoSeed.run(db, force: options.flags.contains("--force")).joined(separator: "\n"))
    } catch let refused as DemoSeed.AlreadySeeded {
        fail("\(refused)", code: 3)
    } catch {
        fail("\(error)")
    }

case "help", "--help", "-h":
    print(usage)

case nil:
    fail("no command given\n\(usage)", code: 2)

case let command?:
    fail("unknown command \(command)\n\(usage)", code: 2)
}
