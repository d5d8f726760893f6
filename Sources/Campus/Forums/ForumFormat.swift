import Foundation
import Web

/// Small pieces every forum page writes the same way.
enum ForumFormat {
    /// A person's name, or the words for an account deleted since.
    static func name(_ name: String?, t: Localizer) -> String {
        name ?? t("forum.former_participant")
    }

    /// An instant in the reader's zone, with its machine-readable form.
    static func time(_ instant: Date, context: Context) -> HTML {
        context.t.timeElement(instant, timeZone: context.timeZone)
    }

    /// "2026-05-01T17:05Z".
    static func iso(_ instant: Date) -> String {
        var out: [UInt8] = []
        CivilTime(utc: instant).appendISOMinute(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// What a datetime-local field shows for an instant in a zone: "2026-05-01T17:05".
    static func localInput(_ instant: Date, zone: TimeZone) -> String {
        let c = CivilTime(instant, in: zone)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(c.year)-\(two(c.month))-\(two(c.day))T\(c.clock)"
    }

    static func breadcrumb(_ t: Localizer, forum: Forum? = nil) -> HTML {
        let inForum: HTML = forum.map { " › <a href=\"\(ForumPaths.forum.path($0.id))\">\($0.title)</a>" } ?? ""
        return "<nav class=\"breadcrumb\" aria-label=\"\(t("layout.breadcrumb"))\"><a href=\"\(ForumPaths.forums.path())\">\(t("forum.index.title"))</a>\(inForum)</nav>"
    }

    /// Why the reader cannot write here, in place of the form.
    static func standingNotice(_ standing: WriteStanding, context: Context) -> HTML {
        let t = context.t
        switch standing {
        case .allowed: return ""
        case .unverified: return "<p class=\"notice\">\(t("error.403.unverified"))</p>"
        case .locked: return "<p class=\"notice\">\(t("forum.locked"))</p>"
        case .suspended(let until, let reason):
            return "<p class=\"notice\" role=\"status\">\(t("forum.suspended", ["until": t.dateTime(until, timeZone: context.timeZone), "reason": reason]))</p>"
        }
    }

    /// A follow / stop following button.
    static func followButton(_ action: String, following: Bool, context: Context) -> HTML {
        let t = context.t
        return """
        <form class="inline" method="post" action="\(action)">\(csrfField(context.chrome))\
        <input type="hidden" name="follow" value="\(following ? "0" : "1")">\
        <button type="submit" class="button secondary small">\(t(following ? "forum.unfollow" : "forum.follow"))</button></form>
        """
    }

    /// A moderator's reason, with an id of its own: a page may hold several such forms.
    static func reasonField(_ id: String, label: String, error: String?, value: String) -> HTML {
        let message: HTML = error.map { "<p class=\"field-error\" id=\"\(id)-error\">\($0)</p>" } ?? ""
        let described: HTML = error == nil ? "" : " aria-describedby=\"\(id)-error\" aria-invalid=\"true\""
        return """
        <div class="field"><label for="\(id)">\(label)</label>
        <textarea id="\(id)" name="reason" rows="2" maxlength="\(ForumInput.reasonLimit)"\(described)>\(value)</textarea>\(message)</div>
        """
    }
}
