import Testing
@testable import Web

@Suite struct FormTests {
    @Test func parsesUrlEncodedFields() throws {
        let form = try Form(urlEncoded: Array("name=Mar%C3%ADa+Jos%C3%A9&topic=a&topic=b&empty=&flag".utf8))
        #expect(form["name"] == "María José")
        #expect(form.all("topic") == ["a", "b"])
        #expect(form["empty"] == "")
        #expect(form["flag"] == "")
        #expect(form["missing"] == nil)
        #expect(form.trimmed("empty") == nil)
    }

    @Test(arguments: ["a=%", "a=%4", "a=%zz", "a=%FF", "a=%C3%28", "%FF=1", "a=x%00y"])
    func malformedEncodingIsABadRequest(_ body: String) {
        #expect(throws: HTTPError(.badRequest, reason: "error.400.encoding")) { try Form(urlEncoded: Array(body.utf8)) }
    }

    @Test func rawInvalidUTF8IsABadRequest() {
        #expect(throws: HTTPError(.badRequest, reason: "error.400.encoding")) { try Form(urlEncoded: [0x61, 0x3D, 0xC3, 0x28]) }
    }

    @Test func tooManyFieldsIsABadRequest() {
        let body = (0...Form.maxFields).map { "f\($0)=1" }.joined(separator: "&")
        #expect(throws: HTTPError(.badRequest, reason: "error.400.too_many_fields")) { try Form(urlEncoded: Array(body.utf8)) }
    }

    func multipartRequest(_ body: String, boundary: String = "XyZ") -> Request {
        Request(method: "POST", uri: "/", headers: Headers(["content-type": "multipart/form-data; boundary=\(boundary)"]), body: Array(body.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    @Test func parsesMultipartTextAndFiles() throws {
        let body = """
            preamble to ignore
            --XyZ
            Content-Disposition: form-data; name="title"

            Movilidad "sostenible"
            --XyZ
            Content-Disposition: form-data; name="document"; filename="plan de acción.pdf"
            Content-Type: application/pdf

            %PDF-1.4 data
            --XyZ
            Content-Disposition: form-data; name="empty"; filename=""
            Content-Type: application/octet-stream


            --XyZ--

            """
        let form = try multipartRequest(body).form()
        #expect(form["title"] == "Movilidad \"sostenible\"")
        let file = try #require(form.file("document"))
        #expect(file.filename == "plan de acción.pdf")
        #expect(file.contentType == "application/pdf")
        #expect(String(decoding: file.bytes, as: UTF8.self) == "%PDF-1.4 data")
        #expect(form.file("empty") == nil)
    }

    @Test func quotedBoundaryIsAccepted() throws {
        let request = Request(
            method: "POST", uri: "/", headers: Headers(["content-type": "multipart/form-data; boundary=\"a b\""]),
            body: Array("--a b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--a b--\r\n".utf8))
        #expect(try request.form()["x"] == "1")
    }

    @Test(arguments: [
        // no closing delimiter
        "--XyZ\nContent-Disposition: form-data; name=\"a\"\n\nvalue",
        // headers never end
        "--XyZ\nContent-Disposition: form-data; name=\"a\"\nvalue\n--XyZ--\n",
        // a part without a name
        "--XyZ\nContent-Disposition: form-data\n\nvalue\n--XyZ--\n",
        // no boundary at all
        "just some text",
        // garbage after a delimiter
        "--XyZjunk\nContent-Disposition: form-data; name=\"a\"\n\nv\n--XyZ--\n",
        // a header line without a colon
        "--XyZ\nnot a header\n\nv\n--XyZ--\n",
    ])
    func brokenMultipartIsABadRequest(_ body: String) {
        #expect(throws: HTTPError(.badRequest, reason: "error.400.multipart")) { try multipartRequest(body).form() }
    }

    @Test func multipartWithoutBoundaryIsABadRequest() {
        let request = Request(method: "POST", uri: "/", headers: Headers(["content-type": "multipart/form-data"]), body: Array("x".utf8))
        #expect(throws: HTTPError(.badRequest, reason: "error.400.multipart")) { try request.form() }
    }

    @Test func invalidUTF8InAMultipartTextFieldIsABadRequest() {
        var body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n".utf8)
        body += [0xFF, 0xFE]
        body += Array("\r\n--XyZ--\r\n".utf8)
        let request = Request(method: "POST", uri: "/", headers: Headers(["content-type": "multipart/form-data; boundary=XyZ"]), body: body)
        #expect(throws: HTTPError(.badRequest, reason: "error.400.encoding")) { try request.form() }
    }

    @Test func otherBodiesAreUnsupported() {
        let request = Request(method: "POST", uri: "/", headers: Headers(["content-type": "application/json"]), body: Array("{}".utf8))
        #expect(throws: HTTPError(.unsupportedMediaType)) { try request.form() }
    }

    @Test func queryStringsParseLikeForms() throws {
        let request = Request(method: "GET", uri: "/courses?q=movilidad+sostenible&lang=es")
        #expect(request.rawPath == "/courses")
        #expect(try request.query()["q"] == "movilidad sostenible")
        #expect(throws: HTTPError.self) { try Request(method: "GET", uri: "/courses?q=%FF").query() }
    }
}
