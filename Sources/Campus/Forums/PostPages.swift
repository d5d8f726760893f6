import Foundation
import Web

/// One post as an article, and the pages about one post: editing, deleting, revisions.
enum PostPages {
    /// The words each post of a page repeats, looked up once for the page.
    struct Labels {
        let reply: String, flag: String, edit: String, delete: String, moderate: String, revisions: String, edited: String
        /// "Link to message #{n}".
        let permalink: MessageTemplate

        init(_ t: Localizer) {
            permalink = t.template("forum.post.permalink") ?? MessageTemplate("#{n}")
            reply = t("forum.post.reply")
            flag = t("forum.post.flag")
            edit = t("forum.post.edit")
            delete = t("forum.post.delete")
            moderate = t("forum.post.moderate")
            revisions = t("forum.post.revisions")
            edited = t("forum.post.edited")
        }
    }

    static func article(_ post: Post, topic: Topic, moderates: Bool, standing: WriteStanding, labels: Labels, context: Context) -> HTML {
        var out = HTML()
        write(post, topic: topic, moderates: moderates, standing: standing, labels: labels, context: context, into: &out)
        return out
    }

    /// One post as an article, appended to `out`: a thread's page writes fifty of these
    /// into one buffer, piece by piece.
    static func write(
        _ post: Post, topic: Topic, moderates: Bool, standing: WriteStanding, labels: Labels, context: Context, into out: inout HTML
    ) {
        let t = context.t
        out.append("<article class=\"post post-")
        out.append(text: post.status.rawValue)
        out.append("\" id=\"post-")
        out.append(number: post.id)
        out.append("\" aria-labelledby=\"post-")
        out.append(number: post.id)
        out.append("-by\">\n<header class=\"post-meta\"><h2 class=\"post-author\" id=\"post-")
        out.append(number: post.id)
        out.append("-by\">")
        out.append(text: ForumFormat.name(post.authorName, t: t))
        out.append("</h2> <span class=\"muted\">")
        if let position = post.position {
            out.append("<a class=\"post-number\" href=\"")
            out.append(path: ForumPaths.post, post.id)
            out.append("\" aria-label=\"")
            out.append(text: labels.permalink.filled { name in name == "n" ? String(position) : nil })
            out.append("\">#")
            out.append(number: Int64(position))
            out.append("</a> · ")
        }
        out.append(html: ForumFormat.time(post.createdAt, context: context))
        if let editedAt = post.editedAt {
            out.append(" · <span title=\"")
            out.append(text: t.dateTime(editedAt, timeZone: context.timeZone))
            out.append("\">")
            out.append(text: labels.edited)
            out.append("</span>")
        }
        out.append("</span></header>\n")
        if let quote = post.quote { out.append(html: self.quote(quote, t: t)) }
        out.append("\n")
        out.append(html: words(post, moderates: moderates, context: context))
        out.append("\n")
        actions(post, topic: topic, moderates: moderates, standing: standing, labels: labels, context: context, into: &out)
        out.append("\n</article>")
    }

    /// The quoted post as it is now: its opening words, or that it was removed — never the
    /// words of a post hidden or deleted since.
    static func quote(_ quote: Quote, t: Localizer) -> HTML {
        let number = String(quote.position ?? 0)
        guard quote.status == .visible else {
            return "<blockquote class=\"post-quote\"><p>\(t("forum.quote.removed", ["n": number]))</p></blockquote>"
        }
        let source = t("forum.quote.by", ["name": ForumFormat.name(quote.authorName, t: t), "n": number])
        return """
        <blockquote class="post-quote"><p class="quote-source"><a href="\(path: ForumPaths.post, quote.id)">\(source)</a></p>\
        <p>\(quote.excerpt)</p></blockquote>
        """
    }

