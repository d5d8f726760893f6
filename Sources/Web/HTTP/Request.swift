/// One HTTP request as the web server handed it over: CGI/FastCGI parameters copied
/// into Swift values, and the body already read.
public struct Request: Sendable {
    /// What was wrong with the request before the application saw it: decided while
    /// reading parameters and body, answered by the application's error boundary.
    public enum Defect: Sendable, Equatable {
        /// `CONTENT_LENGTH` above the responder's limit (413); the body was not read.
        case bodyTooLarge
        /// The body ended before `CONTENT_LENGTH` bytes (400).
        case bodyTruncated
        /// A parameter was not valid UTF-8, or `CONTENT_LENGTH` was not a number (400).
        case malformed
    }

    public var method: String
    /// The path exactly as sent, still percent-encoded.
    public var rawPath: String
    /// The query string exactly as sent, without the `?`.
    public var rawQuery: String
    public var headers: Headers
    public var remoteAddress: String
    public var isHTTPS: Bool
    public var requestID: String
    public var body: [UInt8]
    public var defect: Defect?

    public init(
        method: String, uri: String, headers: Headers = Headers(), remoteAddress: String = "127.0.0.1",
        isHTTPS: Bool = false, requestID: String = "", body: [UInt8] = [], defect: Defect? = nil
    ) {
        self.method = method.uppercased()
        if let mark = uri.firstIndex(of: "?") {
            rawPath = String(uri[..<mark])
            rawQuery = String(uri[uri.index(after: mark)...])
        } else {
            rawPath = uri
            rawQuery = ""
        }
        if rawPath.isEmpty { rawPath = "/" }
        self.headers = headers
        self.remoteAddress = remoteAddress
        self.isHTTPS = isHTTPS
        self.requestID = requestID
        self.body = body
        self.defect = defect
    }

    /// Builds a request from FastCGI/CGI parameters. The path and query come from
    /// `REQUEST_URI`, so nginx's stock `fastcgi_params` is enough.
    public init(cgiParameters params: [String: String], body: [UInt8], defect: Defect?) {
        var headers = Headers()
        headers.storage.reserveCapacity(16)
        for (name, value) in params where name.hasPrefix("HTTP_") {
            headers.storage[Headers.name(cgi: name.utf8.dropFirst(5))] = value
        }
        if let type = params["CONTENT_TYPE"], !type.isEmpty { headers["content-type"] = type }
        if let length = params["CONTENT_LENGTH"], !length.isEmpty { headers["content-length"] = length }
        let https = params["HTTPS"].map { $0.lowercased() == "on" } ?? false
            || params["REQUEST_SCHEME"] == "https"
            || headers["x-forwarded-proto"]?.lowercased() == "https"
        self.init(
            method: params["REQUEST_METHOD"] ?? "GET",
            uri: params["REQUEST_URI"] ?? "/",
            headers: headers,
            remoteAddress: params["REMOTE_ADDR"] ?? "",
            isHTTPS: https,
            requestID: params["REQUEST_ID"] ?? params["HTTP_X_REQUEST_ID"] ?? "",
            body: body,
            defect: defect
        )
    }

    public var contentType: String? { headers["content-type"] }

    /// The query string's fields; a malformed query is a client error (400).
    public func query() throws(HTTPError) -> Form {
        try Form(urlEncoded: Array(rawQuery.utf8))
    }

    /// Cookies sent with the request; a malformed pair is skipped, as browsers do.
    public var cookies: [String: String] { Cookies.parse(headers["cookie"] ?? "") }
}

/// Request headers with case-insensitive names.
public struct Headers: Sendable, Sequence {
    var storage: [String: String] = [:]

    public init() {}
    public init(_ pairs: [String: String]) {
        for (name, value) in pairs { self[name] = value }
    }

    public subscript(name: String) -> String? {
        get { storage[Headers.lowercased(name)] }
        set { storage[Headers.lowercased(name)] = newValue }
    }

    /// Header names are ASCII tokens, and callers mostly ask in lowercase already: then
    /// the name is used as it is.
    static func lowercased(_ name: String) -> String {
        name.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } ? name.lowercased() : name
    }

    /// `ACCEPT_LANGUAGE` (a CGI parameter's name after `HTTP_`) as `accept-language`, in
    /// one pass over its bytes.
    static func name(cgi: Substring.UTF8View) -> String {
        String(unsafeUninitializedCapacity: cgi.count) { buffer in
            for (index, byte) in cgi.enumerated() {
                buffer[index] = byte == 0x5F ? 0x2D : byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            return cgi.count
        }
    }

    public func makeIterator() -> Dictionary<String, String>.Iterator { storage.makeIterator() }
}
