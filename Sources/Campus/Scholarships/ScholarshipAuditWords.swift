import Web

/// The audit log's sentences for the committee's work: the decision and its note, the
/// scores given, who an application was assigned to, what a release did — in the reader's
/// language. The person, edition and call an entry names are in its subject already.
enum ScholarshipAuditWords {
    /// The call form's fields, for "Field: from … to …".
    static let fieldLabels: [String: String] = [
        "title": "admin.calls.field_title", "description": "admin.calls.description", "opens_at": "admin.calls.opens_at",
        "closes_at": "admin.calls.closes_at", "quota": "admin.calls.quota", "coverage_percent": "admin.calls.coverage",
        "max_per_organization": "admin.calls.maximum", "blind": "admin.calls.blind", "reviews_per_application": "admin.calls.reviews",
        "acceptance_days": "admin.calls.acceptance", "retention_days": "admin.calls.retention", "published": "admin.calls.published",
        "edition_id": "admin.calls.edition",
    ]

    /// Nil for an action that is not the committee's; `take` hands over (and removes) one detail.
    static func sentences(_ action: String, take: (String) -> String?, t: Localizer) -> [HTML]? {
        guard action.hasPrefix("call.") || action.hasPrefix("application.") else { return nil }
        _ = (take("user"), take("edition"), take("call"))
        var said: [HTML] = []
        if let decision = take("decision") {
            let released = take("released") == "true"
            said.append("\(t(released ? "admin.audit.detail.decision_now" : "admin.audit.detail.decision", ["decision": t("committee.decision.\(decision)")]))")
        }
        if let note = take("note"), !note.isEmpty { said.append("\(t("admin.audit.detail.note", ["note": note]))") }
        if let scores = take("scores") { said.append("\(t("admin.audit.detail.scores", ["scores": scores, "weighted": take("weighted") ?? "—"]))") }
        if let reviewer = take("reviewer") {
            let how = take("automatic") == "true" ? "admin.audit.detail.assigned_automatically" : "admin.audit.detail.assigned_by_hand"
            said.append("\(t(how, ["id": reviewer]))")
        }
        if let reason = take("reason"), !reason.isEmpty { said.append("\(t("admin.audit.detail.reason", ["reason": reason]))") }
        if let part = take("part") { said.append("\(t("admin.audit.detail.call_part.\(part)", ["text": take("text") ?? ""]))") }
        if let documents = take("documents").flatMap({ Int($0) }) { said.append("\(t.plural("admin.audit.detail.documents_deleted", documents))") }
        if action == "call.release" {
            var counts: [String: String] = [:]
            for key in ["awarded", "waitlisted", "declined", "lapsed", "offered"] { counts[key] = take(key) ?? "0" }
            said.append("\(t("admin.audit.detail.release", counts))")
        }
        if action == "call.create" {
            _ = (take("title"), take("blind"))
            if let quota = take("quota") { said.append("\(t("admin.audit.detail.now", ["field": t("admin.calls.quota"), "value": quota]))") }
        }
        return said
    }

    /// A changed field of a call: "Number of scholarships: from 10 to 12".
    static func change(field: String, value: String, t: Localizer) -> HTML {
        let label = fieldLabels[field].map { t($0) } ?? field
        if value == "edited" { return "\(t("admin.audit.detail.edited", ["field": label]))" }
        guard let arrow = value.range(of: " → ") else { return "\(t("admin.audit.detail.now", ["field": label, "value": value]))" }
        return "\(t("admin.audit.detail.change", ["field": label, "from": String(value[..<arrow.lowerBound]), "to": String(value[arrow.upperBound...])]))"
    }
}
