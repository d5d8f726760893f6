import Web

extension Markdown {
    /// Text staff wrote in Markdown, as a page shows it: rendered by the safe renderer in a
    /// `prose` block in the text's language, nothing when empty. `headingOffset` puts the
    /// writer's `#` under the headings around it.
    static func prose(_ text: String, language: String?, headingOffset: Int) -> HTML {
        guard !text.trimmingWhitespace().isEmpty else { return "" }
        let lang: HTML = language.map { " lang=\"\($0)\"" } ?? ""
        return "<div class=\"prose\"\(lang)>\(Markdown(headingOffset: headingOffset).render(text))</div>"
    }
}

/// Fields written in Markdown: the textarea says what the syntax is, and a second submit
/// button sends the form back with the text rendered below the field, as readers will see
/// it — no JavaScript, nothing saved. That button posts `preview=1` to the form's address.
extension FormState {
    static let previewField = "preview"

    /// A Markdown textarea; after a preview, the text rendered right below it, with the
    /// heading offset and language the public page uses.
    func markdownArea(
        _ name: String, id: String? = nil, label: String, rows: Int, maxLength: Int, language: String?, headingOffset: Int
    ) -> HTML {
        let id = id ?? name
        let field = textarea(name, id: id, label: label, rows: rows, maxLength: maxLength, hint: t("admin.markdown.hint"))
        guard values[FormState.previewField] == "1" else { return field }
        let prose = Markdown.prose(values[name] ?? "", language: language, headingOffset: headingOffset)
        let rendered: HTML = prose.isEmpty ? "<p class=\"muted\">\(t("admin.markdown.preview_empty"))</p>" : prose
        return """
        \(field)
        <div class="markdown-preview" id="\(id)-preview" role="group" aria-labelledby="\(id)-preview-label">
        <p class="markdown-preview-label" id="\(id)-preview-label">\(t("admin.markdown.preview")) \
        <span class="muted">\(t("admin.markdown.preview_unsaved"))</span></p>
        \(rendered)
        </div>
        """
    }

    /// The form's second button. It comes after the save button, which stays the one Enter
    /// presses; the fragment brings the reader back to the preview of field `id`.
    func previewButton(action: String, id: String) -> HTML {
        """
        <button type="submit" class="button secondary" name="\(FormState.previewField)" value="1" \
        formaction="\(action)#\(id)-preview">\(t("admin.markdown.preview_button"))</button>
        """
    }
}

extension Context {
    /// The form was sent with its preview button: show it again, save nothing.
    var wantsPreview: Bool { form[FormState.previewField] == "1" }
}
