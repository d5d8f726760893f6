/// A failure from PostgreSQL or from talking to it. `sqlState` carries the SQLSTATE
/// code so callers can tell a unique violation (23505) from a serialization failure (40001).
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server refused the statement; see `sqlState`.
        case query
        /// The connection is gone or could not be made: the database is unavailable.
        case connection
        /// A column did not hold what the code expected.
        case decoding
    }

    public var kind: Kind
    public var sqlState: String?
    public var message: String
    public var constraint: String?
    public var detail: String?

    public init(kind: Kind, sqlState: String? = nil, message: String, constraint: String? = nil, detail: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.constraint = constraint
        self.detail = detail
    }

    public var description: String {
        var text = "PostgreSQL \(kind)"
        if let sqlState { text += " \(sqlState)" }
        text += ": \(message)"
        if let constraint { text += " (constraint \(constraint))" }
        return text
    }

    public var isUniqueViolation: Bool { sqlState == "23505" }
    public var isCheckViolation: Bool { sqlState == "23514" }
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    /// Serialization failure or deadlock: the transaction may simply be run again.
    public var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }
    /// The database is unreachable, shutting down or restarting.
    public var isUnavailable: Bool {
        kind == .connection || sqlState.map { $0.hasPrefix("08") || $0 == "57P01" || $0 == "57P02" || $0 == "57P03" } ?? false
    }
}
