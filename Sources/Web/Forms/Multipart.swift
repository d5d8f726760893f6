#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A strict `multipart/form-data` parser (RFC 7578). Anything malformed is a 400:
/// a missing boundary, a part without a name, headers that never end, text that is
/// not UTF-8, or a body that stops before the closing delimiter.
///
/// It reads the body once, front to back, in chunks of any size, and never looks back:
/// the delimiter is found with Knuth–Morris–Pratt, whose state is how many bytes of the
/// delimiter the last bytes matched — bytes held back that, being a prefix of the
/// delimiter, need not be kept. A part that lies within one chunk (every part, when
/// the whole body is one chunk) is a slice of it, not a copy; a part spanning chunks is
/// copied once, as the chunks go by.
struct MultipartParser {
    static let maxParts = 200
    static let maxHeaderBytes = 8 * 1024

    private enum State { case preamble, afterDelimiter, headers, content, epilogue }

    /// CRLF, two dashes and the boundary: what ends a part.
    private let delimiter: [UInt8]
    /// For each count of delimiter bytes matched, the longest proper prefix of the
    /// delimiter that is also a suffix of what matched (KMP's failure function).
    private let fallback: [Int]
    private var state = State.preamble
    /// Delimiter bytes the latest bytes matched. The first delimiter may open the body
    /// directly, so it starts as if a line break came first.
    private var matched = 2
    /// Where the current chunk starts in the body.
    private var chunkStart = 0
    private var afterDelimiter: [UInt8] = []
    private var header: [UInt8] = []
    private var head = PartHead()
    /// Where the current part's content starts in the body, and up to where it was
    /// copied into `spill` because a chunk ended inside it.
    private var contentStart = 0
    private var flushed = 0
    private var spill: [UInt8] = []
    private var parts = 0
    private var form = Form()

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        fallback = MultipartParser.failureFunction(delimiter)
    }

    /// The next bytes of the body.
    mutating func feed(_ chunk: ArraySlice<UInt8>) throws(HTTPError) {
        var index = chunk.startIndex
        while index < chunk.endIndex, state != .epilogue {
            switch state {
            case .preamble, .content:
                index = try scan(chunk, from: index)
            case .afterDelimiter:
                afterDelimiter.append(chunk[index])
                index += 1
                if afterDelimiter.count == 2 { try openPart() }
            case .headers:
                header.append(chunk[index])
                index += 1
                try readHeader(contentStart: chunkStart + (index - chunk.startIndex))
            case .epilogue:
                break
            }
        }
        if state == .content { flush(chunk, upTo: chunkStart + chunk.count - matched) }
        chunkStart += chunk.count
    }

    /// The form, once the whole body went through `feed`.
    func finish() throws(HTTPError) -> Form {
        guard state == .epilogue else { throw MultipartParser.malformed }
        return form
    }

    static let malformed = HTTPError(.badRequest, reason: "error.400.multipart")

    // MARK: - Steps

    /// Looks for the delimiter from `start`; returns where to go on (the chunk's end, or
    /// just past a delimiter).
    private mutating func scan(_ chunk: ArraySlice<UInt8>, from start: Int) throws(HTTPError) -> Int {
        let found: Int? = chunk.withUnsafeBufferPointer { buffer in
            var index = start - chunk.startIndex
            while index < buffer.count {
                if matched == 0 {
                    // Only a CR can start the delimiter: skip to the next one at memchr's speed.
                    guard let next = memchr(buffer.baseAddress! + index, 13, buffer.count - index) else { return nil }
                    index = UnsafeRawPointer(buffer.baseAddress!).distance(to: UnsafeRawPointer(next))
                }
                let byte = buffer[index]
                while matched > 0, delimiter[matched] != byte { matched = fallback[matched] }
                if delimiter[matched] == byte { matched += 1 }
                index += 1
                if matched == delimiter.count { return index }
            }
            return nil
        }
        guard let found else { return chunk.endIndex }
        matched = 0
        let end = chunk.startIndex + found
        if state == .content { try closePart(chunk, delimiterStart: chunkStart + found - delimiter.count) }
        state = .afterDelimiter
        afterDelimiter.removeAll(keepingCapacity: true)
        return end
    }

    /// After a delimiter: `--` ends the body, CRLF opens a part.
    private mutating func openPart() throws(HTTPError) {
        if afterDelimiter == [45, 45] {
            state = .epilogue
            return
        }
        guard afterDelimiter == [13, 10] else { throw MultipartParser.malformed }
        parts += 1
        guard parts <= MultipartParser.maxParts else { throw HTTPError(.badRequest, reason: "error.400.too_many_fields") }
        header.removeAll(keepingCapacity: true)
        state = .headers
    }

    /// Collects header bytes up to the blank line; `contentStart` is where the body would
    /// continue after this byte.
    private mutating func readHeader(contentStart: Int) throws(HTTPError) {
        guard header.count <= MultipartParser.maxHeaderBytes else { throw MultipartParser.malformed }
        guard header.count >= 4, header[header.count - 4] == 13, header[header.count - 3] == 10,
            header[header.count - 2] == 13, header[header.count - 1] == 10
        else { return }
        head = try Multipart.parseHeaders(header[..<(header.count - 4)])
        guard head.name != nil else { throw MultipartParser.malformed }
        self.contentStart = contentStart
        flushed = contentStart
        spill.removeAll()
        matched = 0
        state = .content
    }

    /// Copies the part's content known so far (everything before the bytes held back as
    /// a possible delimiter) into `spill`, because the chunk holding it is going away.
    private mutating func flush(_ chunk: ArraySlice<UInt8>, upTo end: Int) {
        guard end > flushed else { return }
        if flushed < chunkStart {
            // Bytes held back at the end of the previous chunk, now known to be content:
            // they matched the delimiter, so they are its first bytes.
            let count = min(chunkStart, end) - flushed
            spill.append(contentsOf: delimiter[0..<count])
            flushed += count
        }
        if end > flushed {
            let from = chunk.startIndex + (flushed - chunkStart)
            spill.append(contentsOf: chunk[from..<(chunk.startIndex + (end - chunkStart))])
            flushed = end
        }
    }

    /// The part's content is everything from `contentStart` to the delimiter.
    private mutating func closePart(_ chunk: ArraySlice<UInt8>, delimiterStart: Int) throws(HTTPError) {
        let content: ArraySlice<UInt8>
        if spill.isEmpty, contentStart >= chunkStart {
            content = chunk[(chunk.startIndex + contentStart - chunkStart)..<(chunk.startIndex + delimiterStart - chunkStart)]
        } else {
            flush(chunk, upTo: delimiterStart)
            content = spill[...]
            spill = []
        }
        guard let name = head.name else { throw MultipartParser.malformed }
        if let filename = head.filename {
            // A file input left empty sends a part with an empty filename: no file.
            if !filename.isEmpty || !content.isEmpty {
                form.append(file: UploadedFile(fieldName: name, filename: filename, contentType: head.contentType ?? "application/octet-stream", bytes: content))
            }
        } else {
            guard let text = String(validating: content, as: UTF8.self), !text.contains("\0") else {
                throw HTTPError(.badRequest, reason: "error.400.encoding")
            }
            form.append(name: name, value: text)
        }
    }

    static func failureFunction(_ pattern: [UInt8]) -> [Int] {
        var table = [Int](repeating: 0, count: pattern.count + 1)
        var length = 0
        for index in 1..<max(1, pattern.count) {
            while length > 0, pattern[index] != pattern[length] { length = table[length] }
            if pattern[index] == pattern[length] { length += 1 }
            table[index + 1] = length
        }
        return table
    }
}

