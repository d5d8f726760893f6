import Foundation
import Postgres
import Web

/// For the teaching team: how each participant took part in the edition's forum — topics
/// started, replies, last activity, and whether they answered each reflection prompt by
/// its date — on a page and as CSV.
enum ReportRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", ForumPaths.report, showReport),
        Route("GET", ForumPaths.reportCSV, exportReport),
    ]

    struct Prompt {
        let id: Int64
        let title: String
        let answerBy: Date?
    }

    struct Row {
        let name: String?
        let topics: Int
        let replies: Int
        let lastActivity: Date?
        /// Per prompt, in order: on_time, late or none.
        let answers: [String]
    }

    /// An edition's forum whose edition the reader teaches (or an admin): 404 for those who
    /// may not read it and for open forums, 403 for other readers.
    static func loadForum(_ context: Context) throws -> (Forum, Int64) {
        let forum = try ForumRoutes.loadForum(context)
        guard let editionID = forum.editionID else { throw HTTPError(.notFound, reason: "forum.report.open_forum") }
        guard EditionPolicy.canManage(context.user, editionID: editionID) else { throw HTTPError(.forbidden) }
        return (forum, editionID)
    }

    static func fetchPrompts(_ db: Connection, forumID: Int64) throws -> [Prompt] {
        try db.query("""
            SELECT id, title, answer_by FROM forum_topics WHERE forum_id = \(forumID) AND session_id IS NOT NULL ORDER BY created_at, id
            """).map { Prompt(id: try $0["id"], title: try $0["title"], answerBy: try $0["answer_by"]) }
    }

    /// One statement: every participant, with their numbers and their answer to each
    /// prompt (their first post in it beyond the prompt, against its date).
    static func fetchRows(_ db: Connection, forumID: Int64, editionID: Int64, prompts: [Prompt]) throws -> [Row] {
        let ids = prompts.map(\.id)
        return try db.query("""
            WITH people AS (\(Participation.participantsSQL(edition: "\(editionID)"))),
            mine AS (
                SELECT p.author_id, count(*) FILTER (WHERE p.position = 1)::int8 AS topics, count(*) FILTER (WHERE p.position > 1)::int8 AS replies,
                       max(p.created_at) AS last_activity
                FROM posts p JOIN forum_topics t ON t.id = p.topic_id
                WHERE t.forum_id = \(forumID) AND p.status IN ('visible', 'hidden') GROUP BY p.author_id
            )
            SELECT \(AccountQueries.nameSQL("people.user_id")) AS name, coalesce(mine.topics, 0) AS topics, coalesce(mine.replies, 0) AS replies,
                   mine.last_activity,
                   ARRAY(SELECT CASE WHEN a.first IS NULL THEN 'none' WHEN t.answer_by IS NULL OR a.first <= t.answer_by THEN 'on_time' ELSE 'late' END
                         FROM unnest(\(ids)::int8[]) WITH ORDINALITY AS pr(id, n) JOIN forum_topics t ON t.id = pr.id
                         CROSS JOIN LATERAL (SELECT min(p.created_at) AS first FROM posts p
                                             WHERE p.topic_id = t.id AND p.author_id = people.user_id AND p.position IS DISTINCT FROM 1
                                               AND p.status IN ('visible', 'hidden', 'pending')) a
                         ORDER BY pr.n) AS answers
            FROM people LEFT JOIN mine ON mine.author_id = people.user_id
            ORDER BY lower(\(AccountQueries.nameSQL("people.user_id"))) NULLS LAST, people.user_id
            """).map { row in
            Row(name: try row["name"], topics: try row["topics"], replies: try row["replies"], lastActivity: try row["last_activity"], answers: try row["answers"])
        }
    }

    static func showReport(_ context: Context) throws -> Response {
        let (forum, editionID) = try loadForum(context)
        let db = try context.db
        let prompts = try fetchPrompts(db, forumID: forum.id)
        let rows = try fetchRows(db, forumID: forum.id, editionID: editionID, prompts: prompts)
        return context.page(context.t("forum.report.title"), ReportPages.page(forum, prompts: prompts, rows: rows, context: context), section: .forums)
    }

    static func exportReport(_ context: Context) throws -> Response {
        let (forum, editionID) = try loadForum(context)
        let t = context.t
        let db = try context.db
        let prompts = try fetchPrompts(db, forumID: forum.id)
        var csv = [[t("field.name"), t("forum.report.topics"), t("forum.report.replies"), t("forum.report.last_activity")] + prompts.map(\.title)]
        for row in try fetchRows(db, forumID: forum.id, editionID: editionID, prompts: prompts) {
            csv.append([
                ForumFormat.name(row.name, t: t), String(row.topics), String(row.replies),
                row.lastActivity.map { RosterRoutes.isoDay($0, zone: context.timeZone) } ?? "",
            ] + row.answers.map { t("forum.report.answer.\($0)") })
        }
        var response = Response(status: .ok, headers: [("Content-Type", "text/csv; charset=utf-8")], body: CSV.render(csv))
        response.setHeader("Content-Disposition", "attachment; filename=\"forum-\(forum.id).csv\"")
        response.setHeader("Cache-Control", "no-store")
        return response
    }
}

enum ReportPages {
    static func page(_ forum: Forum, prompts: [ReportRoutes.Prompt], rows: [ReportRoutes.Row], context: Context) -> HTML {
        let t = context.t
        let promptHeads = prompts.map { prompt -> HTML in
            let due: HTML = prompt.answerBy.map { " <span class=\"muted\">(\(t("forum.answer_by")) \(ForumFormat.time($0, context: context)))</span>" } ?? ""
            return "<th scope=\"col\">\(prompt.title)\(due)</th>"
        }
        let body = rows.map { row -> HTML in
            let answers = zip(prompts, row.answers).map { prompt, answer -> HTML in
                "<td data-label=\"\(prompt.title)\">\(t("forum.report.answer.\(answer)"))</td>"
            }
            let last: HTML = row.lastActivity.map { ForumFormat.time($0, context: context) } ?? "—"
            return """
            <tr><th scope="row" data-label="\(t("field.name"))">\(ForumFormat.name(row.name, t: t))</th>
            <td data-label="\(t("forum.report.topics"))">\(row.topics)</td><td data-label="\(t("forum.report.replies"))">\(row.replies)</td>
            <td data-label="\(t("forum.report.last_activity"))">\(last)</td>\(answers)</tr>
            """
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\">\(t("forum.report.empty"))</p>" : """
            <div class="table-wrap"><table class="data stacking"><thead><tr><th scope="col">\(t("field.name"))</th>
            <th scope="col">\(t("forum.report.topics"))</th><th scope="col">\(t("forum.report.replies"))</th>
            <th scope="col">\(t("forum.report.last_activity"))</th>\(promptHeads)</tr></thead><tbody>\(body)</tbody></table></div>
            """
        return """
        \(ForumFormat.breadcrumb(t, forum: forum))
        <header class="page-header"><h1>\(t("forum.report.title"))</h1><p class="lead">\(t("forum.report.lead"))</p></header>
        <p><a class="button secondary" href="\(ForumPaths.reportCSV.path(forum.id))">\(t("forum.report.csv"))</a></p>
        \(table)
        """
    }
}
