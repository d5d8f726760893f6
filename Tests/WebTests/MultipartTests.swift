import Testing
@testable import Web

/// The multipart parser: parts come out byte for byte, whatever they hold and however
/// the body is cut into chunks, reading each byte once.
@Suite struct MultipartTests {
    static let boundary = "----CampusBoundary7MA4YWxk"

    /// A body with the given parts; file parts are (name, filename, bytes).
    static func body(fields: [(String, String)] = [], files: [(String, String, [UInt8])] = [], boundary: String = boundary) -> [UInt8] {
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, filename, bytes) in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += bytes
            body += Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return body
    }

    static func parse(_ body: [UInt8], chunks sizes: [Int]? = nil) throws -> Form {
        var parser = MultipartParser(boundary: boundary)
        guard let sizes else {
            try parser.feed(body[...])
            return try parser.finish()
        }
        var start = 0
        var turn = 0
        while start < body.count {
            let end = min(body.count, start + sizes[turn % sizes.count])
            // Each chunk is a fresh array, as a reader handing over a buffer would give.
            try parser.feed(Array(body[start..<end])[...])
            start = end
            turn += 1
        }
        return try parser.finish()
    }

    /// Content that looks like the framing without being it (a sender picks a boundary
    /// its content lacks): line breaks, dashes, the boundary mid-line, after a lone LF or
    /// CR, cut short, and every byte value.
    static let tricky: [UInt8] = {
        var bytes = Array("\r\n\r\n--\r\n-\r\r\n\n--\(boundary.dropLast())\r\nx--\(boundary)x".utf8)
        bytes += Array("\n--\(boundary)--\r\n\r--\(boundary)".utf8)
        bytes += (0...255).map(UInt8.init)
        bytes += Array("\r\n--\(boundary.prefix(10))\r".utf8)
        return bytes
    }()

    @Test func theTrickyContentHasNoDelimiter() {
        #expect(MultipartTests.tricky.firstRange(of: Array("\r\n--\(MultipartTests.boundary)".utf8)) == nil)
    }

    @Test func partsComeOutByteForByte() throws {
        let body = MultipartTests.body(fields: [("title", "Línea 1\r\nLínea 2\r\n")], files: [("file", "a.bin", MultipartTests.tricky), ("empty", "b.bin", [])])
        let form = try MultipartTests.parse(body)
        #expect(form["title"] == "Línea 1\r\nLínea 2\r\n")
        #expect(form.file("file").map { Array($0.bytes) } == MultipartTests.tricky)
        #expect(form.file("empty").map { Array($0.bytes) } == [])
    }

    @Test func aWholeBodyGivesSlicesOfItselfNotCopies() throws {
        let body = MultipartTests.body(files: [("file", "a.bin", MultipartTests.tricky)])
        let file = try #require(try MultipartTests.parse(body).file("file"))
        body.withUnsafeBufferPointer { whole in
            file.bytes.withUnsafeBufferPointer { part in
                #expect(part.baseAddress.map { whole.baseAddress! <= $0 && $0 < whole.baseAddress! + whole.count } == true)
            }
        }
    }

    /// A streaming parser that never looks back gives the same parts whatever the cuts:
    /// one byte at a time, cuts inside the delimiter, inside headers, and uneven ones.
    @Test(arguments: [[1], [2], [3], [7], [13, 1, 64], [4096], [5, 31, 2, 1, 77]])
    func anyChunkingGivesTheSameParts(_ sizes: [Int]) throws {
        let body = MultipartTests.body(
            fields: [("a", "uno"), ("b", "dos\r\n--\(MultipartTests.boundary.dropLast())-")],
            files: [("file", "a.bin", MultipartTests.tricky), ("file2", "b.bin", MultipartTests.tricky.reversed())])
        let whole = try MultipartTests.parse(body)
        let chunked = try MultipartTests.parse(body, chunks: sizes)
        #expect(chunked.fields.map(\.name) == ["a", "b"])
        #expect(chunked.fields.map(\.value) == whole.fields.map(\.value))
        #expect(chunked.files.map { Array($0.bytes) } == [MultipartTests.tricky, MultipartTests.tricky.reversed()])
        #expect(whole.files.map { Array($0.bytes) } == [MultipartTests.tricky, MultipartTests.tricky.reversed()])
    }

    /// Short of its closing delimiter (the line break after it is optional), a body is broken.
    @Test func aBodyCutShortIsRefusedAtTheEnd() throws {
        let body = MultipartTests.body(files: [("file", "a.bin", MultipartTests.tricky)])
        for cut in [body.count - 3, body.count - 4, body.count / 2, 3] {
            var parser = MultipartParser(boundary: MultipartTests.boundary)
            try parser.feed(body[..<cut])
            #expect(throws: HTTPError(.badRequest, reason: "error.400.multipart")) { try parser.finish() }
        }
    }

    @Test func twoHundredPartsAreTheMost() throws {
        let fields = (1...MultipartParser.maxParts).map { ("f\($0)", "\($0)") }
        #expect(try MultipartTests.parse(MultipartTests.body(fields: fields)).fields.count == MultipartParser.maxParts)
        let tooMany = MultipartTests.body(fields: fields + [("one-more", "x")])
        #expect(throws: HTTPError(.badRequest, reason: "error.400.too_many_fields")) { try MultipartTests.parse(tooMany) }
        #expect(throws: HTTPError(.badRequest, reason: "error.400.too_many_fields")) { try MultipartTests.parse(tooMany, chunks: [100]) }
    }

    @Test func headersAreLimited() {
        let long = String(repeating: "x", count: MultipartParser.maxHeaderBytes)
        let body = Array("--\(MultipartTests.boundary)\r\nContent-Disposition: form-data; name=\"\(long)\"\r\n\r\nv\r\n--\(MultipartTests.boundary)--".utf8)
        #expect(throws: HTTPError(.badRequest, reason: "error.400.multipart")) { try MultipartTests.parse(body) }
    }

    @Test func theEpilogueIsIgnoredAndThePreambleToo() throws {
        var body = Array("This is the preamble.\r\n".utf8)
        body += MultipartTests.body(fields: [("x", "1")])
        body += Array("trailing words, even --\(MultipartTests.boundary)\r\n".utf8)
        #expect(try MultipartTests.parse(body)["x"] == "1")
    }

    /// A delimiter-like run that almost matches over and over is still read once: the
    /// parser keeps no more than the delimiter's length of state between chunks.
    @Test func nearMissesAcrossChunksAreContent() throws {
        let nearMiss = Array(String(repeating: "\r\n--\(MultipartTests.boundary.dropLast())", count: 500).utf8)
        let body = MultipartTests.body(files: [("file", "a.bin", nearMiss)])
        #expect(try MultipartTests.parse(body, chunks: [9]).file("file").map { Array($0.bytes) } == nearMiss)
        #expect(try MultipartTests.parse(body).file("file").map { Array($0.bytes) } == nearMiss)
    }
}

