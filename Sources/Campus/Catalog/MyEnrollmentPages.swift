import Web

/// The reader's enrollments on /me: where they stand in each edition; and for the
/// teaching team, the way to what they teach.
enum MyEnrollmentPages {
    static func teaching(_ context: Context) -> HTML {
        guard let user = context.user, user.teachesAnyEdition else { return "" }
        let t = context.t
        return """
        <section id="teaching" class="card" aria-labelledby="teaching-title">
        <h2 id="teaching-title">\(t("teaching.title"))</h2>
        <p>\(t.plural("me.teaching.summary", user.taughtEditionCount))</p>
        <p><a class="button secondary" href="\(Paths.teaching.path())">\(t("me.teaching.link"))</a></p>
        </section>
        """
    }

    static func section(_ rows: [(detail: MyEnrollmentRow, enrollment: Enrollment)], context: Context) -> HTML {
        let t = context.t
        let items = rows.map { row -> HTML in
            let enrollment = row.enrollment
            let note: HTML
            if let text = enrollment.completionNote ?? enrollment.decisionNote, !text.isEmpty {
                note = "<br><span class=\"muted\">\(t("me.enrollments.note", ["note": text]))</span>"
            } else {
                note = ""
            }
            return """
            <li><a href="\(Paths.edition.path(row.detail.editionID))">\(row.detail.courseTitle) · \(row.detail.editionName)</a> \
            <span class="muted">· \(CatalogPages.dateRange(row.detail.startsOn, row.detail.endsOn, t: t))</span><br>\
            <strong>\(EditionPages.statusText(enrollment, t: t))</strong>\(note)</li>
            """
        }
        let list: HTML = rows.isEmpty
            ? "<p class=\"empty\">\(t("me.enrollments.none")) <a href=\"\(Paths.courses.path())\">\(t("me.enrollments.browse"))</a></p>"
            : "<ul class=\"plain-list\">\(items)</ul>"
        return """
        \(teaching(context))
        <section id="enrollments" aria-labelledby="enrollments-title">
        <h2 id="enrollments-title">\(t("me.enrollments.title"))</h2>
        \(list)
        </section>
        """
    }
}
