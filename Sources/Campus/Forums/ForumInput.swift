import Foundation
import Postgres
import Web

/// What forum forms send, read and checked: each problem is a message beside its field,
/// and what was typed stays in the form.
enum ForumInput {
    static let titleLimit = 200
    static let bodyLimit = 20_000
    static let reasonLimit = 1000

    /// Text without control characters other than line breaks and tabs.
    static func isPrintable(_ text: String) -> Bool {
        !text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t") || $0.value == 0x7F }
    }

    static func title(_ form: Form, _ state: inout FormState) -> String {
        let title = form.trimmed("title") ?? ""
        if title.isEmpty {
            state.fail("title", "forum.error.title_required")
        } else if title.codePoints < 3 || title.codePoints > titleLimit || title.contains(where: \.isNewline) || !isPrintable(title) {
            state.fail("title", "forum.error.title_length", ["max": String(titleLimit)])
        }
        return title
    }

    static func body(_ form: Form, _ state: inout FormState) -> String {
        let body = (form["body"] ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingWhitespace()
        if body.isEmpty {
            state.fail("body", "forum.error.body_required")
        } else if body.codePoints > bodyLimit {
            state.fail("body", "forum.error.body_long", ["max": String(bodyLimit)])
        } else if !isPrintable(body) {
            state.fail("body", "forum.error.body_invalid")
        }
        return body
    }

    /// A moderator's reason, required: every action says why.
    static func reason(_ form: Form, _ state: inout FormState) -> String {
        let reason = form.trimmed("reason") ?? ""
        if reason.isEmpty {
            state.fail("reason", "forum.error.reason_required")
        } else if reason.codePoints > reasonLimit || !isPrintable(reason) {
            state.fail("reason", "forum.error.reason_long", ["max": String(reasonLimit)])
        }
        return reason
    }

    /// An optional positive id field; anything else a page never sends is a 400.
    static func id(_ form: Form, _ name: String) throws -> Int64? {
        guard let text = form.trimmed(name) else { return nil }
        guard text.utf8.count <= 18, let id = Int64(text), id > 0 else { throw HTTPError(.badRequest, reason: "error.400.bad_id") }
        return id
    }
}
