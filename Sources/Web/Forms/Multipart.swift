/// A strict `multipart/form-data` parser (RFC 7578). Anything malformed is a 400:
/// a missing boundary, a part without a name, headers that never end, text that is
/// not UTF-8, or a body that stops before the closing delimiter.
enum Multipart {
    static let maxParts = 200
    static let maxHeaderBytes = 8 * 1024

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

    static func parse(_ body: [UInt8], boundary: String) throws(HTTPError) -> Form {
        let bad = HTTPError(.badRequest, reason: "error.400.multipart")
        let dash = Array("--\(boundary)".utf8)
        let delimiter = Array("\r\n--\(boundary)".utf8)
        // The first delimiter may follow a preamble, or open the body directly.
        var cursor: Int
        if body.starts(with: dash) {
            cursor = dash.count
        } else if let found = body.firstRange(of: delimiter) {
            cursor = found.upperBound
        } else {
            throw bad
        }
        var form = Form()
        var parts = 0
        while true {
            // After a delimiter: "--" closes the body, CRLF opens a part.
            if body[cursor...].starts(with: Array("--".utf8)) { return form }
            guard body[cursor...].starts(with: [13, 10]) else { throw bad }
            cursor += 2
            parts += 1
            guard parts <= maxParts else { throw HTTPError(.badRequest, reason: "error.400.too_many_fields") }
            guard let headerEnd = body[cursor...].firstRange(of: [13, 10, 13, 10]),
                headerEnd.lowerBound - cursor <= maxHeaderBytes
            else { throw bad }
            let head = try parseHeaders(body[cursor..<headerEnd.lowerBound])
            guard let next = body[headerEnd.upperBound...].firstRange(of: delimiter) else { throw bad }
            let content = Array(body[headerEnd.upperBound..<next.lowerBound])
            cursor = next.upperBound
            guard let name = head.name else { throw bad }
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
    }

    struct PartHead { var name: String?; var filename: String?; var contentType: String? }

    static func parseHeaders(_ bytes: ArraySlice<UInt8>) throws(HTTPError) -> PartHead {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw HTTPError(.badRequest, reason: "error.400.multipart") }
        var head = PartHead()
        for line in text.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { throw HTTPError(.badRequest, reason: "error.400.multipart") }
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
