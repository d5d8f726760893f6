import Foundation
import Testing
@testable import Postgres

@Suite struct SQLTests {
    @Test func interpolatedValuesBecomeParameters() {
        let slug = "x'; DROP TABLE courses; --"
        let sql: SQL = "SELECT * FROM courses WHERE slug = \(slug) AND id > \(3)"
        #expect(sql.text == "SELECT * FROM courses WHERE slug = $1 AND id > $2")
        #expect(sql.binds == [PostgresBind(type: PostgresType.text, text: slug), PostgresBind(type: PostgresType.int8, text: "3")])
    }

    @Test func fragmentsAreRenumbered() {
        let filter: SQL = "kind = \("course") AND language = \("es")"
        let sql: SQL = "SELECT 1 WHERE id = \(7) AND \(filter) LIMIT \(20)"
        #expect(sql.text == "SELECT 1 WHERE id = $1 AND kind = $2 AND language = $3 LIMIT $4")
        #expect(sql.binds.map(\.text) == ["7", "course", "es", "20"])
    }

    @Test func nilBindsNullWithItsType() {
        let missing: Int? = nil
        let sql: SQL = "SELECT \(missing)"
        #expect(sql.binds == [PostgresBind(type: PostgresType.int8, text: nil)])
    }

    @Test func rawTextMustBeSpelledOut() {
        let sql: SQL = "SELECT \(unsafeRaw: "now()")"
        #expect(sql.text == "SELECT now()")
        #expect(sql.binds.isEmpty)
    }

    @Test func arraysAndDatesHaveTextForms() {
        #expect(["a b", "c\"d", "e\\f"].postgresText == "{\"a b\",\"c\\\"d\",\"e\\\\f\"}")
        #expect(Date(timeIntervalSince1970: 0.5).postgresText == "1970-01-01 00:00:00.500000+00")
        #expect(Date(timeIntervalSince1970: -1).postgresText == "1969-12-31 23:59:59.000000+00")
        #expect(CalendarDay(year: 2027, month: 3, day: 1).postgresText == "2027-03-01")
        #expect(ByteArray([0, 255, 16]).postgresText == "\\x00ff10")
    }

    @Test func calendarDaysRefuseImpossibleDates() {
        #expect(CalendarDay(iso: "2026-02-29") == nil)
        #expect(CalendarDay(iso: "2028-02-29") != nil)
        #expect(CalendarDay(iso: "2026-13-01") == nil)
        #expect(CalendarDay(iso: "26-1-1") == nil)
    }
}