    /// The start of a text on one line, cut at a word near 280 characters.
    /// Walked scalar by scalar, ASCII spaces told apart without Unicode's tables: a topic
    /// page quotes up to fifty posts, and splitting them into Characters cost a quarter of it.
    static func excerpt(_ text: String, limit: Int = 280) -> String {
        var kept: [UInt8] = []
        kept.reserveCapacity(min(text.utf8.count, limit * 2))
        var count = 0
        var lastSpace: Int?
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.isASCII ? (scalar == " " || ("\t"..."\r").contains(scalar)) : scalar.properties.isWhitespace {
                pendingSpace = true
                continue
            }
            let space = pendingSpace && count > 0
            if count + (space ? 2 : 1) > limit {
                // Over the limit: cut at the last whole word.
                let cut = pendingSpace ? kept.count : lastSpace ?? kept.count
                return String(decoding: kept[..<cut], as: UTF8.self) + "…"
            }
            if space {
                lastSpace = kept.count
                kept.append(UInt8(ascii: " "))
                count += 1
            }
            pendingSpace = false
            kept.append(contentsOf: scalar.utf8)
            count += 1
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// The post's words for those allowed them (with a label when it is not visible to
    /// all), or the notice that says why they are not shown.
    static func words(_ post: Post, moderates: Bool, context: Context) -> HTML {
        let t = context.t
        let reader = context.user
        guard PostPolicy.showsWords(reader, status: post.status, authorID: post.authorID, moderates: moderates) else {
            return "<p class=\"post-removed\">\(t(removedKey(post)))</p>"
        }
        var label = HTML()
        if post.status != .visible {
            let reason: HTML = post.moderationReason.map { " \(t("forum.post.reason", ["reason": $0]))" } ?? ""
            label = "<p class=\"post-state\" role=\"note\"><strong>\(t(stateKey(post)))</strong>\(reason)</p>"
        }
        // (A thread's posts with stored HTML come without their Markdown: see PostQueries.threadColumns.)
        let text: HTML = post.cooked == nil && post.body.isEmpty
            ? "<p class=\"muted\">\(t("forum.post.purged"))</p>" : PostCooking.words(post)
        return label + text
    }

    static func removedKey(_ post: Post) -> String {
        switch post.status {
        case .deleted: "forum.post.removed_by_author"
        case .hidden where post.hiddenCause == "flags": "forum.post.removed_by_flags"
        default: "forum.post.removed"
        }
    }

    static func stateKey(_ post: Post) -> String {
        switch post.status {
        case .hidden: post.hiddenCause == "flags" ? "forum.post.state.hidden_flags" : "forum.post.state.hidden"
        case .deleted: "forum.post.state.deleted"
        case .pending: "forum.post.state.pending"
        case .rejected: "forum.post.state.rejected"
        case .visible: ""
        }
    }

    /// The post's links and buttons for this reader, in a footer (none when there are none).
    static func actions(
        _ post: Post, topic: Topic, moderates: Bool, standing: WriteStanding, labels: Labels, context: Context, into out: inout HTML
    ) {
        let t = context.t
        let mine = post.authorID == context.user?.id
        var count = 0
        func next() {
            out.append(count == 0 ? "<footer class=\"post-actions\">" : " · ")
            count += 1
        }
        func link(_ pattern: RoutePattern, _ label: String) {
            next()
            out.append("<a href=\"")
            out.append(path: pattern, post.id)
            out.append("\">")
            out.append(text: label)
            out.append("</a>")
        }
        if post.status == .visible, standing == .allowed { link(ForumPaths.reply, labels.reply) }
        if post.status == .visible, !mine { link(ForumPaths.flag, labels.flag) }
        if mine, post.status != .deleted, post.status != .rejected, !topic.isLocked || post.status == .hidden || moderates {
            link(ForumPaths.edit, labels.edit)
            if post.status != .pending { link(ForumPaths.delete, labels.delete) }
        }
        if mine, post.status == .hidden {
            next()
            out.append(html: post.reviewRequested ? "<span class=\"muted\">\(t("forum.review.requested"))</span>" : """
                <form class="inline" method="post" action="\(path: ForumPaths.requestReview, post.id)">\(csrfField(context.chrome))\
                <button type="submit" class="link-button">\(t("forum.review.request"))</button></form>
                """)
        }
        if moderates {
            link(ForumPaths.postModerate, labels.moderate)
            if post.editedAt != nil { link(ForumPaths.revisions, labels.revisions) }
        }
        if count > 0 { out.append("</footer>") }
    }

    static func edit(_ post: Post, topic: Topic, form: FormState, opening: Bool, context: Context) -> HTML {
        let t = context.t
        let title: HTML = opening ? form.input("title", label: t("forum.field.title"), required: true, maxLength: ForumInput.titleLimit, minLength: 3) : ""
        let hiddenNote: HTML = post.status == .hidden ? "<p class=\"notice\">\(t("forum.edit.hidden_note"))</p>" : ""
        return """
        \(ForumFormat.breadcrumb(t, forum: topic.forum))
        <section class="narrow">
        <h1>\(t("forum.edit.title"))</h1>
        <p class="lead"><a href="\(path: ForumPaths.post, post.id)" lang="\(topic.language)">\(topic.title)</a></p>
        \(hiddenNote)
        \(form.summary)
        <form class="form" method="post" action="\(path: ForumPaths.edit, post.id)" novalidate>
        \(csrfField(context.chrome))
        \(title)
        \(form.textarea("body", label: t("forum.field.body"), rows: 10, maxLength: ForumInput.bodyLimit, hint: t("forum.edit.hint")))
        <p class="actions"><button type="submit" class="button">\(t("forum.edit.submit"))</button> \
        <a class="button secondary" href="\(path: ForumPaths.post, post.id)">\(t("form.cancel"))</a></p>
        </form>
        </section>
        """
    }

    static func confirmDelete(_ post: Post, topic: Topic, context: Context) -> HTML {
        let t = context.t
        return """
        \(ForumFormat.breadcrumb(t, forum: topic.forum))
        <section class="narrow">
        <h1>\(t("forum.delete.title"))</h1>
        <p class="lead">\(t("forum.delete.lead"))</p>
        <blockquote class="post-quote"><p>\(excerpt(post.body))</p></blockquote>
        <form class="form" method="post" action="\(path: ForumPaths.delete, post.id)">
        \(csrfField(context.chrome))<input type="hidden" name="confirm" value="yes">
        <p class="actions"><button type="submit" class="button danger">\(t("forum.delete.submit"))</button> \
        <a class="button secondary" href="\(path: ForumPaths.post, post.id)">\(t("form.cancel"))</a></p>
        </form>
        </section>
        """
    }

    static func revisions(_ post: Post, topic: Topic, revisions: [Revision], context: Context) -> HTML {
        let t = context.t
        let items = revisions.map { revision -> HTML in
            let title: HTML = revision.title.map { "<p><strong>\(t("forum.field.title")):</strong> \($0)</p>" } ?? ""
            return """
            <li class="revision"><p class="muted">\(t("forum.revisions.replaced", ["name": ForumFormat.name(revision.editorName, t: t)])) \
            \(ForumFormat.time(revision.replacedAt, context: context))</p>\(title)<div class="revision-text" lang="\(post.language)">\(revision.body)</div></li>
            """
        }
        let list: HTML = revisions.isEmpty ? "<p class=\"empty\">\(t("forum.revisions.none"))</p>" : "<ol class=\"plain-list revisions\">\(items)</ol>"
        return """
        \(ForumFormat.breadcrumb(t, forum: topic.forum))
        <h1>\(t("forum.revisions.title"))</h1>
        <p class="lead"><a href="\(path: ForumPaths.post, post.id)" lang="\(topic.language)">\(topic.title)</a></p>
        <h2>\(t("forum.revisions.current"))</h2>
        <div class="revision-text" lang="\(post.language)">\(post.body)</div>
        <h2>\(t("forum.revisions.earlier"))</h2>
        \(list)
        """
    }
}
