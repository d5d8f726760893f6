import Foundation
import Web

/// A topic's page: its posts a page at a time, each with its quote as the quoted post is
/// now, and the reply form at the foot.
enum TopicPages {
    static func topic(_ view: TopicView, context: Context) -> HTML {
        let t = context.t
        let topic = view.topic
        let labels = PostPages.Labels(t)
        var posts = HTML()
        posts.reserveCapacity(view.posts.count * 1_024)
        for post in view.posts {
            PostPages.write(post, topic: topic, moderates: view.moderates, standing: view.standing, labels: labels, context: context, into: &posts)
        }
        let gate: HTML = view.seesOthers ? "" : "<p class=\"notice\" role=\"status\">\(t("forum.prompt.answer_first"))</p>"
        let waiting: HTML = view.waiting.isEmpty ? "" : """
            <section aria-labelledby="waiting-title"><h2 id="waiting-title">\(t("forum.waiting.title"))</h2>
            \(view.waiting.map { PostPages.article($0, topic: topic, moderates: view.moderates, standing: view.standing, labels: labels, context: context) })</section>
            """
        return """
        \(ForumFormat.breadcrumb(t, forum: topic.forum))
        <header class="page-header"><h1 lang="\(topic.language)">\(topic.title)</h1>
        \(facts(topic, context: context))</header>
        <div class="actions">\(ForumFormat.followButton(ForumPaths.followTopic.path(topic.id), following: view.following, context: context))\(staffLinks(view, context: context))</div>
        \(pagination(view, context: context))
        <div class="posts">\(posts)</div>
        \(gate)
        \(pagination(view, context: context))
        \(waiting)
        \(replyForm(topic, quoted: nil, form: view.form, standing: view.standing, context: context))
        """
    }

    /// Pinned, locked, the session it is the prompt of, the date to answer by, slow mode.
    static func facts(_ topic: Topic, context: Context) -> HTML {
        let t = context.t
        var items: [HTML] = []
        // The prompt's label on a line of its own: long session titles wrap it on a phone,
        // and the facts after it should not start with a separator.
        let prompt: HTML = topic.sessionTitle.map {
            "<p><span class=\"label label-prompt\">\(t("forum.prompt.of", ["session": $0]))</span></p>"
        } ?? ""
        if let due = topic.answerBy { items.append("\(t("forum.answer_by")) \(ForumFormat.time(due, context: context))") }
        if topic.replyFirst { items.append("\(t("forum.prompt.reply_first_note"))") }
        if topic.isPinned { items.append("<span class=\"label\">\(t("forum.label.pinned"))</span>") }
        if topic.isLocked { items.append("<span class=\"label\">\(t("forum.label.locked"))</span>") }
        if let seconds = topic.slowModeSeconds { items.append("\(t("forum.slow_mode.on", ["wait": ModerationPages.duration(seconds, t: t)]))") }
        items.append("\(t.plural("forum.posts", topic.postCount))")
        return "\(prompt)<p class=\"muted\">\(items.joined(separator: " · "))</p>"
    }

    static func staffLinks(_ view: TopicView, context: Context) -> HTML {
        let t = context.t
        var links = HTML()
        if view.moderates || PromptInput.mayMakePrompts(context.user, forum: view.topic.forum) {
            links += " <a class=\"button secondary small\" href=\"\(ForumPaths.topicModerate.path(view.topic.id))\">\(t("forum.moderate.topic"))</a>"
        }
        return links
    }

    /// First, previous, the pages around this one, next, last — plain links.
    static func pagination(_ view: TopicView, context: Context) -> HTML {
        guard view.pages > 1, view.seesOthers else { return "" }
        let t = context.t
        let path = ForumPaths.topic.path(view.topic.id)
        func link(_ page: Int, _ label: String, rel: String? = nil) -> HTML {
            let relation: HTML = rel.map { " rel=\"\($0)\"" } ?? ""
            return "<a href=\"\(path)\(page > 1 ? "?page=\(page)" : "")\"\(relation)>\(label)</a>"
        }
        var parts: [HTML] = []
        if view.page > 1 { parts.append(link(1, t("pagination.first"))); parts.append(link(view.page - 1, t("pagination.previous"), rel: "prev")) }
        for page in max(1, view.page - 2)...min(view.pages, view.page + 2) {
            parts.append(page == view.page ? "<span aria-current=\"page\">\(page)</span>" : link(page, String(page)))
        }
        if view.page < view.pages { parts.append(link(view.page + 1, t("pagination.next"), rel: "next")); parts.append(link(view.pages, t("pagination.last"))) }
        return "<nav class=\"pagination\" aria-label=\"\(t("forum.pages", ["page": String(view.page), "pages": String(view.pages)]))\">\(parts.joined(separator: " "))</nav>"
    }

    /// The form at the foot of a topic, or why the reader cannot write.
    static func replyForm(_ topic: Topic, quoted: Post?, form: FormState, standing: WriteStanding, context: Context) -> HTML {
        let t = context.t
        guard standing == .allowed else { return ForumFormat.standingNotice(standing, context: context) }
        guard topic.postCount > 0 else { return "" }
        let replyTo: HTML = quoted.map { "<input type=\"hidden\" name=\"reply_to\" value=\"\($0.id)\">" } ?? ""
        return """
        <section class="reply" aria-labelledby="reply-title">
        <h2 id="reply-title">\(t(quoted == nil ? "forum.reply.heading" : "forum.reply.quoting"))</h2>
        \(form.summary)
        <form class="form" method="post" action="\(ForumPaths.posts.path(topic.id))" novalidate>
        \(csrfField(context.chrome))\(replyTo)
        \(form.textarea("body", label: t("forum.field.reply"), rows: 6, maxLength: ForumInput.bodyLimit, hint: t("forum.field.body_hint")))
        <p class="actions"><button type="submit" class="button">\(t("forum.reply.submit"))</button></p>
        </form>
        </section>
        """
    }

    /// Replying on a page of its own: with the quoted post, or the form sent back.
    static func replyPage(_ topic: Topic, quoted: Post?, form: FormState, standing: WriteStanding, context: Context) -> HTML {
        let t = context.t
        let quote: HTML = quoted.map { post in
            "<blockquote class=\"post-quote\"><p>\(t("forum.quote.by", ["name": ForumFormat.name(post.authorName, t: t), "n": String(post.position ?? 0)]))</p>\(PostCooking.words(post))</blockquote>"
        } ?? ""
        return """
        \(ForumFormat.breadcrumb(t, forum: topic.forum))
        <h1><a href="\(ForumPaths.topic.path(topic.id))" lang="\(topic.language)">\(topic.title)</a></h1>
        \(quote)
        \(replyForm(topic, quoted: quoted, form: form, standing: standing, context: context))
        """
    }
}
