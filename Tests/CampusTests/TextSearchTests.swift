import Testing
@testable import Campus

/// The search helpers' small pieces, without a database.
@Suite struct TextSearchTests {
    @Test func aCursorCarriesItsRankExactly() {
        #expect(SearchCursor("42") == SearchCursor(id: 42))
        let rank = 0.1 + 0.2
        let cursor = SearchCursor(id: 7, rank: rank)
        #expect(cursor.text == "7_0.30000000000000004")
        #expect(SearchCursor(cursor.text)?.rank == rank)
        #expect(SearchCursor(SearchCursor(id: 9, rank: 1e-9).text) == SearchCursor(id: 9, rank: 1e-9))
        for text in ["", "abc", "0", "-3", "5_", "5_x", "5_-0.5", "5_nan", "5_inf", "_0.5", "5_0.5_1"] {
            #expect(SearchCursor(text) == nil, "\(text)")
        }
    }

    @Test func blankWordsAreNoSearch() {
        #expect(TextSearch("  \n ") == nil)
        #expect(TextSearch(" movilidad ")?.words == "movilidad")
        #expect(SubstringSearch(" ") == nil)
        // LIKE's wildcards are the characters they are.
        #expect(SubstringSearch("50%_a\\b")?.pattern == "%50\\%\\_a\\\\b%")
    }
}
