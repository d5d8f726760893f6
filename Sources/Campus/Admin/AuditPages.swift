import Foundation
import Web

/// The audit log as people read it: actions in words, what they were about as links, and
/// details as sentences, in the reader's language.
enum AuditPages {
    static func page(_ entries: [AuditEntry], form: FormState, actions: [String], filtered: Bool, next: String?, context: Context) -> HTML {
        let t = context.t
        let actionOptions = [(value: "", label: t("admin.audit.any_action"))]
            + actions.map { (value: $0, label: actionLabel($0, t: t)) }.sorted { $0.label.localizedStandardCompare($1.label) == .orderedAscending }
        let more: HTML = next.map { "<nav class=\"pagination\" aria-label=\"\(t("pagination.label"))\"><a rel=\"next\" href=\"\($0)\">\(t("pagination.older"))</a></nav>" } ?? ""
        return """
        \(AdminRoutes.breadcrumb(t))
        <header class="page-header"><h1>\(t("admin.audit.title"))</h1><p class="lead">\(t("admin.audit.lead"))</p></header>
        <form class="filters" method="get" action="\(Paths.adminAudit.path())">
        \(form.input("actor", label: t("admin.audit.actor"), hint: nil, maxLength: 254))
        \(form.select("action", label: t("admin.audit.action"), options: actionOptions))
        \(form.input("from", label: t("admin.audit.from"), type: "date"))
        \(form.input("to", label: t("admin.audit.to"), type: "date"))
        <button type="submit" class="button">\(t("admin.filter"))</button>
        </form>
        \(table(entries, empty: t(filtered ? "admin.audit.empty" : "admin.audit.none"), context: context))
        \(more)
        """
    }

    /// The action in words; an action this version has no words for shows as recorded.
    static func actionLabel(_ action: String, t: Localizer) -> String {
        let key = "admin.audit.action.\(action)"
        return t.has(key) ? t(key) : action
    }

    static func table(_ entries: [AuditEntry], empty: String, context: Context) -> HTML {
        let t = context.t
        guard !entries.isEmpty else { return "<p class=\"empty\">\(empty)</p>" }
        let rows = entries.map { entry -> HTML in
            let actor: HTML = entry.actor.map { personLink($0, t: t) } ?? "\(t("admin.audit.system"))"
            let action: HTML = t.has("admin.audit.action.\(entry.action)")
                ? "\(t("admin.audit.action.\(entry.action)"))" : "<code>\(entry.action)</code>"
            return """
            <tr><td data-label="\(t("admin.audit.when"))">\(t.dateTime(entry.at, timeZone: context.timeZone, showZone: false))</td>
            <td data-label="\(t("admin.audit.actor"))">\(actor)</td><td data-label="\(t("admin.audit.action"))">\(action)</td>
            <td data-label="\(t("admin.audit.subject"))">\(subject(entry, t: t))</td>
            <td data-label="\(t("admin.audit.details"))">\(AuditDetails.sentence(entry, t: t))</td>
            <td data-label="\(t("admin.audit.address"))">\(entry.address)</td></tr>
            """
        }
        return """
        <div class="table-wrap"><table class="data stacking">
        <thead><tr><th scope="col">\(t("admin.audit.when"))</th><th scope="col">\(t("admin.audit.actor"))</th><th scope="col">\(t("admin.audit.action"))</th>
        <th scope="col">\(t("admin.audit.subject"))</th><th scope="col">\(t("admin.audit.details"))</th><th scope="col">\(t("admin.audit.address"))</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """
    }

    /// What the entry is about, named and linked to its staff page.
    static func subject(_ entry: AuditEntry, t: Localizer) -> HTML {
        if let forum = ForumAuditWords.subject(entry, t: t) { return forum }
        switch entry.subjectKind {
        case "user": return entry.person.map { personLink($0, t: t) } ?? numbered("admin.audit.user", entry.subjectID, t: t)
        case "organization": return entry.organization.map(organizationLink) ?? numbered("admin.audit.organization", entry.subjectID, t: t)
        case "course": return entry.course.map(courseLink) ?? numbered("admin.audit.course", entry.subjectID, t: t)
        case "edition": return editionLink(entry) ?? numbered("admin.audit.edition", entry.subjectID, t: t)
        case "enrollment":
            guard let person = entry.person, let edition = editionLink(entry) else { return numbered("admin.audit.enrollment", entry.subjectID, t: t) }
            return t.html("admin.audit.subject.enrollment", ["person": personLink(person, t: t), "edition": edition])
        case "certificate":
            // The certificate of a person for a course, as its details name them.
            guard let person = entry.person, let course = entry.course else { return numbered("admin.audit.certificate", entry.subjectID, t: t) }
            return t.html("admin.audit.subject.certificate", ["person": personLink(person, t: t), "course": courseLink(course)])
        case "application":
            // Whose application to which edition, as its details name them; linked to the committee's page of it.
            guard let person = entry.person, let edition = editionLink(entry), let id = entry.subjectID else {
                return numbered("admin.audit.application", entry.subjectID, t: t)
            }
            let number: HTML = "<a href=\"\(ScholarshipPaths.application.path(id))\">\(t("admin.audit.application", ["id": String(id)]))</a>"
            return "\(number): " + t.html("admin.audit.subject.application", ["person": personLink(person, t: t), "edition": edition])
        case "call":
            guard let edition = editionLink(entry), let id = entry.subjectID else { return numbered("admin.audit.call", entry.subjectID, t: t) }
            let number: HTML = "<a href=\"\(ScholarshipPaths.adminCall.path(id))\">\(t("admin.audit.call", ["id": String(id)]))</a>"
            return "\(number): " + t.html("admin.audit.subject.call", ["edition": edition])
        default:
            return "\([entry.subjectKind, entry.subjectID.map(String.init)].compactMap { $0 }.joined(separator: " "))"
        }
    }

    static func numbered(_ key: String, _ id: Int64?, t: Localizer) -> HTML {
        "\(t(key, ["id": id.map(String.init) ?? "—"]))"
    }

    /// A person's name, or the words for an account deleted since.
    static func personName(_ person: AuditPerson, t: Localizer) -> String {
        person.isDeleted ? t("admin.former_participant") : person.name
    }

    static func personLink(_ person: AuditPerson, t: Localizer) -> HTML {
        "<a href=\"\(Paths.adminUser.path(person.id))\">\(personName(person, t: t))</a>"
    }

    static func organizationLink(_ organization: (id: Int64, name: String)) -> HTML {
        "<a href=\"\(Paths.adminOrganization.path(organization.id))\">\(organization.name)</a>"
    }

    static func courseLink(_ course: (id: Int64, title: String)) -> HTML {
        "<a href=\"\(Paths.adminCourse.path(course.id))\">\(course.title)</a>"
    }

    /// The edition's name, then its course's title: an edition's name alone ("XIX edición") is ambiguous.
    static func editionLink(_ entry: AuditEntry) -> HTML? {
        guard let edition = entry.edition else { return nil }
        let course: HTML = entry.course.map { " · \(courseLink($0))" } ?? ""
        return "<a href=\"\(Paths.adminEdition.path(edition.id))\">\(edition.name)</a>\(course)"
    }
}
