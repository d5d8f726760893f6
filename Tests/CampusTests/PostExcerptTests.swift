import Testing
@testable import Campus

/// The one-line start of a post that quotes and flags show.
@Suite struct PostExcerptTests {
    @Test func spacesOfEveryKindBecomeOne() {
        #expect(PostPages.excerpt("  Primera línea\n\nsegunda\tlínea \u{00A0} tercera  ") == "Primera línea segunda línea tercera")
        #expect(PostPages.excerpt("") == "")
        #expect(PostPages.excerpt(" \n\t ") == "")
    }

    @Test func aLongTextIsCutAtTheLastWholeWord() {
        #expect(PostPages.excerpt("uno dos tres cuatro", limit: 10) == "uno dos…")
        #expect(PostPages.excerpt("uno dos tres", limit: 7) == "uno dos…")
        #expect(PostPages.excerpt("uno dos tres", limit: 8) == "uno dos…")
        #expect(PostPages.excerpt("uno dos tres", limit: 12) == "uno dos tres")
        #expect(PostPages.excerpt("participación ciudadana", limit: 16) == "participación…")
    }

    @Test func aSingleLongWordIsCutAtTheLimit() {
        #expect(PostPages.excerpt(String(repeating: "a", count: 300)) == String(repeating: "a", count: 280) + "…")
    }
}
