import Foundation
import Testing
@testable import Web

/// The byte-level pieces every page goes through: escaping, message templates, dates.
@Suite struct RenderingTests {
    @Test func escapingOnBytesKeepsEveryCharacter() {
        // Multi-byte characters around every special byte, at the edges and in runs.
        let text = "<ñ>&\"'é€😀<<&&a'\"\u{0}z"
        let html: HTML = "\(text)"
        #expect(html.rendered == "&lt;ñ&gt;&amp;&quot;&#39;é€😀&lt;&lt;&amp;&amp;a&#39;&quot;\u{0}z")
        #expect(HTML.escape("plain text, nothing to do") == "plain text, nothing to do")
        #expect(HTML.escape("") == "")
        #expect(HTML.escape("&") == "&amp;")
    }

    @Test func substringsAndNumbersGoStraightIn() {
        let text = "x<y>z"
        let part = text.dropFirst(1).prefix(3)
        let html: HTML = "\(part)|\(0)|\(-42)|\(Int64.max)|\(Int.min)"
        #expect(html.rendered == "&lt;y&gt;|0|-42|9223372036854775807|-9223372036854775808")
    }

    @Test func partsJoinAsBytes() {
        var html = HTML.text("a&b")
        html.append(text: "<c>")
        html += "<br>"
        #expect(html.bytes == Array("a&amp;b&lt;c&gt;<br>".utf8))
        #expect(Response.html(html).body == html.bytes)
    }

    @Test func anUnmatchedBraceIsText() {
        let t = Localizer(language: .en, messages: [
            "open": "Use {curly braces and {name}",
            "close": "a } b {name}",
            "spaces": "{not a name} {name}",
            "end": "ends with {",
        ], fallback: [:])
        #expect(t("open", ["name": "Ana"]) == "Use {curly braces and Ana")
        #expect(t("close", ["name": "Ana"]) == "a } b Ana")
        #expect(t("spaces", ["name": "Ana"]) == "{not a name} Ana")
        #expect(t("end", ["name": "Ana"]) == "ends with {")
        #expect(t.html("open", ["name": "<b>Ana</b>"]).rendered == "Use {curly braces and <b>Ana</b>")
    }

    @Test func civilTimeAgreesWithTheCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        let zones = ["UTC", "America/Bogota", "America/Sao_Paulo", "Europe/Madrid", "America/Santiago", "Asia/Kolkata", "Pacific/Chatham"]
        // Every 7 hours and 13 minutes over eighty years, across leap days and DST changes.
        for name in zones {
            let zone = try #require(TimeZone(identifier: name))
            calendar.timeZone = zone
            var instant = Date(timeIntervalSince1970: -631_152_000) // 1950
            while instant.timeIntervalSince1970 < 1_893_456_000 { // 2030
                let expected = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
                let civil = CivilTime(instant, in: zone)
                try #require(civil == CivilTime(year: expected.year!, month: expected.month!, day: expected.day!, hour: expected.hour!, minute: expected.minute!),
                             "\(name) \(instant)")
                instant += 7 * 3600 + 13 * 60
            }
        }
    }
}
