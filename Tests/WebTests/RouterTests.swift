import Testing
@testable import Web

@Suite struct RouterTests {
    let router = Router<String>([
        Route("GET", "/", "home"),
        Route("GET", "/courses", "courses"),
        Route("GET", "/courses/new", "new course"),
        Route("GET", "/courses/{slug}", "course"),
        Route("POST", "/editions/{id}/enroll", "enroll"),
        Route("GET", "/editions/{id}/roster.csv", "roster csv"),
        Route("GET", "/certificates/{code}", "certificate"),
        Route("GET", "/certificates/{code}.json", "certificate json"),
    ])

    func handler(_ method: String, _ path: String) throws -> (String, PathParameters)? {
        if case .found(let route, let parameters) = router.match(method: method, segments: try Router<String>.segments(ofRawPath: path)) {
            return (route.handler, parameters)
        }
        return nil
    }

    @Test func matchesLiteralAndParameterRoutes() throws {
        #expect(try handler("GET", "/")?.0 == "home")
        #expect(try handler("GET", "/courses")?.0 == "courses")
        let course = try #require(try handler("GET", "/courses/movilidad-sostenible"))
        #expect(course.0 == "course")
        #expect(try course.1.string("slug") == "movilidad-sostenible")
        #expect(try handler("GET", "/editions/12/roster.csv")?.0 == "roster csv")
    }

    @Test func literalSegmentsOutrankParameters() throws {
        #expect(try handler("GET", "/courses/new")?.0 == "new course")
    }

    @Test func aParameterWithASuffixIsAnotherAddressOfTheSameThing() throws {
        let json = try #require(try handler("GET", "/certificates/ABC123.json"))
        #expect(json.0 == "certificate json")
        #expect(try json.1.string("code") == "ABC123")
        let page = try #require(try handler("GET", "/certificates/ABC123"))
        #expect(page.0 == "certificate")
        #expect(try page.1.string("code") == "ABC123")
        // The suffix alone names nothing.
        #expect(try handler("GET", "/certificates/.json")?.0 == "certificate")
        let pattern: RoutePattern = "/certificates/{code}.json"
        #expect(pattern.path("A B") == "/certificates/A%20B.json")
        #expect(pattern.parameterNames == ["code"])
        #expect(pattern.description == "/certificates/{code}.json")
    }

    @Test func headIsAnsweredByGet() throws {
        #expect(try handler("HEAD", "/courses")?.0 == "courses")
    }

    @Test func unknownPathIsNotFound() throws {
        guard case .notFound = router.match(method: "GET", segments: try Router<String>.segments(ofRawPath: "/nowhere")) else {
            Issue.record("expected notFound")
            return
        }
    }

    @Test func wrongMethodListsTheAllowedOnes() throws {
        guard case .methodNotAllowed(let allowed) = router.match(method: "DELETE", segments: try Router<String>.segments(ofRawPath: "/courses")) else {
            Issue.record("expected methodNotAllowed")
            return
        }
        #expect(allowed == ["GET", "HEAD"])
        guard case .methodNotAllowed(let postOnly) = router.match(method: "GET", segments: try Router<String>.segments(ofRawPath: "/editions/3/enroll")) else {
            Issue.record("expected methodNotAllowed")
            return
        }
        #expect(postOnly == ["POST"])
    }

    @Test func pathSegmentsArePercentDecoded() throws {
        #expect(try Router<String>.segments(ofRawPath: "/courses/g%C3%A9nero") == ["courses", "género"])
        #expect(try Router<String>.segments(ofRawPath: "/a//b/") == ["a", "b"])
    }

    @Test(arguments: ["/courses/%FF", "/courses/%zz", "/courses/%4", "/courses/a%00b", "courses", "/x/%C3%28"])
    func malformedPathsAreBadRequests(_ path: String) {
        #expect(throws: HTTPError(.badRequest, reason: "error.400.path")) { try Router<String>.segments(ofRawPath: path) }
    }

    @Test(arguments: ["abc", "0", "-1", "1.5", "99999999999999999999", ""])
    func badIdsAreBadRequests(_ text: String) {
        let parameters = PathParameters(["id": text])
        #expect(throws: HTTPError(.badRequest, reason: "error.400.bad_id")) { try parameters.id("id") }
    }

    @Test func goodIdsParse() throws {
        #expect(try PathParameters(["id": "42"]).id("id") == 42)
    }

    @Test func patternsPrintEncodedLinks() {
        let pattern: RoutePattern = "/courses/{slug}"
        #expect(pattern.path("a b/c") == "/courses/a%20b%2Fc")
        #expect(RoutePattern("/").path() == "/")
        #expect(RoutePattern("/editions/{id}/roster").path(7) == "/editions/7/roster")
        // A number takes the shortcut around the one parameter; other patterns print segment by segment.
        #expect(RoutePattern("/posts/{id}").path(Int64(-3)) == "/posts/-3")
        #expect(RoutePattern("/topics/{id}/follow").path(Int64(12)) == "/topics/12/follow")
        #expect(RoutePattern("/certificates/{code}.json").path(5) == "/certificates/5.json")
        #expect(RoutePattern("/editions/{id}/enrollments/{enrollment}/decide").path(7, 12) == "/editions/7/enrollments/12/decide")
    }

    @Test func aLinkMissingAValueIsCaught() async {
        let pattern: RoutePattern = "/editions/{id}/enrollments/{enrollment}/decide"
        #expect(pattern.fits(["7", "12"]))
        #expect(!pattern.fits(["7"]))
        #expect(!pattern.fits(["7", "12", "3"]))
        #expect(!pattern.fits(["7", ""]))
        // Where assertions are off, the gap shows instead of an empty segment.
        #expect(pattern.printed(["7"]) == "/editions/7/enrollments/{enrollment}/decide")
        #expect(pattern.printed(["", "12"]) == "/editions/{id}/enrollments/12/decide")
        // Tests are debug builds: printing such a link stops the process.
        await #expect(processExitsWith: .failure) {
            _ = RoutePattern("/editions/{id}/roster").path()
        }
        await #expect(processExitsWith: .failure) {
            _ = RoutePattern("/courses/{slug}").path("")
        }
        await #expect(processExitsWith: .failure) {
            _ = RoutePattern("/courses").path(1)
        }
    }
}
