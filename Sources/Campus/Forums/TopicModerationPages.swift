import Foundation
import Web

/// A topic's moderation page: a form per action, each with its own reason field.
enum TopicModerationPages {
    struct View {
        let topic: Topic
        let form: FormState
        /// The action whose form came back with an error.
        let failed: String?
        let moderates: Bool
        let targets: [(id: Int64, title: String)]
        let sessions: [EditionSession]
    }

    static func page(_ view: View, context: Context) -> HTML {
        let t = context.t
        let topic = view.topic
        var sections: [HTML] = []
        if view.moderates {
            let lock = topic.isLocked ? ("unlock", ForumPaths.unlock) : ("lock", ForumPaths.lock)
            let pin = topic.isPinned ? ("unpin", ForumPaths.unpin) : ("pin", ForumPaths.pin)
            sections.append(simple(view, action: lock.0, path: lock.1.path(topic.id), context: context))
            sections.append(simple(view, action: pin.0, path: pin.1.path(topic.id), context: context))
            sections.append(move(view, context: context))
            sections.append(slowMode(view, context: context))
        }
        if !view.sessions.isEmpty { sections.append(prompt(view, context: context)) }
        return """
        \(ForumFormat.breadcrumb(t, forum: topic.forum))
        <h1>\(t("forum.moderate.topic"))</h1>
        <p class="lead"><a href="\(ForumPaths.topic.path(topic.id))" lang="\(topic.language)">\(topic.title)</a></p>
        \(view.form.summary)
        \(sections)
        """
    }

    static func reasonField(_ view: View, action: String, context: Context) -> HTML {
        let failed = view.failed == action
        return ForumFormat.reasonField(
            "\(action)-reason", label: context.t("forum.moderate.reason"), error: failed ? view.form.message("reason") : nil,
            value: failed ? view.form.values["reason"] ?? "" : "")
    }

    static func section(_ action: String, path: String, fields: HTML, context: Context) -> HTML {
        let t = context.t
        return """
        <section class="panel" aria-labelledby="\(action)-title"><h2 id="\(action)-title">\(t("forum.moderate.\(action).title"))</h2>
        <form class="form" method="post" action="\(path)">\(csrfField(context.chrome))
        \(fields)
        <p class="actions"><button type="submit" class="button">\(t("forum.moderate.\(action).submit"))</button></p>
        </form></section>
        """
    }

    static func simple(_ view: View, action: String, path: String, context: Context) -> HTML {
        section(action, path: path, fields: reasonField(view, action: action, context: context), context: context)
    }

    static func move(_ view: View, context: Context) -> HTML {
        let t = context.t
        guard view.topic.forum.editionID == nil else { return "<p class=\"hint\">\(t("forum.move.private"))</p>" }
        guard !view.targets.isEmpty else { return "" }
        let options = view.targets.map { "<option value=\"\($0.id)\">\($0.title)</option>" as HTML }
        let select: HTML = """
            <div class="field"><label for="move-forum">\(t("forum.move.to"))</label><select id="move-forum" name="forum_id">\(options)</select></div>
            """
        return section("move", path: ForumPaths.move.path(view.topic.id), fields: select + reasonField(view, action: "move", context: context), context: context)
    }

    static func slowMode(_ view: View, context: Context) -> HTML {
        let t = context.t
        let current = view.topic.slowModeSeconds ?? 0
        let options = TopicModerationRoutes.slowModeChoices.map { seconds -> HTML in
            let label = seconds == 0 ? t("forum.slow_mode.off") : ModerationPages.duration(seconds, t: t)
            return "<option value=\"\(seconds)\"\(attribute: "selected", when: seconds == current)>\(label)</option>"
        }
        let select: HTML = """
            <div class="field"><label for="slow-seconds">\(t("forum.slow_mode.label"))</label><select id="slow-seconds" name="seconds">\(options)</select>
            <p class="hint">\(t("forum.slow_mode.hint"))</p></div>
            """
        return section("slow", path: ForumPaths.slowMode.path(view.topic.id), fields: select + reasonField(view, action: "slow", context: context), context: context)
    }

    static func prompt(_ view: View, context: Context) -> HTML {
        var form = view.failed == "prompt" ? view.form : FormState(t: context.t)
        if view.failed != "prompt" {
            form.values["session_id"] = view.topic.sessionID.map(String.init) ?? ""
            form.values["reply_first"] = view.topic.replyFirst ? "1" : ""
            form.values["answer_by"] = view.topic.answerBy.map { ForumFormat.localInput($0, zone: context.timeZone) } ?? ""
        }
        return section("prompt", path: ForumPaths.prompt.path(view.topic.id), fields: ForumPages.promptFields(view.sessions, form: form, context: context), context: context)
    }
}
