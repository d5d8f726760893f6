import Foundation
import Web

/// The moderators' pages: the queue, and one post with every action on it.
enum ModerationPages {
    /// A wait in words: "30 seconds", "5 minutes", "2 hours".
    static func duration(_ seconds: Int, t: Localizer) -> String {
        if seconds % 3600 == 0 { return t.plural("forum.duration.hours", seconds / 3600) }
        if seconds % 60 == 0 { return t.plural("forum.duration.minutes", seconds / 60) }
        return t.plural("forum.duration.seconds", seconds)
    }

    /// "30 s", "5 min", "1 h": the same in every language, for values stored in a
    /// notification that each reader reads in their own.
    static func shortDuration(_ seconds: Int) -> String {
        seconds % 3600 == 0 ? "\(seconds / 3600) h" : seconds % 60 == 0 ? "\(seconds / 60) min" : "\(seconds) s"
    }

    static func queue(_ items: [QueueItem], next: String?, context: Context) -> HTML {
        let t = context.t
        let list: HTML = items.isEmpty
            ? "<p class=\"empty\">\(t("forum.queue.empty"))</p>"
            : "\(items.map { item(QueueEntry(item: $0, form: FormState(t: t), failed: nil, returnTo: ForumPaths.moderation.path()), context: context) })"
        let more: HTML = next.map { "<nav class=\"pagination\" aria-label=\"\(t("pagination.label"))\"><a rel=\"next\" href=\"\($0)\">\(t("pagination.next"))</a></nav>" } ?? ""
        return """
        <header class="page-header"><h1>\(t("forum.queue.title"))</h1><p class="lead">\(t("forum.queue.lead"))</p></header>
        \(list)
        \(more)
        """
    }

    /// One post to review and the forms that act on it.
    struct QueueEntry {
        let item: QueueItem
        let form: FormState
        /// The action whose form came back with an error (its field shows it).
        let failed: String?
        let returnTo: String
    }

    static func item(_ entry: QueueEntry, context: Context) -> HTML {
        let t = context.t
        let item = entry.item
        let post = item.post
        let id = post.id
        let suspend: HTML = ForumPolicy.canSuspend(context.user) && post.authorID != context.user?.id
            ? " · <a href=\"\(ForumPaths.suspend.path(post.authorID))\">\(t("forum.suspend.link"))</a>" : ""
        return """
        <article class="queue-item panel" aria-labelledby="queue-\(id)">
        <h2 id="queue-\(id)"><a href="\(ForumPaths.post.path(id))" lang="\(item.topicLanguage)">\(item.topicTitle)</a> <span class="muted">· \(item.forumTitle)</span></h2>
        <p class="muted">\(ForumFormat.name(post.authorName, t: t)) · \(ForumFormat.time(post.createdAt, context: context))\(suspend)</p>
        \(why(item, t: t))
        \(flagList(item.flags, t: t))
        \(post.quote.map { PostPages.quote($0, t: t) })
        \(PostPages.words(post, moderates: true, context: context))
        \(item.queuedAt == nil ? HTML() : reviewForm(entry, context: context))
        </article>
        """
    }

    /// Why the post is in the queue.
    static func why(_ item: QueueItem, t: Localizer) -> HTML {
        let text: String
        if item.post.status == .pending {
            text = t("forum.queue.why.pending")
        } else if item.post.status == .hidden, item.post.reviewRequested {
            text = t("forum.queue.why.review")
        } else if !item.flags.isEmpty {
            text = t.plural("forum.queue.why.flags", item.flags.count)
        } else {
            return ""
        }
        return "<p><strong>\(text)</strong></p>"
    }

    static func flagList(_ flags: [QueueItem.Flag], t: Localizer) -> HTML {
        guard !flags.isEmpty else { return "" }
        let items = flags.map { flag -> HTML in
            let note: HTML = flag.note.isEmpty ? "" : ": «\(flag.note)»"
            return "<li>\(t("forum.flag.reason.\(flag.reason)"))\(note) <span class=\"muted\">· \(ForumFormat.name(flag.name, t: t))</span></li>"
        }
        return "<ul class=\"flag-list\">\(items)</ul>"
    }

    /// A reason textarea with an id of its own: a page holds several of these forms.
    static func reasonField(_ id: String, label: String, entry: QueueEntry, action: String) -> HTML {
        let failed = entry.failed == action
        return ForumFormat.reasonField(id, label: label, error: failed ? entry.form.message("reason") : nil, value: failed ? entry.form.values["reason"] ?? "" : "")
    }

    static func hiddenFields(_ entry: QueueEntry, context: Context) -> HTML {
        "\(csrfField(context.chrome))<input type=\"hidden\" name=\"version\" value=\"\(entry.item.post.version)\"><input type=\"hidden\" name=\"next\" value=\"\(entry.returnTo)\">"
    }

    static func reviewForm(_ entry: QueueEntry, context: Context) -> HTML {
        let t = context.t
        let id = entry.item.post.id
        let decisions: [(String, String)] = entry.item.post.status == .pending
            ? [("approve", "forum.queue.approve"), ("reject", "forum.queue.reject"), ("defer", "forum.queue.defer")]
            : [("agree", entry.item.post.status == .hidden ? "forum.queue.keep_hidden" : "forum.queue.agree"),
               ("disagree", entry.item.post.status == .hidden ? "forum.queue.restore" : "forum.queue.disagree"), ("defer", "forum.queue.defer")]
        let buttons = decisions.map { value, label -> HTML in
            "<button type=\"submit\" name=\"decision\" value=\"\(value)\" class=\"button\(value == "defer" ? " secondary" : "")\">\(t(label))</button>"
        }
        return """
        <form class="form" method="post" action="\(ForumPaths.review.path(id))">\(hiddenFields(entry, context: context))
        \(reasonField("review-reason-\(id)", label: t("forum.moderate.reason"), entry: entry, action: "review"))
        <p class="actions">\(buttons.joined(separator: " "))</p>
        </form>
        """
    }

    /// One post's moderation page: the post as the queue shows it, hiding or restoring it,
    /// and its revisions.
    static func post(_ entry: QueueEntry, context: Context) -> HTML {
        let t = context.t
        let post = entry.item.post
        var actions = HTML()
        if post.status == .visible || post.status == .hidden {
            let action = post.status == .visible ? "hide" : "restore"
            actions = """
                <form class="form" method="post" action="\(post.status == .visible ? ForumPaths.hide.path(post.id) : ForumPaths.restore.path(post.id))">\(hiddenFields(entry, context: context))
                \(reasonField("\(action)-reason", label: t("forum.moderate.reason"), entry: entry, action: action))
                <p class="actions"><button type="submit" class="button">\(t("forum.moderate.\(action)"))</button></p></form>
                """
        }
        let revisions: HTML = post.editedAt == nil ? "" : "<p><a href=\"\(ForumPaths.revisions.path(post.id))\">\(t("forum.post.revisions"))</a></p>"
        return """
        <nav class="breadcrumb" aria-label="\(t("layout.breadcrumb"))"><a href="\(ForumPaths.moderation.path())">\(t("forum.queue.title"))</a></nav>
        <h1>\(t("forum.moderate.post_title"))</h1>
        \(entry.form.summary)
        \(item(entry, context: context))
        \(actions)
        \(revisions)
        """
    }
}
