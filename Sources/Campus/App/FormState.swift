import Web

/// A form being shown: the values to keep, the errors beside their fields, and the
/// markup for each kind of field — the same labels, hints and ARIA everywhere.
struct FormState {
    let t: Localizer
    var values: [String: String] = [:]
    /// Field name → the message shown beside it.
    var errors: [String: FieldError] = [:]
    /// A message about the whole form rather than one field: a refused sign-in, a limit reached.
    var notice: FieldError?

    /// A message-catalog key with its values; `count` picks a plural form.
    struct FieldError {
        let key: String
        var values: [String: String] = [:]
        var count: Int? = nil
    }

    init(t: Localizer, values: [String: String] = [:]) {
        self.t = t
        self.values = values
    }

    /// The submitted form's fields, except secrets, which are never sent back.
    init(t: Localizer, form: Form, omitting secrets: Set<String> = ["password", "current_password", "new_password", CSRF.fieldName]) {
        self.t = t
        for field in form.fields where !secrets.contains(field.name) && values[field.name] == nil {
            values[field.name] = field.value
        }
    }

    var isValid: Bool { errors.isEmpty && notice == nil }

    mutating func fail(_ field: String, _ key: String, _ values: [String: String] = [:], count: Int? = nil) {
        if errors[field] == nil { errors[field] = FieldError(key: key, values: values, count: count) }
    }

    /// Refuses the whole form with one message, shown once at its top.
    mutating func refuse(_ key: String, _ values: [String: String] = [:], count: Int? = nil) {
        notice = FieldError(key: key, values: values, count: count)
    }

    /// The message for a field's error, in the form's language.
    func message(_ name: String) -> String? {
        errors[name].map(text)
    }

    private func text(_ error: FieldError) -> String {
        error.count.map { t.plural(error.key, $0, error.values) } ?? t(error.key, error.values)
    }

    /// `id` is the field's element id when it differs from its name (two forms on one page).
    func error(_ name: String, id: String? = nil) -> HTML {
        guard let message = message(name) else { return "" }
        return "<p class=\"field-error\" id=\"\(id ?? name)-error\">\(message)</p>"
    }

    private func described(_ name: String, id: String? = nil, hint: Bool) -> HTML {
        var ids: [String] = []
        if hint { ids.append("\(id ?? name)-hint") }
        if errors[name] != nil { ids.append("\(id ?? name)-error") }
        var out: HTML = ids.isEmpty ? "" : " aria-describedby=\"\(ids.joined(separator: " "))\""
        if errors[name] != nil { out += " aria-invalid=\"true\"" }
        return out
    }

    /// A text-like input. Passwords are never refilled.
    func input(
        _ name: String, label: String, type: String = "text", autocomplete: String? = nil,
        required: Bool = false, hint: String? = nil, maxLength: Int? = nil, minLength: Int? = nil
    ) -> HTML {
        let value = type == "password" ? "" : values[name] ?? ""
        let autocompleteAttribute: HTML = autocomplete.map { " autocomplete=\"\($0)\"" } ?? ""
        let max: HTML = maxLength.map { " maxlength=\"\($0)\"" } ?? ""
        let min: HTML = minLength.map { " minlength=\"\($0)\"" } ?? ""
        let hintHTML: HTML = hint.map { "<p class=\"hint\" id=\"\(name)-hint\">\($0)</p>" } ?? ""
        return """
        <div class="field">
        <label for="\(name)">\(label)</label>
        <input id="\(name)" name="\(name)" type="\(type)" value="\(value)"\(autocompleteAttribute)\(max)\(min)\(attribute: "required", when: required)\(described(name, hint: hint != nil))>
        \(hintHTML)\(error(name))
        </div>
        """
    }

    /// A file input. Browsers never refill one: after an error the file is chosen again.
    func fileInput(_ name: String, label: String, accept: String, hint: String? = nil) -> HTML {
        let hintHTML: HTML = hint.map { "<p class=\"hint\" id=\"\(name)-hint\">\($0)</p>" } ?? ""
        return """
        <div class="field">
        <label for="\(name)">\(label)</label>
        <input id="\(name)" name="\(name)" type="file" accept="\(accept)"\(described(name, hint: hint != nil))>
        \(hintHTML)\(error(name))
        </div>
        """
    }

    /// A select; `groups` puts options under `<optgroup>` labels.
    func select(_ name: String, label: String, options: [(value: String, label: String)], groups: [(label: String, options: [(value: String, label: String)])] = [], hint: String? = nil) -> HTML {
        let selected = values[name] ?? ""
        func option(_ item: (value: String, label: String)) -> HTML {
            "<option value=\"\(item.value)\"\(attribute: "selected", when: item.value == selected)>\(item.label)</option>"
        }
        let grouped = groups.map { group -> HTML in "<optgroup label=\"\(group.label)\">\(group.options.map(option))</optgroup>" }
        let hintHTML: HTML = hint.map { "<p class=\"hint\" id=\"\(name)-hint\">\($0)</p>" } ?? ""
        return """
        <div class="field">
        <label for="\(name)">\(label)</label>
        <select id="\(name)" name="\(name)"\(described(name, hint: hint != nil))>\(options.map(option))\(grouped)</select>
        \(hintHTML)\(error(name))
        </div>
        """
    }

    /// `id` is the element id when another form on the page has a field of the same name.
    func textarea(_ name: String, id: String? = nil, label: String, rows: Int = 5, maxLength: Int? = nil, hint: String? = nil) -> HTML {
        let id = id ?? name
        let max: HTML = maxLength.map { " maxlength=\"\($0)\"" } ?? ""
        let hintHTML: HTML = hint.map { "<p class=\"hint\" id=\"\(id)-hint\">\($0)</p>" } ?? ""
        return """
        <div class="field">
        <label for="\(id)">\(label)</label>
        <textarea id="\(id)" name="\(name)" rows="\(rows)"\(max)\(described(name, id: id, hint: hint != nil))>\(values[name] ?? "")</textarea>
        \(hintHTML)\(error(name, id: id))
        </div>
        """
    }

    func checkbox(_ name: String, label: String, checked: Bool) -> HTML {
        "<label class=\"choice\"><input type=\"checkbox\" name=\"\(name)\" value=\"1\"\(attribute: "checked", when: checked)> \(label)</label>"
    }

    /// What is wrong, at the top of a form shown again: the form's notice, or a pointer
    /// to the fields marked.
    var summary: HTML {
        if let notice { return "<div class=\"form-errors\" role=\"alert\"><p>\(text(notice))</p></div>" }
        guard !errors.isEmpty else { return "" }
        return "<div class=\"form-errors\" role=\"alert\"><p>\(t("form.errors_intro"))</p></div>"
    }
}

/// The hidden CSRF field every POST form carries.
func csrfField(_ chrome: Chrome) -> HTML {
    "<input type=\"hidden\" name=\"\(CSRF.fieldName)\" value=\"\(chrome.csrfToken ?? "")\">"
}

extension Context {
    /// The form page again with its errors: status 422, values kept.
    func invalid(_ title: String, _ body: HTML, section: Section? = nil) -> Response {
        page(title, body, status: .unprocessableContent, section: section)
    }
}
