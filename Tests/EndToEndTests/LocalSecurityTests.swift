import Foundation
import Postgres
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// What other accounts on the same machine can reach: nothing. The local cluster lets in
/// only its application role, which is no superuser, with a password only its owner can
/// read; mail with live links, logs, sockets and the cluster's files are owner-only.
/// As root, `nobody` stands for the other account.
@Suite struct LocalSecurityTests {
    @Test func theClusterAdmitsOnlyTheApplicationRoleWithItsPassword() throws {
        let cluster = try TestCluster()
        let db = try Connection(cluster.settings)
        #expect(try db.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").first?["rolsuper"] == false)
        // It owns what it creates, so it can copy its databases as the test harness does.
        try db.run("CREATE DATABASE copied")
        try db.run("CREATE DATABASE copy_of_copied TEMPLATE copied")

        let bare = cluster.settings.keywords.filter { $0.0 != "passfile" }
        expectRefused(bare + [("passfile", cluster.directory + "/missing")], because: "no password supplied")
        expectRefused(bare + [("password", "guessed")], because: "password authentication failed")
        if LocalAccount.isRoot {
            // The superuser is for the cluster's owner account (postgres) only.
            expectRefused(bare.map { $0.0 == "user" ? ("user", "postgres") : $0 }, because: "Peer authentication failed")
        }
        #expect(try FileMode.of(cluster.directory) == 0o700)
        #expect(try FileMode.of(cluster.directory + "/pgpass") == 0o600)
        #expect(try FileMode.openToOthers(under: cluster.directory) == [])
        try expectNobodyLockedOut(of: cluster.directory, socketDirectory: cluster.directory, password: try clusterPassword(in: cluster.directory))
    }

    /// As root the test above has the cluster run as `postgres`; here pg.sh itself runs as
    /// a plain account, as for a developer (`nobody` when the tests run as root).
    @Test func aPlainAccountGetsTheSameCluster() throws {
        let account = LocalAccount.isRoot ? LocalAccount.nobody : LocalAccount.current
        let home = try TestEnvironment.temporaryDirectory("plain")
        #expect(chown(home, account.uid, account.gid) == 0)
        try FileManager.default.copyItem(atPath: TestEnvironment.home + "/scripts/pg.sh", toPath: home + "/pg.sh")
        let pg = home + "/pg"
        let started = try account.run(["bash", home + "/pg.sh", "start", pg])
        defer { _ = try? account.run(["bash", home + "/pg.sh", "stop", pg]) }
        #expect(started.status == 0, "\(started.output)")
        let query = ["psql", "-X", "-tA", "-h", pg, "-U", "campus", "-d", "postgres", "-c", "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"]
        let superuser = try account.run(query, environment: ["PGPASSFILE": pg + "/pgpass"])
        #expect(superuser.output.trimmingCharacters(in: .whitespacesAndNewlines) == "f", "\(superuser.output)")
        #expect(try account.run(query, environment: ["PGPASSFILE": "/dev/null"]).status != 0)
        #expect(try FileMode.openToOthers(under: pg) == [])
        if LocalAccount.isRoot {
            // Another account (postgres here) cannot even reach the socket, password or not.
            let other = try LocalAccount.postgres.run(
                ["psql", "-X", "-h", pg, "-U", "campus", "-d", "postgres", "-c", "SELECT 1"], environment: ["PGPASSWORD": try clusterPassword(in: pg)])
            #expect(other.status != 0)
        }
    }

    @Test func mailFilesAreTheOwnersAloneWhateverTheUmask() throws {
        let database = try TestDatabase()
        try database.connect().execute("INSERT INTO outbox (recipient, subject, body) VALUES ('ana@example.org', 'Enlace', 'https://campus.example/verify/secreto')")
        let folder = try TestEnvironment.temporaryDirectory("umask") + "/mail"
        var environment = ProcessInfo.processInfo.environment
        environment["PGDATABASE"] = database.name
        environment["CAMPUS_MAIL_DIR"] = folder
        environment["CAMPUS_SENDMAIL"] = nil
        let delivered = try Subprocess.run("/bin/sh", ["-c", "umask 022; exec \"$0\" mail", try TestEnvironment.value("CAMPUS_TEST_BIN")], environment: environment)
        #expect(delivered.status == 0, "\(delivered.output)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 1 && files[0].hasSuffix(".eml"))
        #expect(try FileMode.of(folder) == 0o700)
        #expect(try FileMode.of(folder + "/" + files[0]) == 0o600)
    }

