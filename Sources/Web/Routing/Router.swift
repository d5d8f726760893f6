/// A path pattern such as `/editions/{id}/roster`. The same value both matches
/// requests and prints links, so a page never hand-types an `href`. A parameter may
/// end with a literal suffix (`/certificates/{code}.json`): another representation of
/// the same thing at a sibling address.
public struct RoutePattern: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
        /// `{code}.json`: a parameter followed by a fixed ending.
        case suffixed(String, suffix: String)
    }

    public let segments: [Segment]
    /// Literal segments outrank parameters with a suffix, which outrank bare parameters,
    /// left to right: `/courses/new` beats `/courses/{slug}`, and `{code}.json` beats `{code}`.
    let specificity: [Int]
    /// The path of a pattern without parameters, printed once rather than for every link.
    private let fixedPath: String?
    /// A pattern with one bare parameter, as the text on either side of it: a link to a
    /// record by its number is then two appends (a topic's page prints hundreds of them).
    private let aroundOne: [String]?

    public init(_ pattern: String) {
        let segments: [Segment] = pattern.split(separator: "/").map { part in
            if part.hasPrefix("{"), part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
            if part.hasPrefix("{"), let close = part.firstIndex(of: "}"), part.index(after: close) < part.endIndex {
                return .suffixed(String(part[part.index(after: part.startIndex)..<close]), suffix: String(part[part.index(after: close)...]))
            }
            return .literal(String(part))
        }
        self.segments = segments
        specificity = segments.map { segment in
            switch segment {
            case .literal: 2
            case .suffixed: 1
            case .parameter: 0
            }
        }
        let fixed = segments.allSatisfy { if case .literal = $0 { true } else { false } }
        fixedPath = fixed ? RoutePattern.printed(segments, []) : nil
        var around = [""]
        for segment in segments {
            switch segment {
            case .literal(let text): around[around.count - 1] += "/" + text
            case .parameter: around[around.count - 1] += "/"; around.append("")
            case .suffixed: around = []
            }
            if around.isEmpty { break }
        }
        aroundOne = around.count == 2 ? around : nil
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var description: String {
        "/" + segments.map { segment in
            switch segment {
            case .literal(let text): text
            case .parameter(let name): "{\(name)}"
            case .suffixed(let name, let suffix): "{\(name)}\(suffix)"
            }
        }.joined(separator: "/")
    }

    public var parameterNames: [String] {
        segments.compactMap { segment in
            switch segment {
            case .literal: nil
            case .parameter(let name), .suffixed(let name, _): name
            }
        }
    }

    /// The path with each parameter filled in order, percent-encoded. Disfavoured, so that
    /// links with no value, one or two take the overloads below, without an array of
    /// existential values for every link.
    @_disfavoredOverload
    public func path(_ values: any CustomStringConvertible...) -> String { path(filling: values) }

    public func path() -> String { fixedPath ?? path(filling: []) }
    public func path(_ value: some CustomStringConvertible) -> String { checked([value.description]) }
    /// A record's number needs no percent-encoding and is never empty.
    public func path(_ number: Int64) -> String {
        guard let aroundOne else { return checked([String(number)]) }
        return aroundOne[0] + String(number) + aroundOne[1]
    }
    public func path(_ number: Int) -> String { path(Int64(number)) }

    /// The same link written straight into a page's bytes, escaped as any text.
    func append(_ number: Int64, to out: inout [UInt8]) {
        guard let aroundOne else { return HTML.escape(path(number), into: &out) }
        HTML.escape(aroundOne[0], into: &out)
        HTML.appendDecimal(number, to: &out)
        HTML.escape(aroundOne[1], into: &out)
    }
    public func path(_ first: some CustomStringConvertible, _ second: some CustomStringConvertible) -> String {
        checked([first.description, second.description])
    }

    /// A link with a value missing, one too many or an empty one is a bug in the page that
    /// prints it: a debug build (the tests) stops here, so no such page passes its tests.
    public func path(filling values: [any CustomStringConvertible]) -> String {
        checked(values.map(\.description))
    }

    private func checked(_ texts: [String]) -> String {
        assert(fits(texts), "\(self) takes \(parameterNames.count) non-empty values, got \(texts)")
        return printed(texts)
    }

    /// Whether `texts` fill every parameter: as many as there are, none empty.
    func fits(_ texts: [String]) -> Bool {
        texts.count == parameterNames.count && !texts.contains(where: \.isEmpty)
    }

    /// A parameter without a value keeps its `{name}`: in a release build the broken link
    /// shows what it lacks, instead of an empty segment that leads somewhere else.
    func printed(_ texts: [String]) -> String { RoutePattern.printed(segments, texts) }

    private static func printed(_ segments: [Segment], _ texts: [String]) -> String {
        if segments.isEmpty { return "/" }
        var out = ""
        var index = 0
        for segment in segments {
            out += "/"
            switch segment {
            case .literal(let text):
                out += text
            case .parameter(let name), .suffixed(let name, _):
                out += index < texts.count && !texts[index].isEmpty ? PercentEncoding.encode(texts[index]) : "{\(name)}"
                if case .suffixed(_, let suffix) = segment { out += suffix }
                index += 1
            }
        }
        return out
    }

    func match(_ path: [String]) -> [String: String]? {
        guard path.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, path) {
            switch segment {
            case .literal(let text): if text != part { return nil }
            case .parameter(let name): parameters[name] = part
            case .suffixed(let name, let suffix):
                guard part.count > suffix.count, part.hasSuffix(suffix) else { return nil }
                parameters[name] = String(part.dropLast(suffix.count))
            }
        }
        return parameters
    }

}