/// What a file is comes from its first bytes, never from its name or declared type.
@Suite struct MediaTypeTests {
    static let pdf = Array("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00]
    static let webp: [UInt8] = Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 ".utf8) + [0x18, 0, 0, 0]

    @Test func eachAcceptedKindIsRecognised() {
        #expect(MediaType.sniff(MediaTypeTests.pdf) == .pdf)
        #expect(MediaType.sniff(MediaTypeTests.png) == .png)
        #expect(MediaType.sniff(MediaTypeTests.jpeg) == .jpeg)
        #expect(MediaType.sniff(MediaTypeTests.webp) == .webp)
        var lossless = MediaTypeTests.webp
        lossless[15] = UInt8(ascii: "L")
        #expect(MediaType.sniff(lossless) == .webp)
        #expect(MediaType.sniff(MediaTypeTests.pdf[...]) == .pdf)
    }

    @Test func truncatedSignaturesAreNothing() {
        for sample in [MediaTypeTests.pdf, MediaTypeTests.png, MediaTypeTests.jpeg, MediaTypeTests.webp] {
            let cut = sample.first == 0xFF ? 2 : sample.starts(with: Array("RIFF".utf8)) ? 14 : sample.first == 0x89 ? 7 : 5
            #expect(MediaType.sniff(sample.prefix(cut)) == nil, "\(sample.prefix(4)) cut at \(cut)")
        }
        #expect(MediaType.sniff([UInt8]()) == nil)
    }

    @Test func otherFilesAreNothingWhateverTheyAreCalled() {
        let others: [[UInt8]] = [
            Array("<html><script>alert(1)</script>".utf8),
            Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8),
            Array("GIF89a".utf8) + [1, 0, 1, 0],
            Array("PK\u{3}\u{4}".utf8) + [20, 0],
            Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WAVEfmt ".utf8),
            Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP9 ".utf8),
            Array(" %PDF-1.7".utf8),
            Array("%PDF-x".utf8),
        ]
        for bytes in others { #expect(MediaType.sniff(bytes) == nil, "\(bytes.prefix(8))") }
    }

    @Test func namesAreCleanedAndTakeTheRealExtension() {
        #expect(Filename.sanitized("programa.pdf", as: .pdf) == "programa.pdf")
        #expect(Filename.sanitized("C:\\Users\\ana\\Plan de acción.PDF", as: .pdf) == "Plan de acción.pdf")
        #expect(Filename.sanitized("../../etc/passwd", as: .pdf) == "passwd.pdf")
        #expect(Filename.sanitized("foto.png", as: .jpeg) == "foto.png.jpg")
        #expect(Filename.sanitized("foto.JPEG", as: .jpeg) == "foto.jpg")
        #expect(Filename.sanitized("evil\u{202E}fdp.exe", as: .pdf) == "evilfdp.exe.pdf")
        #expect(Filename.sanitized("a\u{0}b\r\nc\td.pdf", as: .pdf) == "abcd.pdf")
        #expect(Filename.sanitized("   many    spaces  .pdf", as: .pdf) == "many spaces.pdf")
        #expect(Filename.sanitized(".hidden", as: .png) == "hidden.png")
        #expect(Filename.sanitized("", as: .webp) == "image.webp")
        #expect(Filename.sanitized("/", as: .pdf) == "document.pdf")
        let long = Filename.sanitized(String(repeating: "ñ", count: 500) + ".pdf", as: .pdf)
        #expect(long.unicodeScalars.count == 120)
        #expect(long.hasSuffix("ñ.pdf"))
    }

    @Test func contentDispositionNamesTheFileForEveryClient() {
        #expect(Filename.contentDisposition("attachment", filename: "Programa del curso.pdf")
            == "attachment; filename=\"Programa del curso.pdf\"; filename*=UTF-8''Programa%20del%20curso.pdf")
        #expect(Filename.contentDisposition("inline", filename: "Acción \"x\"; 100%.png")
            == "inline; filename=\"Acci_n _x_; 100_.png\"; filename*=UTF-8''Acci%C3%B3n%20%22x%22%3B%20100%25.png")
    }
}
