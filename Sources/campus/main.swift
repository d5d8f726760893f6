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
      seed --demo [--force]          add the demo data (refused, exit 3, if there are users)
      seed --demo --print-accounts   list the demo accounts
      user add --email E --name N --password-stdin [--role R]...
                                     create a verified user; R is admin, moderator,
                                     moderator:forum=ID, instructor:edition=ID,
                                     instructor:course=ID (a capsule's author), reviewer:call=ID
      mail [--every SECONDS]         deliver the outbox (once, or forever every SECONDS); each
                                     round also queues the forums' daily digests, purges
                                     the words of posts deleted long enough ago and cooks posts
      forums cook                    store the rendered HTML of every post that lacks it (after
                                     a bulk import of posts; `mail` rounds cook a few thousand)
      scholarships sweep [--every SECONDS]
                                     expire awards past their deadline and delete the
                                     documents of applications not awarded past retention
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

/// Runs `work` once, or with `--every SECONDS` forever, reconnecting to the database as
/// needed; a failure ends a single run, and is logged and retried when repeating. `work`
/// is told to keep quiet when repeating and there is nothing to say.
func repeatEvery(_ options: Options, name: String, failure: String, _ work: (Connection, Bool) throws -> Void) {
    var every: UInt32?
    if let text = options.values["--every"] {
        guard let seconds = UInt32(text), seconds > 0 else { fail("--every takes a number of seconds") }
        every = seconds
    }
    var db: Connection?
    repeat {
        do {
            if db == nil || db?.isConnected == false { db = try Connection() }
            if let db {
                try db.ensureAlive()
                try work(db, every != nil)
            }
        } catch {
            if every == nil { fail("\(failure): \(error)") }
            FileHandle.standardError.write(Data("campus \(name): \(error)\n".utf8))
        }
        if let every { sleep(every) }
    } while every != nil
}

// A reader that goes away (a closed pipe, a vanished client) is an error to handle, not
// a reason to die. (`serve` sets this again after FCGX_Init, which replaces it.)
signal(SIGPIPE, SIG_IGN)

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
    // Each worker's page buffers are freed at the end of a request and needed again at the
    // next: glibc would hand the top of each thread's heap back to the kernel every time
    // (a madvise, then page faults to get it back — a tenth of a 43 KB thread page's cost).
    // Up to 16 MB of free memory stays with the process instead; large blocks (a sign-in's
    // Argon2id memory) are mapped and unmapped on their own as before.
    // (mallopt is in glibc's malloc.h, which Swift's Glibc module leaves out; M_TRIM_THRESHOLD is -1.)
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-1, 16 << 20)
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
    let options = Options(arguments.dropFirst(), valued: [], flags: ["--demo", "--force", "--print-accounts"])
    guard options.flags.contains("--demo") else { fail("seed needs --demo (the only data set there is)") }
    if options.flags.contains("--print-accounts") {
        print(DemoSeed.accountList.joined(separator: "\n"))
        exit(0)
    }
    let db = connect()
    do {
        print(try DemoSeed.run(db, force: options.flags.contains("--force")).joined(separator: "\n"))
    } catch let refused as DemoSeed.AlreadySeeded {
        fail("\(refused)", code: 3)
    } catch {
        fail("\(error)")
    }

case "user":
    guard arguments.dropFirst().first == "add" else { fail("usage: campus user add --email E --name N --password-stdin [--role R]...", code: 2) }
    var rest = arguments.dropFirst(2)
    var values: [String: String] = [:]
    var roles: [String] = []
    var passwordFromStdin = false
    while let argument = rest.popFirst() {
        switch argument {
        case "--email", "--name":
            guard let value = rest.popFirst() else { fail("\(argument) needs a value") }
            values[argument] = value
        case "--role":
            guard let value = rest.popFirst() else { fail("--role needs a value") }
            roles.append(value)
        case "--password-stdin":
            passwordFromStdin = true
        default:
            fail("unknown option \(argument)\n\(usage)", code: 2)
        }
    }
    guard let email = values["--email"], let name = values["--name"] else { fail("user add needs --email and --name") }
    guard passwordFromStdin else { fail("user add reads the password from standard input: give --password-stdin") }
    // The first line of standard input, without its line ending; nothing else is trimmed.
    guard var password = readLine(strippingNewline: true) else { fail("no password on standard input") }
    if password.hasSuffix("\r") { password.removeLast() }
    let db = connect()
    do {
        let id = try AccountCommands.addUser(db, email: email, name: name, password: password, roles: roles)
        print("created user \(id) <\(email)>" + (roles.isEmpty ? "" : " with " + roles.joined(separator: ", ")))
    } catch {
        fail("\(error)")
    }

case "mail":
    let options = Options(arguments.dropFirst(), valued: ["--every"], flags: [])
    let settings = loadSettings()
    let delivery: MailDelivery
    do { delivery = try MailDelivery(settings: settings) } catch { fail("\(error)") }
    repeatEvery(options, name: "mail", failure: "mail delivery failed") { db, quiet in
        let upkeep = try ForumUpkeep.run(db, settings: settings)
        if upkeep.digests + upkeep.purged + upkeep.cooked > 0 {
            print("forums: \(upkeep.digests) digests queued, \(upkeep.purged) deleted posts purged, \(upkeep.cooked) posts cooked")
        }
        let result = try delivery.deliverDue(db)
        if result.sent + result.failed + result.dropped > 0 || !quiet {
            let dropped = result.dropped > 0 ? ", \(result.dropped) dropped (account deleted)" : ""
            print("mail: \(result.sent) sent, \(result.failed) failed (will retry)\(dropped)")
        }
    }

case "forums":
    guard arguments.dropFirst().first == "cook" else { fail("usage: campus forums cook", code: 2) }
    _ = Options(arguments.dropFirst(2), valued: [], flags: [])
    let db = connect()
    do {
        print("forums: \(try ForumUpkeep.cookAll(db)) posts cooked")
    } catch {
        fail("cooking posts failed: \(error)")
    }

case "scholarships":
    guard arguments.dropFirst().first == "sweep" else { fail("usage: campus scholarships sweep [--every SECONDS]", code: 2) }
    let options = Options(arguments.dropFirst(2), valued: ["--every"], flags: [])
    let app: CampusApp
    do { app = try CampusApp(settings: loadSettings()) } catch { fail("\(error)") }
    repeatEvery(options, name: "scholarships", failure: "scholarships sweep failed") { db, quiet in
        let result = try ScholarshipSweep.run(db, app: app)
        if result.expired + result.purged > 0 || !quiet {
            print("scholarships: \(result.expired) awards expired, documents of \(result.purged) applications deleted")
        }
    }

case "help", "--help", "-h":
    print(usage)

case nil:
    fail("no command given\n\(usage)", code: 2)

case let command?:
    fail("unknown command \(command)\n\(usage)", code: 2)
}