/// One entry of the route table.
public struct Route<Handler>: @unchecked Sendable {
    public let method: String
    public let pattern: RoutePattern
    public let handler: Handler

    public init(_ method: String, _ pattern: RoutePattern, _ handler: Handler) {
        self.method = method
        self.pattern = pattern
        self.handler = handler
    }
}

/// Path parameters of a matched route, decoded and typed on access.
public struct PathParameters: Sendable {
    public let values: [String: String]
    public init(_ values: [String: String] = [:]) { self.values = values }

    public func string(_ name: String) throws(HTTPError) -> String {
        guard let value = values[name] else { throw HTTPError(.notFound) }
        return value
    }

    /// A positive integer id; anything else is a malformed request (400).
    public func id(_ name: String) throws(HTTPError) -> Int64 {
        guard let text = values[name], !text.isEmpty, text.utf8.count <= 18,
            text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let value = Int64(text), value > 0
        else { throw HTTPError(.badRequest, reason: "error.400.bad_id") }
        return value
    }
}

/// The route table: finds the handler for a method and path, or says why not (404, 405).
public struct Router<Handler>: @unchecked Sendable {
    public enum Match {
        case found(Route<Handler>, PathParameters)
        case notFound
        case methodNotAllowed(allowed: [String])
    }

    public private(set) var routes: [Route<Handler>] = [] {
        didSet { keys = routes.map { (method: $0.method, pattern: $0.pattern) } }
    }
    /// What matching reads of each route, in the routes' order: walking these concrete
    /// values copies no generic `Route` (with its handler) per route per request.
    private var keys: [(method: String, pattern: RoutePattern)] = []

    public init(_ routes: [Route<Handler>] = []) {
        self.routes = routes
        keys = routes.map { (method: $0.method, pattern: $0.pattern) }
    }

    public mutating func add(_ method: String, _ pattern: RoutePattern, _ handler: Handler) {
        routes.append(Route(method, pattern, handler))
    }

    public mutating func add(_ more: [Route<Handler>]) { routes += more }

    /// Matches decoded path segments. HEAD is answered by the GET route.
    public func match(method: String, segments: [String]) -> Match {
        var best: (index: Int, parameters: [String: String])?
        for index in keys.indices where keys[index].pattern.segments.count == segments.count {
            let wanted = method == "HEAD" && keys[index].method == "GET" ? "HEAD" : keys[index].method
            guard wanted == method, let parameters = keys[index].pattern.match(segments) else { continue }
            if let current = best, !keys[current.index].pattern.specificity.lexicographicallyPrecedes(keys[index].pattern.specificity) { continue }
            best = (index, parameters)
        }
        if let best { return .found(routes[best.index], PathParameters(best.parameters)) }
        // No route for this method: the path's methods say whether it is a 404 or a 405.
        var allowed: Set<String> = []
        for key in keys where key.pattern.match(segments) != nil { allowed.insert(key.method) }
        if allowed.isEmpty { return .notFound }
        if allowed.contains("GET") { allowed.insert("HEAD") }
        return .methodNotAllowed(allowed: allowed.sorted())
    }

    /// Splits and decodes a raw path. Bad escapes, invalid UTF-8 or control characters are a 400.
    public static func segments(ofRawPath rawPath: String) throws(HTTPError) -> [String] {
        guard rawPath.hasPrefix("/") else { throw HTTPError(.badRequest, reason: "error.400.path") }
        var result: [String] = []
        for part in rawPath.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            do {
                let segment = try PercentEncoding.decode(part, plusAsSpace: false)
                guard !segment.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                    throw HTTPError(.badRequest, reason: "error.400.path")
                }
                result.append(segment)
            } catch {
                throw HTTPError(.badRequest, reason: "error.400.path")
            }
        }
        return result
    }
}

extension HTML.Interpolation {
    /// `href="\(path: ForumPaths.post, id)"`: a record's link without a `String` in between,
    /// for pages that print one for each of many rows.
    public mutating func appendInterpolation(path pattern: RoutePattern, _ number: Int64) {
        pattern.append(number, to: &bytes)
    }
}
