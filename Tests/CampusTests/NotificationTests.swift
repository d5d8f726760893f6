import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The notifications list: unread ones stand out in words, and opening one marks it read.
@Suite struct NotificationTests {
    let app: TestApp
    let userID: Int64

    init() throws {
        app = try TestApp()
        userID = try app.createUser("avisos@example.org", name: "Alba Avisos")
        _ = app.signIn("avisos@example.org")
    }

    @discardableResult
    func notify(_ userID: Int64, link: String?, organization: String = "Lima") throws -> Int64 {
        let db = try app.connect()
        try Notifier.notify(db, app: app.app, userID: userID, kind: .account, message: "notice.affiliation_confirmed", values: ["organization": organization], link: link)
        return try db.query("SELECT max(id) AS id FROM notifications WHERE user_id = \(userID)").first?["id"] ?? 0
    }

    func isRead(_ id: Int64) throws -> Bool {
        try app.connect().query("SELECT read_at IS NOT NULL AS read FROM notifications WHERE id = \(id)").first?["read"] ?? false
    }

    @Test func unreadOnesAreLabelledAndOpeningOneMarksItRead() throws {
        let first = try notify(userID, link: "/me", organization: "<script>alert(1)</script>")
        let second = try notify(userID, link: "/me/email")
        let page = app.get("/notifications").bodyText
        #expect(page.components(separatedBy: "<li class=\"notification unread\"><span class=\"new-label\">Nuevo</span>").count - 1 == 2)
        #expect(page.contains("action=\"/notifications/\(first)/open\""))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<script>alert"))
        // Looking at the list changes nothing: only opening does.
        _ = app.get("/notifications")
        #expect(try !isRead(first))

        let opened = app.post("/notifications/\(first)/open", [])
        #expect(opened.status == .seeOther)
        #expect(opened.header("Location") == "/me")
        #expect(try isRead(first))
        #expect(try !isRead(second))
        let after = app.get("/notifications").bodyText
        #expect(after.components(separatedBy: "class=\"new-label\"").count - 1 == 1)
        #expect(after.contains("<li class=\"notification\"><a href=\"/me\">"))
        // Opening it again still goes there, and it stays read.
        #expect(app.post("/notifications/\(first)/open", []).header("Location") == "/me")
    }

    @Test func oneWithoutALinkIsMarkedReadWhereItIs() throws {
        let id = try notify(userID, link: nil)
        #expect(app.get("/notifications").bodyText.contains("Marcar como leído"))
        let response = app.post("/notifications/\(id)/open", [])
        #expect(response.header("Location") == "/notifications")
        #expect(try isRead(id))
    }

    @Test func nobodyOpensSomeoneElsesNotification() throws {
        let other = try app.createUser("otra@example.org", name: "Otra")
        let theirs = try notify(other, link: "/me")
        #expect(app.post("/notifications/\(theirs)/open", []).status == .notFound)
        #expect(try !isRead(theirs))
        #expect(app.post("/notifications/\(theirs)/open", [], csrf: nil).status == .forbidden)
        #expect(try TestApp(sharing: app).post("/notifications/\(theirs)/open", []).status == .forbidden)
        #expect(app.post("/notifications/abc/open", []).status == .badRequest)
    }
}
