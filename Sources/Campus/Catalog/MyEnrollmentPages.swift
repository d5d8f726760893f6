import Web

/// The reader's enrollments on /me: where they stand in each edition.
enum MyEnrollmentPages {
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
        <section id="enrollments" aria-labelledby="enrollments-title">
        <h2 id="enrollments-title">\(t("me.enrollments.title"))</h2>
        \(list)
        </section>
        """
    }
}
