import Foundation
import Web

/// The forum index, a forum's topics, and the new-topic form.
enum ForumPages {
    static func index(_ forums: [Forum], context: Context) -> HTML {
        let t = context.t
        let editions = forums.filter { $0.editionID != nil }
        let open = forums.filter { $0.editionID == nil }
        let editionList: HTML = editions.isEmpty ? "<p class=\"empty\">\(t("forum.index.no_editions"))</p>" : list(editions, context: context)
        return """
        <header class="page-header"><h1>\(t("forum.index.title"))</h1><p class="lead">\(t("forum.index.lead"))</p></header>
        \(searchForm(query: "", context: context))
        <section aria-labelledby="edition-forums"><h2 id="edition-forums">\(t("forum.index.editions"))</h2>\(editionList)</section>
        <section aria-labelledby="open-forums"><h2 id="open-forums">\(t("forum.index.open"))</h2>\(list(open, context: context))</section>
        <p><a href="\(ForumPaths.preferences.path())">\(t("forum.preferences.link"))</a></p>
        """
    }

    static func searchForm(query: String, context: Context) -> HTML {
        let t = context.t
        return """
        <form class="filters" role="search" method="get" action="\(ForumPaths.search.path())">
        <div class="field"><label for="forum-q">\(t("forum.search.label"))</label>
        <input id="forum-q" name="q" type="search" value="\(query)" maxlength="200"></div>
        <button type="submit" class="button">\(t("forum.search.submit"))</button>
        </form>
        """
    }

    static func list(_ forums: [Forum], context: Context) -> HTML {
        let t = context.t
        guard !forums.isEmpty else { return "<p class=\"empty\">\(t("forum.index.none"))</p>" }
        let items = forums.map { forum -> HTML in
            let network: HTML = forum.network.map { " <span class=\"label\">\(t("network.\($0)"))</span>" } ?? ""
            let description: HTML = forum.description.isEmpty ? "" : "<p>\(forum.description)</p>"
            return """
            <li class="forum-item"><h3><a href="\(ForumPaths.forum.path(forum.id))" lang="\(forum.language)">\(forum.title)</a>\(network)</h3>
            \(description)<p class="muted">\(counts(forum, context: context))</p></li>
            """
        }
        return "<ul class=\"plain-list forum-list\">\(items)</ul>"
    }

    /// "12 topics · 340 posts · last activity 3 May 2026, 17:05", from the kept counters.
    static func counts(_ forum: Forum, context: Context) -> HTML {
        let t = context.t
        let last: HTML = forum.lastPostAt.map { " · \(t("forum.last_activity")) \(ForumFormat.time($0, context: context))" } ?? ""
        return "\(t.plural("forum.topics", forum.topicCount)) · \(t.plural("forum.posts", forum.postCount))\(last)"
    }

    static func forum(_ view: ForumView, context: Context) -> HTML {
        let t = context.t
        let forum = view.forum
        let start: HTML = view.standing == .allowed
            ? "<a class=\"button\" href=\"\(ForumPaths.newTopic.path(forum.id))\">\(t("forum.new_topic.title"))</a>"
            : ForumFormat.standingNotice(view.standing, context: context)
        let report: HTML = forum.editionID.map { EditionPolicy.canManage(context.user, editionID: $0) } == true
            ? " <a class=\"button secondary\" href=\"\(ForumPaths.report.path(forum.id))\">\(t("forum.report.title"))</a>" : ""
        let more: HTML = view.next.map { "<nav class=\"pagination\" aria-label=\"\(t("pagination.label"))\"><a rel=\"next\" href=\"\($0)\">\(t("forum.topics.more"))</a></nav>" } ?? ""
        let description: HTML = forum.description.isEmpty ? "" : "<p class=\"lead\">\(forum.description)</p>"
        return """
        \(ForumFormat.breadcrumb(t))
        <header class="page-header"><h1 lang="\(forum.language)">\(forum.title)</h1>\(description)
        <p class="muted">\(counts(forum, context: context))</p></header>
        <div class="actions">\(start) \(ForumFormat.followButton(ForumPaths.followForum.path(forum.id), following: view.following, context: context))\(report)</div>
        \(topicList(view.topics, context: context))
        \(more)
        """
    }

