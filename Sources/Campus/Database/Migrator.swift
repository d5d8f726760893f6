import Foundation
import Postgres

/// Brings a database to the current schema. A fresh database gets schema.sql and every
/// migration recorded as applied; an existing one gets the migrations it lacks, each in
/// its own transaction. Safe to run twice, and from two places at once (an advisory lock).
public struct Migrator {
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        public let path: String
    }

    let home: String

    public init(home: String) { self.home = home }

    /// The numbered files in migrations/, in order.
    public func migrations() throws -> [Migration] {
        let folder = home + "/migrations"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".sql") }.sorted()
        return try names.map { name in
            guard let underscore = name.firstIndex(of: "_"), let version = Int(name[..<underscore]) else {
                throw SettingsError("migrations/\(name): expected a name like 0002_what.sql")
            }
            return Migration(version: version, name: String(name.dropLast(4)), path: folder + "/" + name)
        }
    }

    /// Applies what is missing; returns a line per step taken.
    @discardableResult
    public func migrate(_ db: Connection) throws -> [String] {
        let all = try migrations()
        var steps: [String] = []
        let fresh: Bool = try db.transaction {
            try lock(db)
            guard try !hasMigrationTable(db) else { return false }
            try db.run(try read(home + "/schema.sql"))
            for migration in all {
                try db.execute("INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))")
            }
            return true
        }
        if fresh { steps.append("created the schema from schema.sql (\(all.count) migrations recorded)") }
        for migration in all {
            let applied: Bool = try db.transaction {
                try lock(db)
                let done = try db.query("SELECT 1 FROM schema_migrations WHERE version = \(migration.version)")
                guard done.isEmpty else { return false }
                try db.run(try read(migration.path))
                try db.execute("INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))")
                return true
            }
            if applied { steps.append("applied \(migration.name)") }
        }
        try Secrets.ensureSigningSecret(db)
        try IssuerKey.ensure(db)
        return steps
    }

    private func lock(_ db: Connection) throws {
        try db.query("SELECT pg_advisory_xact_lock(hashtext('campus migrate'))")
    }

    private func hasMigrationTable(_ db: Connection) throws -> Bool {
        let row = try db.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present").first
        return try row?["present"] ?? false
    }

    private func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw SettingsError("cannot read \(path)") }
        return String(decoding: data, as: UTF8.self)
    }
}
