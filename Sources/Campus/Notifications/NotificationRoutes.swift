import Foundation
import Postgres
import Web

/// The in-app notifications list, newest first, a page at a time.
///
/// Opening an unread notification marks it read, as Discourse and GitHub do when one is
/// clicked. Their click sends a POST beside following the link (Discourse's
/// `PUT /notifications/mark-read`); without JavaScript the click itself has to be that POST,
/// because a GET that changed state would be set off by link prefetchers, mail scanners
/// and cross-site images. So an unread notification is a one-button form that marks it
/// read and goes on to its page; a read one is a plain link.
enum NotificationRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.notifications, listNotifications),
        Route("POST", Paths.notificationsRead, markAllRead),
        Route("POST", Paths.notificationOpen, openNotification),
    ]

    static let pageSize = 30

    struct Item {
        let id: Int64
        let message: String
        let values: [String: String]
        let link: String?
        let createdAt: Date
        let isRead: Bool
    }

    static func listNotifications(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let before = try context.query()["before"].flatMap { Int64($0) }
        let rows = try context.db.query("""
            SELECT id, message, link, created_at, read_at IS NOT NULL AS read,
                   ARRAY(SELECT key FROM jsonb_each_text(params) ORDER BY key) AS keys,
                   ARRAY(SELECT value FROM jsonb_each_text(params) ORDER BY key) AS vals
            FROM notifications
            WHERE user_id = \(user.id) AND (\(before) IS NULL OR id < \(before))
            ORDER BY id DESC LIMIT \(limit: pageSize + 1)
            """)
        let items = try rows.map { row -> Item in
            let keys: [String] = try row["keys"]
            let values: [String] = try row["vals"]
            return Item(
                id: try row["id"], message: try row["message"], values: Dictionary(zip(keys, values)) { a, _ in a },
                link: try row["link"], createdAt: try row["created_at"], isRead: try row["read"])
        }
        let page = Array(items.prefix(pageSize))
        let next = items.count > pageSize ? page.last.map { Paths.notifications.path() + "?before=\($0.id)" } : nil
        return context.page(context.t("notifications.title"), NotificationPages.list(page, next: next, context: context), section: .account)
    }

    /// Marks one of the reader's notifications read and goes to its page (or back to the
    /// list when it has none). Someone else's notification is not found.
    static func openNotification(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.id("id")
        guard let row = try context.db.query("""
            UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = \(id) AND user_id = \(user.id) RETURNING link
            """).first else { throw HTTPError(.notFound) }
        let link: String? = try row["link"]
        return context.redirect(Paths.localPath(link, fallback: Paths.notifications.path()))
    }

    static func markAllRead(_ context: Context) throws -> Response {
        let user = try context.requireUser()
        try context.db.execute("UPDATE notifications SET read_at = now() WHERE user_id = \(user.id) AND read_at IS NULL")
        return context.redirect(Paths.notifications.path(), flash: "flash.notifications_read")
    }
}

enum NotificationPages {
    static func list(_ items: [NotificationRoutes.Item], next: String?, context: Context) -> HTML {
        let t = context.t
        let rows = items.map { item in row(item, context: context) }
        let list: HTML = items.isEmpty ? "<p class=\"empty\">\(t("notifications.empty"))</p>" : "<ul class=\"plain-list notifications\">\(rows)</ul>"
        let more: HTML = next.map { "<nav class=\"pagination\" aria-label=\"\(t("pagination.label"))\"><a rel=\"next\" href=\"\($0)\">\(t("pagination.older"))</a></nav>" } ?? ""
        let markRead: HTML = items.contains { !$0.isRead } ? """
            <form class="inline" method="post" action="\(Paths.notificationsRead.path())">\(csrfField(context.chrome))\
            <button type="submit" class="button secondary">\(t("notifications.mark_read"))</button></form>
            """ : ""
        return """
        <header class="page-header"><h1>\(t("notifications.title"))</h1>\(markRead)</header>
        \(list)
        \(more)
        """
    }

    /// A read notification is a link; an unread one is labelled "new" (in words, not only
    /// by its look) and opens through a form that marks it read.
    static func row(_ item: NotificationRoutes.Item, context: Context) -> HTML {
        let t = context.t
        let text = t(item.message, item.values)
        let when: HTML = "<span class=\"muted\">· \(t.dateTime(item.createdAt, timeZone: context.timeZone, showZone: false))</span>"
        guard !item.isRead else {
            let body: HTML = item.link.map { "<a href=\"\(Paths.localPath($0))\">\(text)</a>" } ?? "\(text)"
            return "<li class=\"notification\">\(body) \(when)</li>"
        }
        let open: HTML = item.link == nil
            ? "\(text) <button type=\"submit\" class=\"link-button\">\(t("notifications.mark_one_read"))</button>"
            : "<button type=\"submit\" class=\"link-button\">\(text)</button>"
        return """
        <li class="notification unread"><span class="new-label">\(t("notifications.new"))</span> \
        <form class="inline" method="post" action="\(Paths.notificationOpen.path(item.id))">\(csrfField(context.chrome))\(open)</form> \(when)</li>
        """
    }
}
