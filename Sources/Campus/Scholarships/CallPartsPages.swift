import Web

/// The sections of a call's settings page that say what it asks: questions, documents
/// and the rubric, each listed with its remove button and followed by the form to add one.
enum CallPartsPages {
    static func questions(_ questions: [CallQuestion], form: FormState, callID: Int64, chrome: Chrome) -> HTML {
        let t = chrome.t
        let items = questions.map { question -> HTML in
            let facts = t("admin.calls.question_facts", ["max": t.number(question.maxLength)])
                + (question.required ? " · " + t("admin.calls.required") : " · " + t("admin.calls.optional"))
            return item("\(question.prompt)", facts: facts, remove: ScholarshipPaths.adminQuestionDelete.path(callID, question.id), chrome: chrome)
        }
        return """
        <section id="questions" aria-labelledby="questions-title">
        <h2 id="questions-title">\(t("admin.calls.questions"))</h2>
        \(list(items, empty: t("admin.calls.no_questions")))
        <h3>\(t("admin.calls.add_question"))</h3>
        \(form.summary)
        <form class="form narrow" method="post" action="\(ScholarshipPaths.adminQuestions.path(callID))" novalidate>
        \(csrfField(chrome))
        \(form.textarea("prompt", label: t("admin.calls.prompt"), rows: 3, maxLength: 1000))
        \(form.input("max_length", label: t("admin.calls.max_length"), type: "number", hint: t("admin.calls.max_length_hint")))
        <div class="field">\(form.checkbox("required", label: t("admin.calls.required"), checked: form.values["required"] == "1"))</div>
        <p class="actions"><button type="submit" class="button secondary">\(t("admin.calls.add"))</button></p>
        </form>
        </section>
        """
    }

    static func requirements(_ requirements: [CallRequirement], form: FormState, callID: Int64, chrome: Chrome) -> HTML {
        let t = chrome.t
        let items = requirements.map { requirement -> HTML in
            let facts = t(requirement.staffOnly ? "admin.calls.visibility.staff" : "admin.calls.visibility.reviewers")
                + (requirement.required ? " · " + t("admin.calls.required") : " · " + t("admin.calls.optional"))
            return item("\(requirement.label)", facts: facts, remove: ScholarshipPaths.adminDocumentDelete.path(callID, requirement.id), chrome: chrome)
        }
        let visibility = ["reviewers", "staff"].map { (value: $0, label: t("admin.calls.visibility.\($0)")) }
        return """
        <section id="documents" aria-labelledby="documents-title">
        <h2 id="documents-title">\(t("admin.calls.documents"))</h2>
        \(list(items, empty: t("admin.calls.no_documents")))
        <h3>\(t("admin.calls.add_document"))</h3>
        \(form.summary)
        <form class="form narrow" method="post" action="\(ScholarshipPaths.adminDocuments.path(callID))" novalidate>
        \(csrfField(chrome))
        \(form.input("label", label: t("admin.calls.label"), hint: t("admin.calls.label_hint"), maxLength: 200))
        \(form.select("visibility", label: t("admin.calls.visibility"), options: visibility, hint: t("admin.calls.visibility_hint")))
        <div class="field">\(form.checkbox("required", label: t("admin.calls.required"), checked: form.values["required"] == "1"))</div>
        <p class="actions"><button type="submit" class="button secondary">\(t("admin.calls.add"))</button></p>
        </form>
        </section>
        """
    }

    static func criteria(_ criteria: [CallCriterion], form: FormState, callID: Int64, chrome: Chrome) -> HTML {
        let t = chrome.t
        let items = criteria.map { criterion -> HTML in
            item("\(criterion.name)", facts: t("admin.calls.weight_of", ["weight": String(criterion.weight)]),
                 remove: ScholarshipPaths.adminCriterionDelete.path(callID, criterion.id), chrome: chrome)
        }
        return """
        <section id="criteria" aria-labelledby="criteria-title">
        <h2 id="criteria-title">\(t("admin.calls.criteria"))</h2>
        <p class="hint">\(t("admin.calls.criteria_lead"))</p>
        \(list(items, empty: t("admin.calls.no_criteria")))
        <h3>\(t("admin.calls.add_criterion"))</h3>
        \(form.summary)
        <form class="form narrow" method="post" action="\(ScholarshipPaths.adminCriteria.path(callID))" novalidate>
        \(csrfField(chrome))
        \(form.input("name", label: t("admin.calls.criterion"), maxLength: 200))
        \(form.input("weight", label: t("admin.calls.weight"), type: "number", hint: t("admin.calls.weight_hint")))
        <p class="actions"><button type="submit" class="button secondary">\(t("admin.calls.add"))</button></p>
        </form>
        </section>
        """
    }

    static func item(_ text: HTML, facts: String, remove: String, chrome: Chrome) -> HTML {
        """
        <li>\(text)<br><span class="muted">\(facts)</span>
        <form class="inline" method="post" action="\(remove)">\(csrfField(chrome))\
        <button type="submit" class="link-button">\(chrome.t("admin.calls.remove"))</button></form></li>
        """
    }

    static func list(_ items: [HTML], empty: String) -> HTML {
        items.isEmpty ? "<p class=\"empty\">\(empty)</p>" : "<ul class=\"plain-list\">\(items)</ul>"
    }
}
