/// A SQL statement whose interpolated values become bound parameters (`$1`, `$2`…).
///
///     let sql: SQL = "SELECT title FROM courses WHERE slug = \(slug)"
///
/// Text from outside can never become SQL: the only way to splice raw text is
/// `\(unsafeRaw:)`, which review can find. Fragments compose with `\(otherSQL)`.
public struct SQL: Sendable, ExpressibleByStringInterpolation {
    enum Part: Sendable, Hashable {
        case text(String)
        case bind(Int)
    }

    var parts: [Part] = []
    public private(set) var binds: [PostgresBind] = []

    public init(stringLiteral value: String) { parts = [.text(value)] }

    public init(stringInterpolation: Interpolation) {
        parts = stringInterpolation.parts
        binds = stringInterpolation.binds
    }

    public struct Interpolation: StringInterpolationProtocol {
        var parts: [Part] = []
        var binds: [PostgresBind] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { parts.append(.text(literal)) }

        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T) {
            binds.append(PostgresBind(type: T.postgresType, value: value.postgresValue))
            parts.append(.bind(binds.count))
        }

        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T?) {
            binds.append(PostgresBind(type: T.postgresType, value: value?.postgresValue))
            parts.append(.bind(binds.count))
        }

        /// Splices another statement fragment, renumbering its parameters.
        public mutating func appendInterpolation(_ fragment: SQL) {
            let offset = binds.count
            binds += fragment.binds
            for part in fragment.parts {
                switch part {
                case .text(let text): parts.append(.text(text))
                case .bind(let index): parts.append(.bind(index + offset))
                }
            }
        }

        /// Raw SQL text, for identifiers chosen by the code itself (never by a client).
        public mutating func appendInterpolation(unsafeRaw text: String) { parts.append(.text(text)) }

        /// A row limit written into the statement's text: an integer cannot smuggle SQL in,
        /// and PostgreSQL's generic plan for a bound `LIMIT $1` assumes a tenth of the rows,
        /// so a statement with its limit bound is planned anew at every run instead of once.
        /// For limits the code fixes, never for one a request chooses (each value is a
        /// statement of its own).
        public mutating func appendInterpolation(limit: Int) { parts.append(.text(String(limit))) }
    }

    /// The statement text with `$n` placeholders.
    public var text: String {
        var out = ""
        out.reserveCapacity(parts.reduce(0) { total, part in
            if case .text(let text) = part { total + text.utf8.count } else { total + 4 }
        })
        for part in parts {
            switch part {
            case .text(let text): out += text
            case .bind(let index):
                out += "$"
                out += String(index)
            }
        }
        return out
    }

    public static func + (lhs: SQL, rhs: SQL) -> SQL { "\(lhs)\(rhs)" }
}

/// One bound parameter: its PostgreSQL type and its value (nil for NULL), in text
/// format, or in binary format for raw bytes.
public struct PostgresBind: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case text(String)
        /// Sent as they are (libpq's binary parameter format): no hex text, no copy.
        case binary(ArraySlice<UInt8>)
    }

    public let type: UInt32
    public let value: Value?

    public init(type: UInt32, value: Value?) {
        self.type = type
        self.value = value
    }

    public init(type: UInt32, text: String?) {
        self.init(type: type, value: text.map(Value.text))
    }

    /// The text form, nil for NULL and for binary values.
    public var text: String? {
        if case .text(let text)? = value { return text }
        return nil
    }
}