    static func topicList(_ topics: [TopicListing], context: Context) -> HTML {
        let t = context.t
        guard !topics.isEmpty else { return "<p class=\"empty\">\(t("forum.topics.none"))</p>" }
        let items = topics.map { topic -> HTML in
            var labels = HTML()
            if topic.isPinned { labels += "<span class=\"label\">\(t("forum.label.pinned"))</span> " }
            if topic.isPrompt { labels += "<span class=\"label label-prompt\">\(t("forum.label.prompt"))</span> " }
            if topic.isLocked { labels += "<span class=\"label\">\(t("forum.label.locked"))</span> " }
            let due: HTML = topic.answerBy.map { " · \(t("forum.answer_by")) \(ForumFormat.time($0, context: context))" } ?? ""
            return """
            <li class="topic-item">\(labels)<a href="\(ForumPaths.topic.path(topic.id))" lang="\(topic.language)">\(topic.title)</a>
            <span class="muted">· \(ForumFormat.name(topic.authorName, t: t)) · \(t.plural("forum.posts", topic.postCount)) · \
            \(t("forum.last_activity")) \(ForumFormat.time(topic.lastPostAt, context: context))\(due)</span></li>
            """
        }
        return "<ul class=\"plain-list topic-list\">\(items)</ul>"
    }

    static func newTopic(_ forum: Forum, form: FormState, sessions: [EditionSession], standing: WriteStanding, context: Context) -> HTML {
        let t = context.t
        guard standing == .allowed else {
            return "\(ForumFormat.breadcrumb(t, forum: forum))<h1>\(t("forum.new_topic.title"))</h1>\(ForumFormat.standingNotice(standing, context: context))"
        }
        return """
        \(ForumFormat.breadcrumb(t, forum: forum))
        <section class="narrow">
        <h1>\(t("forum.new_topic.title"))</h1>
        \(form.summary)
        <form class="form" method="post" action="\(ForumPaths.topics.path(forum.id))" novalidate>
        \(csrfField(context.chrome))
        \(form.input("title", label: t("forum.field.title"), required: true, maxLength: ForumInput.titleLimit, minLength: 3))
        \(form.textarea("body", label: t("forum.field.body"), rows: 10, maxLength: ForumInput.bodyLimit, hint: t("forum.field.body_hint")))
        \(promptFields(sessions, form: form, context: context))
        <p class="actions"><button type="submit" class="button">\(t("forum.new_topic.submit"))</button></p>
        </form>
        </section>
        """
    }

    /// For the edition's teaching team: make the topic the reflection prompt of a session.
    static func promptFields(_ sessions: [EditionSession], form: FormState, context: Context) -> HTML {
        let t = context.t
        guard !sessions.isEmpty else { return "" }
        let options = [(value: "", label: t("forum.prompt.no_session"))]
            + sessions.map { (value: String($0.id), label: $0.title + " · " + t.dateTime($0.startsAt, timeZone: context.timeZone, showZone: false)) }
        return """
        <fieldset class="field"><legend>\(t("forum.prompt.legend"))</legend>
        <p class="hint">\(t("forum.prompt.hint"))</p>
        \(form.select("session_id", label: t("forum.prompt.session"), options: options))
        \(form.checkbox("reply_first", label: t("forum.prompt.reply_first"), checked: form.values["reply_first"] == "1"))
        \(form.input("answer_by", label: t("forum.prompt.answer_by"), type: "datetime-local", hint: t("forum.prompt.answer_by_hint", ["zone": context.timeZone.identifier])))
        </fieldset>
        """
    }
}
