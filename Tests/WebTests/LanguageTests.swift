import Foundation
import Testing
@testable import Web

@Suite struct LanguageTests {
    @Test func theCookieWins() {
        #expect(Language.negotiate(cookie: "fr", acceptLanguage: "pt-BR,pt;q=0.9") == .fr)
    }

    @Test func acceptLanguageIsWeighed() {
        #expect(Language.negotiate(cookie: nil, acceptLanguage: "de-DE,de;q=0.9,en;q=0.5,pt-BR;q=0.8") == .pt)
        #expect(Language.negotiate(cookie: nil, acceptLanguage: "en-GB") == .en)
        #expect(Language.negotiate(cookie: "xx", acceptLanguage: "fr-CA, fr;q=0.9") == .fr)
        #expect(Language.negotiate(cookie: nil, acceptLanguage: "pt;q=0, en;q=0.1") == .en)
    }

    @Test func spanishIsTheFallback() {
        #expect(Language.negotiate(cookie: nil, acceptLanguage: nil) == .es)
        #expect(Language.negotiate(cookie: nil, acceptLanguage: "de, ja") == .es)
        #expect(Language.negotiate(cookie: nil, acceptLanguage: ";;,q=") == .es)
    }

    func localizer(_ language: Language, _ messages: [String: String]) -> Localizer {
        Localizer(language: language, messages: messages, fallback: ["only.es": "solo"])
    }

    @Test func placeholdersAreFilled() {
        let t = localizer(.en, ["greet": "Hello {name}, {missing} stays"])
        #expect(t("greet", ["name": "Ana"]) == "Hello Ana, {missing} stays")
        #expect(t("only.es") == "solo")
        #expect(t("nowhere") == "nowhere")
    }

    @Test func pluralsFollowEachLanguage() {
        let messages = ["seats.one": "{n} seat", "seats.other": "{n} seats"]
        #expect(localizer(.en, messages).plural("seats", 1) == "1 seat")
        #expect(localizer(.en, messages).plural("seats", 0) == "0 seats")
        #expect(localizer(.fr, messages).plural("seats", 0) == "0 seat")
        #expect(localizer(.es, messages).plural("seats", 2) == "2 seats")
    }

    @Test func numbersAreGroupedTheLanguagesWay() {
        #expect(localizer(.en, [:]).number(1234567) == "1,234,567")
        #expect(localizer(.pt, [:]).number(1234) == "1.234")
        #expect(localizer(.es, [:]).number(1234) == "1234")
        #expect(localizer(.es, [:]).number(12345) == "12.345")
        #expect(localizer(.fr, [:]).number(12345) == "12\u{202F}345")
        #expect(localizer(.en, [:]).number(-5) == "-5")
    }

    @Test func markupArgumentsAreNotEscapedButTheTemplateIs() {
        let t = localizer(.en, ["read": "Read <the> {link}"])
        let link: HTML = "<a href=\"/x\">\("terms & conditions")</a>"
        #expect(t.html("read", ["link": link]).rendered == "Read &lt;the&gt; <a href=\"/x\">terms &amp; conditions</a>")
    }

    @Test func datesUseTheCatalogsPatterns() {
        let t = localizer(.es, ["format.date": "{d} de {month} de {y}", "month.11": "noviembre", "format.datetime": "{date}, {time}"])
        #expect(t.date(year: 2026, month: 11, day: 22) == "22 de noviembre de 2026")
        let instant = Date(timeIntervalSince1970: 1_795_320_000) // 2026-11-22 04:00 UTC
        #expect(t.dateTime(instant, timeZone: TimeZone(identifier: "America/Bogota")!) == "21 de noviembre de 2026, 23:00 (America/Bogota)")
        // For pages: the reading in the reader's zone, and in UTC for machines, escaped as text.
        #expect(t.timeElement(instant, timeZone: TimeZone(identifier: "America/Bogota")!).rendered
            == "<time datetime=\"2026-11-22T04:00Z\">21 de noviembre de 2026, 23:00</time>")
        let odd = localizer(.es, ["format.date": "{d}/{month} <{y}> {time}", "month.3": "mar", "format.datetime": "{date} & {d}"])
        #expect(odd.timeElement(Date(timeIntervalSince1970: 3_600 * 24 * 65 + 60 * 7), timeZone: .gmt).rendered
            == "<time datetime=\"1970-03-07T00:07Z\">7/mar &lt;1970&gt; {time} &amp; {d}</time>")
        #expect(odd.date(year: 5, month: 3, day: 1, short: false) == "1/mar <5> {time}")
        #expect(t.date(year: 2026, month: 13, day: 1) == "2026-13-1")
    }

    @Test func clocksAndDigitsArePadded() {
        var out: [UInt8] = []
        CivilTime.appendDigits(7, width: 4, to: &out)
        CivilTime.appendDigits(12345, width: 2, to: &out)
        CivilTime.appendDigits(0, width: 1, to: &out)
        CivilTime.appendDigits(-3, width: 2, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "0007123450-3")
        #expect(CivilTime(year: 2026, month: 1, day: 2, hour: 3, minute: 4).clock == "03:04")
    }
}
