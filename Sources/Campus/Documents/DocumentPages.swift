import Foundation
import Web

/// Documents on pages: the staff's list and upload form on a course's or an edition's
/// page, the syllabus links on the public pages, the confirmation before deleting.
enum DocumentPages {
    static let accepted = MediaType.allCases.map(\.rawValue).joined(separator: ",")

    /// The staff's section: what is attached, with the line to paste for each image,
    /// and the form to attach more (multipart; its CSRF token travels inside).
    static func adminSection(_ documents: [Document], owner: DocumentOwner, form: FormState, limit: Int, context: Context) -> HTML {
        let t = context.t
        return """
        <section id="documents" aria-labelledby="documents-title">
        <h2 id="documents-title">\(t("admin.documents.title"))</h2>
        <p class="hint">\(t("admin.documents.lead"))</p>
        \(list(documents, context: context))
        <h3>\(t("admin.documents.new"))</h3>
        \(form.summary)
        <form class="form" method="post" action="\(owner.uploadPath)" enctype="multipart/form-data" novalidate>
        \(csrfField(context.chrome))
        \(form.fileInput("file", label: t("admin.documents.file"), accept: accepted, hint: t("admin.documents.file_hint", ["max": size(limit, t: t)])))
        \(form.input("document_title", label: t("admin.documents.field_title"), hint: t("admin.documents.title_hint"), maxLength: 200))
        <p class="actions"><button type="submit" class="button">\(t("admin.documents.upload"))</button></p>
        </form>
        </section>
        """
    }

    static func list(_ documents: [Document], context: Context) -> HTML {
        let t = context.t
        guard !documents.isEmpty else { return "<p class=\"empty\">\(t("admin.documents.none"))</p>" }
        let rows = documents.map { document -> HTML in
            let snippet: HTML = document.mediaType.isImage
                ? "<code class=\"snippet\">\(markdownImage(document))</code>" : "<span class=\"muted\">—</span>"
            let title: HTML = document.title.isEmpty ? "" : "<br><span class=\"muted\">\(document.title)</span>"
            return """
            <tr><td><a href="\(document.path)">\(document.filename)</a>\(title)</td>
            <td>\(typeName(document.mediaType)) · \(size(document.size, t: t))</td>
            <td>\(t.dateTime(document.createdAt, timeZone: context.timeZone, showZone: false))</td>
            <td>\(snippet)</td>
            <td><a href="\(Paths.adminDocumentDelete.path(document.id))">\(t("admin.documents.delete"))</a></td></tr>
            """
        }
        return """
        <div class="table-wrap"><table class="data"><thead><tr><th scope="col">\(t("admin.documents.document"))</th>
        <th scope="col">\(t("admin.documents.kind"))</th><th scope="col">\(t("admin.documents.uploaded"))</th>
        <th scope="col">\(t("admin.documents.markdown"))</th><th scope="col"><span class="visually-hidden">\(t("admin.documents.delete"))</span></th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        <p class="hint">\(t("admin.documents.markdown_hint"))</p>
        """
    }

    /// `![alt](/documents/ID/name.png)`: the alternative text escaped for Markdown, the
    /// path percent-encoded, so the renderer takes it as one image from this site.
    static func markdownImage(_ document: Document) -> String {
        let alt = document.title.isEmpty ? String(document.filename.prefix { $0 != "." }) : document.title
        var escaped = ""
        for character in alt {
            if "\\[]*_`<>!".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return "![\(escaped)](\(document.path))"
    }

    /// The public pages' links to the PDFs (images appear where a description shows them).
    static func syllabus(_ documents: [Document], t: Localizer) -> HTML {
        let pdfs = documents.filter { $0.mediaType == .pdf }
        guard !pdfs.isEmpty else { return "" }
        let items = pdfs.map { document -> HTML in
            "<li><a href=\"\(document.path)\" download>\(document.label)</a> <span class=\"muted\">PDF · \(size(document.size, t: t))</span></li>"
        }
        return """
        <section class="documents" aria-labelledby="syllabus-title">
        <h2 id="syllabus-title">\(t("documents.syllabus"))</h2>
        <ul class="plain-list">\(items)</ul>
        </section>
        """
    }

    static func confirmDelete(_ document: Document, context: Context) -> HTML {
        let t = context.t
        return """
        \(AdminRoutes.breadcrumb(t))
        <section class="narrow">
        <h1>\(t("admin.documents.delete_title"))</h1>
        <p>\(t("admin.documents.delete_lead", ["name": document.filename]))</p>
        <form class="form" method="post" action="\(Paths.adminDocumentDelete.path(document.id))">
        \(csrfField(context.chrome))
        <p class="actions"><button type="submit" class="button">\(t("admin.documents.delete_confirm"))</button> \
        <a class="button secondary" href="\(document.owner.adminPath)#documents">\(t("form.cancel"))</a></p>
        </form>
        </section>
        """
    }

    static func typeName(_ type: MediaType) -> String {
        switch type {
        case .pdf: "PDF"
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .webp: "WebP"
        }
    }

    /// 240 KB, 2,4 MB: rounded up below a megabyte, to a tenth above.
    static func size(_ bytes: Int, t: Localizer) -> String {
        guard bytes >= 1 << 20 else { return t("documents.size_kb", ["n": t.number(max(1, (bytes + 1023) / 1024))]) }
        let tenths = (bytes * 10 + (1 << 19)) / (1 << 20)
        let text = tenths % 10 == 0 ? t.number(tenths / 10) : t.number(tenths / 10) + t.decimalSeparator + String(tenths % 10)
        return t("documents.size_mb", ["n": text])
    }
}
