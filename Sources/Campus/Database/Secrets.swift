import Postgres
import Web

/// The signing secret every responder shares, kept in the database so that scaling
/// out needs no shared file. `CAMPUS_SECRET` overrides it.
enum Secrets {
    static func ensureSigningSecret(_ db: Connection) throws {
        try db.execute("""
            INSERT INTO app_secrets (name, value) VALUES ('signing', \(ByteArray(Crypto.randomBytes(32))))
            ON CONFLICT (name) DO NOTHING
            """)
    }

    static func fetchSigningSecret(_ db: Connection) throws -> [UInt8] {
        guard let row = try db.query("SELECT value FROM app_secrets WHERE name = 'signing'").first else {
            throw PostgresError(kind: .query, message: "no signing secret: run `campus migrate`")
        }
        let value: ByteArray = try row["value"]
        return value.bytes
    }
}