    @Test func linksPointAtAGivenBaseURL() throws {
        let shell = "source \"$0\"/scripts/common.sh; base_url_for 8085"
        let derived = try Subprocess.run("/bin/bash", ["-c", shell, TestEnvironment.home], environment: ["PATH": "/usr/bin:/bin"])
        #expect(derived.output == "http://127.0.0.1:8085\n")
        let given = try Subprocess.run("/bin/bash", ["-c", shell, TestEnvironment.home],
                                       environment: ["PATH": "/usr/bin:/bin", "CAMPUS_BASE_URL": "https://campus.example.org"])
        #expect(given.output == "https://campus.example.org\n")
    }

    func expectRefused(_ keywords: [(String, String)], because reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try Connection(ConnectionSettings(keywords: keywords))
            Issue.record("connected without the credentials", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)".contains(reason), "\(error)", sourceLocation: sourceLocation)
        }
    }
}

/// A pg.sh cluster's generated password (the last field of its passfile line).
func clusterPassword(in directory: String) throws -> String {
    let line = try String(contentsOfFile: directory + "/pgpass", encoding: .utf8)
    return String(line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":").last ?? "")
}

/// Checks that another local account can read nothing under `folder` and cannot connect
/// to the cluster whose socket is in `socketDirectory`, even knowing the password.
func expectNobodyLockedOut(of folder: String, socketDirectory: String, password: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    guard LocalAccount.isRoot else { return }
    let paths = [folder] + (FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String }.map { folder + "/" + $0 } ?? [])
    let readable = try LocalAccount.nobody.run(["sh", "-c", "for p; do [ -r \"$p\" ] && echo \"$p\"; done; true", "sh"] + paths)
    #expect(readable.output.isEmpty, "readable by nobody: \(readable.output)", sourceLocation: sourceLocation)
    let connected = try LocalAccount.nobody.run(
        ["psql", "-X", "-h", socketDirectory, "-U", "campus", "-d", "postgres", "-c", "SELECT 1"], environment: ["PGPASSWORD": password])
    #expect(connected.status != 0, "nobody connected: \(connected.output)", sourceLocation: sourceLocation)
}

/// Another account on this machine, reached through runuser (so only as root).
struct LocalAccount {
    let name: String
    let uid: uid_t
    let gid: gid_t

    static let isRoot = getuid() == 0
    static let nobody = LocalAccount(name: "nobody")
    static let postgres = LocalAccount(name: "postgres")
    static let current = LocalAccount(name: String(cString: getpwuid(getuid()).pointee.pw_name))

    init(name: String) {
        self.name = name
        let entry = getpwnam(name)
        uid = entry?.pointee.pw_uid ?? 65534
        gid = entry?.pointee.pw_gid ?? 65534
    }

    /// Runs a command as this account (through runuser unless it is the current one),
    /// with a plain environment plus `environment`.
    func run(_ command: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let base = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/"].merging(environment) { $1 }
        // From /: PostgreSQL's programs look at their working folder to find themselves, and
        // complain on the output when it is the checkout inside another account's private folder.
        let fromRoot = ["/bin/sh", "-c", "cd / && exec \"$@\"", "sh"] + command
        if uid == getuid() { return try Subprocess.run("/usr/bin/env", fromRoot, environment: base) }
        return try Subprocess.run("/usr/sbin/runuser", ["-u", name, "--"] + fromRoot, environment: base)
    }
}

/// Permission bits as `stat` sees them.
enum FileMode {
    static func of(_ path: String) throws -> mode_t {
        var status = stat()
        guard lstat(path, &status) == 0 else { throw TestSetupError("cannot stat \(path)") }
        return status.st_mode & 0o7777
    }

    /// Everything under `folder` (itself included) that grants its group or others anything.
    static func openToOthers(under folder: String) throws -> [String] {
        let inside = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String }.map { folder + "/" + $0 } ?? []
        return try ([folder] + inside).compactMap { path in
            let mode = try of(path)
            return mode & 0o077 == 0 ? nil : path + " " + String(mode, radix: 8)
        }
    }
}
