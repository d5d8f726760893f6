import Web

/// An audit entry's details as sentences in the reader's language: the role granted, the
/// note sent, the fields changed from what to what. Details an action records that have
/// no words here yet are shown as recorded, so nothing is hidden.
enum AuditDetails {
    static func sentence(_ entry: AuditEntry, t: Localizer) -> HTML {
        var rest = entry.details
        func take(_ key: String) -> String? {
            guard let index = rest.firstIndex(where: { $0.0 == key }) else { return nil }
            return rest.remove(at: index).1
        }
        var said: [HTML] = []
        switch entry.action {
        case "role.grant", "role.revoke":
            if let text = take("role"), let grant = RoleGrant(text) { said.append(role(grant, entry, t: t)) }
            _ = take("via")
        case "user.create":
            _ = take("via")
        case "affiliation.confirm", "affiliation.reject":
            if let organization = entry.organization, take("organization") != nil {
                said.append(t.html("admin.audit.detail.organization", ["organization": AuditPages.organizationLink(organization)]))
            }
        case "enrollment.approve", "enrollment.reject", "enrollment.complete", "enrollment.not_complete":
            _ = (take("edition"), take("user"))
            if let status = take("status"), t.has("admin.audit.detail.status.\(status)") { said.append("\(t("admin.audit.detail.status.\(status)"))") }
            if let note = take("note"), !note.isEmpty { said.append("\(t("admin.audit.detail.note", ["note": note]))") }
        case "edition.create":
            _ = (take("course"), take("name"))
            if let language = take("language"), let capacity = take("capacity").flatMap({ Int($0) }) {
                said.append("\(t.plural("admin.audit.detail.edition", capacity, ["language": word("language", language, t: t)]))")
            }
        case "course.create":
            _ = (take("slug"), take("title"))
            if let kind = take("kind") { said.append("\(t("admin.audit.detail.kind", ["kind": word("kind", kind, t: t)]))") }
        case "organization.create":
            _ = take("name")
        case "session.create", "session.delete":
            said.append(session(entry.action, take: take, t: t))
        default:
            if let words = CapsuleAuditWords.sentences(entry.action, take: take, t: t) ?? ForumAuditWords.sentences(entry.action, take: take, t: t) {
                said += words
            } else if let words = ScholarshipAuditWords.sentences(entry.action, take: take, t: t) {
                said += words
                if entry.action == "call.update" {
                    said += rest.map { ScholarshipAuditWords.change(field: $0.0, value: $0.1, t: t) }
                    rest = []
                }
            } else if entry.action.hasSuffix(".update") {
                let kind = entry.action.dropLast(".update".count)
                said += rest.map { change(kind: String(kind), field: $0.0, value: $0.1, t: t) }
                rest = []
            }
        }
        said += rest.map { "\($0.0): \($0.1)." }
        return said.joined(separator: " ")
    }

    /// "Role: instructor in XIX edición · Programa…", the edition linked when it still exists.
    static func role(_ grant: RoleGrant, _ entry: AuditEntry, t: Localizer) -> HTML {
        if grant.role == .instructor, let edition = AuditPages.editionLink(entry) {
            return t.html("admin.audit.detail.role_edition", ["edition": edition])
        }
        return "\(t("admin.audit.detail.role", ["role": UserAdminPages.roleLabel(grant, t: t)]))"
    }

    static func session(_ action: String, take: (String) -> String?, t: Localizer) -> HTML {
        _ = take("session")
        let title = take("title") ?? ""
        guard action == "session.create" else {
            let told = take("notified").flatMap { Int($0) }.map { " " + t.plural("admin.audit.detail.notified", $0) } ?? ""
            return "\(t("admin.audit.detail.session_deleted", ["title": title]) + told)"
        }
        let kind = take("kind").map { t("session.kind.\($0)") } ?? ""
        let when = (take("starts_at") ?? "").replacingOccurrences(of: "T", with: " ")
        let duration = take("duration_minutes").flatMap { Int($0) }.map { t.plural("edition.minutes", $0) } ?? ""
        return "\(t("admin.audit.detail.session_created", ["title": title, "kind": kind, "when": when, "duration": duration]))"
    }

    /// Each field's label where a staff form shows the same field.
    static let fieldLabels: [String: String] = [
        "course.slug": "admin.courses.slug", "course.kind": "admin.courses.kind", "course.title": "admin.courses.field_title",
        "course.language": "admin.courses.language", "course.published": "admin.audit.field.published",
        "course.pathways": "admin.courses.pathways", "course.topics": "admin.courses.topics",
        "course.summary": "admin.courses.summary", "course.description": "admin.courses.description",
        "course.workload_hours": "admin.capsules.workload",
        "edition.name": "admin.editions.name", "edition.language": "admin.editions.language",
        "edition.starts_on": "admin.editions.starts_on", "edition.ends_on": "admin.editions.ends_on",
        "edition.enrollment_opens_at": "admin.editions.opens_at", "edition.enrollment_closes_at": "admin.editions.closes_at",
        "edition.capacity": "admin.editions.capacity", "edition.modality": "admin.editions.modality",
        "edition.seminar_organization_id": "admin.editions.seminar", "edition.admission": "admin.editions.admission",
        "edition.fee": "admin.editions.fee", "edition.description": "admin.editions.description",
        "organization.name": "admin.organizations.name", "organization.active_until": "admin.organizations.active_until",
        "organization.email_domains": "admin.organizations.domains", "organization.network": "admin.organizations.network",
        "organization.country": "admin.organizations.country",
    ]

    /// One changed field: "Language: from Spanish to English", or its new value alone.
    static func change(kind: String, field: String, value: String, t: Localizer) -> HTML {
        let label = fieldLabels["\(kind).\(field)"].map { t($0) } ?? field
        if value == "edited" { return "\(t("admin.audit.detail.edited", ["field": label]))" }
        guard let arrow = value.range(of: " → ") else {
            return "\(t("admin.audit.detail.now", ["field": label, "value": word(field, value, t: t)]))"
        }
        let from = word(field, String(value[..<arrow.lowerBound]), t: t)
        let to = word(field, String(value[arrow.upperBound...]), t: t)
        return "\(t("admin.audit.detail.change", ["field": label, "from": from, "to": to]))"
    }

    /// A recorded code in words (`es` → "Spanish", `approval` → "By the teaching team's
    /// approval"); anything else as recorded.
    static func word(_ field: String, _ value: String, t: Localizer) -> String {
        let prefix: String
        switch field {
        case "language": prefix = "language_name."
        case "kind": prefix = "kind."
        case "modality": prefix = "modality."
        case "admission": prefix = "admission."
        case "network": prefix = "network."
        case "pathways":
            return value.split(separator: ",").map { pathway in word("pathway", pathway.trimmingWhitespace(), t: t) }.joined(separator: ", ")
        case "pathway": prefix = "pathway."
        case "published":
            return value == "true" ? t("admin.courses.published_state") : value == "false" ? t("admin.courses.draft_state") : value
        default: return value
        }
        return t.has(prefix + value) ? t(prefix + value) : value
    }
}
