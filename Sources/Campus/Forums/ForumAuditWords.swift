import Web

/// The audit log's words for what moderators and admins do in the forums: what the entry
/// is about (a post by someone in a topic, a topic, a forum) and its details as sentences.
/// The entries record the author's id and the titles as they were, so a deleted account
/// reads as a former participant and a topic renamed since keeps the title it had.
enum ForumAuditWords {
    static let actions: Set<String> = [
        "post.hide", "post.restore", "post.clear_flags", "post.approve", "post.reject",
        "topic.lock", "topic.unlock", "topic.pin", "topic.unpin", "topic.move", "topic.slow_mode", "topic.slow_mode_off", "topic.prompt",
        "user.suspend", "user.unsuspend", "forum.create", "forum.update",
    ]

    /// Nil for an entry that is not the forums'.
    static func subject(_ entry: AuditEntry, t: Localizer) -> HTML? {
        guard let id = entry.subjectID, actions.contains(entry.action) else { return nil }
        let topic = entry.detail("topic") ?? ""
        switch entry.subjectKind {
        case "post":
            let person: HTML = entry.person.map { AuditPages.personLink($0, t: t) } ?? "\(t("forum.former_participant"))"
            return t.html("admin.audit.subject.post", ["person": person, "topic": "<a href=\"\(ForumPaths.post.path(id))\">\(topic)</a>"])
        case "topic":
            return t.html("admin.audit.subject.topic", ["topic": "<a href=\"\(ForumPaths.topic.path(id))\">\(topic)</a>"])
        case "forum":
            return "<a href=\"\(ForumPaths.adminForum.path(id))\">\(entry.detail("forum") ?? String(id))</a>"
        default:
            return nil
        }
    }

    /// Nil for an action that is not the forums'; `take` hands over (and removes) one detail.
    static func sentences(_ action: String, take: (String) -> String?, t: Localizer) -> [HTML]? {
        guard actions.contains(action) else { return nil }
        _ = (take("user"), take("topic"), take("session"))
        var said: [HTML] = []
        if let forum = take("forum"), !action.hasPrefix("forum.") { said.append("\(t("admin.audit.detail.forum", ["forum": forum]))") }
        if let to = take("to_forum") { said.append("\(t("admin.audit.detail.moved_to", ["forum": to]))") }
        if let seconds = take("seconds").flatMap(Int.init), seconds > 0 {
            said.append("\(t("admin.audit.detail.slow_mode", ["wait": ModerationPages.duration(seconds, t: t)]))")
        }
        if let days = take("days").flatMap(Int.init) { said.append("\(t.plural("admin.audit.detail.suspended_days", days))") }
        if let until = take("until") { said.append("\(t("admin.audit.detail.until", ["until": until.replacingOccurrences(of: "T", with: " ")]))") }
        if let premoderation = take("premoderation") { said.append("\(t("admin.audit.detail.premoderation", ["value": premoderation]))") }
        if let title = take("title") { said.append("\(t("admin.audit.detail.title", ["value": title]))") }
        if take("description") != nil { said.append("\(t("admin.audit.detail.edited", ["field": t("admin.forums.description")]))") }
        if let reason = take("reason"), !reason.isEmpty { said.append("\(t("admin.audit.detail.reason", ["reason": reason]))") }
        return said
    }
}
