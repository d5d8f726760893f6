import Testing
@testable import Web

@Suite struct SecurityTests {
    let csrf = CSRF(secret: Array(repeating: 7, count: 32))

    @Test func aTokenIsValidForItsBindingOnly() {
        let token = csrf.token(binding: "session-a")
        #expect(csrf.isValid(token, binding: "session-a"))
        #expect(!csrf.isValid(token, binding: "session-b"))
        #expect(!csrf.isValid(nil, binding: "session-a"))
        #expect(!csrf.isValid("", binding: "session-a"))
        #expect(!csrf.isValid(token, binding: ""))
    }

    @Test func tokensAreMaskedAfreshEachTime() {
        let first = csrf.token(binding: "s")
        let second = csrf.token(binding: "s")
        #expect(first != second)
        #expect(csrf.isValid(second, binding: "s"))
    }

    @Test func aTamperedTokenFails() {
        var bytes = Crypto.fromBase64URL(csrf.token(binding: "s"))!
        bytes[40] ^= 1
        #expect(!csrf.isValid(Crypto.base64URL(bytes), binding: "s"))
        #expect(!csrf.isValid("not base64 !!", binding: "s"))
    }

    @Test func anotherSecretsTokensFail() {
        let other = CSRF(secret: Array(repeating: 8, count: 32))
        #expect(!csrf.isValid(other.token(binding: "s"), binding: "s"))
    }

    @Test func originMustBeThisSite() {
        func request(origin: String?, https: Bool = false) -> Request {
            var headers = Headers(["host": "campus.example:8080"])
            if let origin { headers["origin"] = origin }
            return Request(method: "POST", uri: "/locale", headers: headers, isHTTPS: https)
        }
        #expect(CSRF.originMatches(request(origin: nil)))
        #expect(CSRF.originMatches(request(origin: "http://campus.example:8080")))
        #expect(CSRF.originMatches(request(origin: "https://campus.example:8080", https: true)))
        #expect(!CSRF.originMatches(request(origin: "https://evil.example")))
        #expect(!CSRF.originMatches(request(origin: "null")))
        #expect(!CSRF.originMatches(request(origin: "http://campus.example:8080", https: true)))
        #expect(!CSRF.originMatches(request(origin: "http://campus.example.evil.org")))
        // Debian's fastcgi_params drops the port from the Host: ports are not compared.
        #expect(CSRF.originMatches(request(origin: "http://CAMPUS.example")))
        #expect(CSRF.originMatches(request(origin: "https://public.example", https: false), trusted: ["https://public.example"]))
    }

    @Test func cookiesParseLikeBrowsersSendThem() {
        let cookies = Cookies.parse("a=1; b=\"two\"; junk; a=3; c=x=y")
        #expect(cookies["a"] == "1")
        #expect(cookies["b"] == "two")
        #expect(cookies["c"] == "x=y")
        #expect(cookies["junk"] == nil)
    }

    @Test func setCookieHasSafeDefaults() {
        #expect(SetCookie(name: "s", value: "v").headerValue == "s=v; Path=/; HttpOnly; SameSite=Lax")
        #expect(SetCookie(name: "__Host-s", value: "v", maxAge: 60, secure: true).headerValue == "__Host-s=v; Path=/; Max-Age=60; Secure; HttpOnly; SameSite=Lax")
    }

    @Test func responseHeadsCannotBeSplit() {
        let response = Response(status: .seeOther, headers: [("Location", "/a\r\nSet-Cookie: x=1")])
        #expect(String(decoding: response.cgiHead(), as: UTF8.self) == "Status: 303 See Other\r\nLocation: /aSet-Cookie: x=1\r\n\r\n")
    }

    @Test func randomTokensAreLongAndDistinct() {
        let a = Crypto.randomToken()
        #expect(a.count == 43)
        #expect(a != Crypto.randomToken())
        #expect(Crypto.fromBase64URL(a)?.count == 32)
    }
}
