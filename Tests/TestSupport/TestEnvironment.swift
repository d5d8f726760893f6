import Foundation
import Postgres

/// What `make test` (scripts/test.sh) provides: a throwaway PostgreSQL cluster reached
/// through libpq's environment, template databases, the built `campus` binary and a
/// temporary folder. Tests fail with a clear message when run some other way.
public enum TestEnvironment {
    static let environment = ProcessInfo.processInfo.environment

    public static func value(_ name: String) throws -> String {
        guard let value = environment[name], !value.isEmpty else {
            throw TestSetupError("\(name) is not set: run the tests with `make test` (scripts/test.sh)")
        }
        return value
    }

    /// The checkout: schema.sql, locales/, www/ and scripts/ live here.
    public static var home: String {
        environment["CAMPUS_HOME"] ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    public static func temporaryDirectory(_ name: String) throws -> String {
        let path = try value("CAMPUS_TEST_TMP") + "/" + name + "-" + RandomName.token()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    public static var artifacts: String {
        (environment["CAMPUS_TEST_TMP"].map { $0 + "/artifacts" }) ?? NSTemporaryDirectory()
    }
}

public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

enum RandomName {
    static func token() -> String {
        String((0..<10).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement()! })
    }
}

/// A database of its own for one test suite, copied from a template that `make test`
/// migrated (`campus_template`) or migrated and seeded with the demo data (`campus_demo`).
public final class TestDatabase: @unchecked Sendable {
    public enum Template: String, Sendable {
        case empty = "campus_template"
        case demo = "campus_demo"
    }

    public let name: String
    public let settings: ConnectionSettings

    public init(_ template: Template = .empty) throws {
        name = "t_" + RandomName.token()
        settings = ConnectionSettings.fromEnvironment().with(database: name)
        try TestDatabase.create(name, from: template.rawValue)
    }

    private init(blankNamed name: String) throws {
        self.name = name
        settings = ConnectionSettings.fromEnvironment().with(database: name)
        try TestDatabase.create(name, from: "template0")
    }

    /// A database with no schema at all, for testing migrations themselves.
    public static func blank() throws -> TestDatabase { try TestDatabase(blankNamed: "t_" + RandomName.token()) }

    static func create(_ name: String, from template: String) throws {
        let admin = try Connection(ConnectionSettings.fromEnvironment().with(database: "postgres"))
        // CREATE DATABASE takes no parameters: the names here are made by the code above.
        for attempt in 1...50 {
            do {
                try admin.run("CREATE DATABASE \(name) TEMPLATE \(template)")
                return
            } catch {
                // Another suite is copying the same template at this instant.
                guard error.sqlState == "55006", attempt < 50 else { throw error }
                usleep(100_000)
            }
        }
    }

    public func connect() throws -> Connection { try Connection(settings) }
}