struct PartHead { var name: String?; var filename: String?; var contentType: String? }

enum Multipart {
    static func boundary(fromContentType contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingWhitespace().lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingWhitespace()
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// Parses a whole body: one chunk, so every part is a slice of `body`.
    static func parse(_ body: [UInt8], boundary: String) throws(HTTPError) -> Form {
        var parser = MultipartParser(boundary: boundary)
        try parser.feed(body[...])
        return try parser.finish()
    }

    static func parseHeaders(_ bytes: ArraySlice<UInt8>) throws(HTTPError) -> PartHead {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw MultipartParser.malformed }
        var head = PartHead()
        for line in text.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { throw MultipartParser.malformed }
            let field = line[..<colon].trimmingWhitespace().lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingWhitespace()
            switch field {
            case "content-disposition":
                let parameters = dispositionParameters(value)
                head.name = parameters["name"]
                head.filename = parameters["filename"]
            case "content-type":
                head.contentType = value
            default:
                continue
            }
        }
        return head
    }

    /// `form-data; name="x"; filename="a b.pdf"` → ["name": "x", "filename": "a b.pdf"].
    static func dispositionParameters(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(value)
        guard let semicolon = rest.firstIndex(of: ";") else { return result }
        rest = rest[rest.index(after: semicolon)...]
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == ";" }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingWhitespace().lowercased()
            rest = rest[rest.index(after: equals)...]
            var parsed = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped { parsed.append(character); escaped = false }
                    else if character == "\\" { escaped = true }
                    else if character == "\"" { break }
                    else { parsed.append(character) }
                }
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                parsed = rest[..<end].trimmingWhitespace()
                rest = rest[end...]
            }
            result[key] = parsed
        }
        return result
    }
}

extension Request {
    /// The submitted form, from a url-encoded or a multipart body. Other bodies are a 415.
    public func form() throws(HTTPError) -> Form {
        if body.isEmpty { return Form() }
        let type = (contentType ?? "").lowercased()
        if type.hasPrefix("application/x-www-form-urlencoded") {
            return try Form(urlEncoded: body)
        }
        if type.hasPrefix("multipart/form-data") {
            guard let boundary = Multipart.boundary(fromContentType: contentType ?? "") else {
                throw HTTPError(.badRequest, reason: "error.400.multipart")
            }
            return try Multipart.parse(body, boundary: boundary)
        }
        throw HTTPError(.unsupportedMediaType)
    }
}
