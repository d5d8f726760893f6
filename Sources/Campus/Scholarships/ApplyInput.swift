import Foundation
import Web

/// The application form as sent: answers (`answer_{question}`), PDFs (`document_{request}`)
/// and which button was pressed (`action` = save | submit).
struct ApplyInput {
    enum Action: String { case save, submit }

    let action: Action
    let answers: [Int64: String]
    /// The bytes of files that passed every check, by the request they answer.
    let uploads: [Int64: ArraySlice<UInt8>]

    /// Reads and checks the form against what the call asks; nil with the form's errors.
    /// A file too large or not a PDF refuses the whole form: nothing is stored, and the
    /// answers come back as typed.
    static func read(_ input: Form, parts: CallParts, uploadMax: Int, into form: inout FormState) -> ApplyInput? {
        let action = Action(rawValue: input["action"] ?? "save") ?? .save
        var answers: [Int64: String] = [:]
        for question in parts.questions {
            let name = "answer_\(question.id)"
            let text = (input[name] ?? "").replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").trimmingWhitespace()
            if text.unicodeScalars.count > question.maxLength {
                form.fail(name, "apply.error.too_long", ["max": form.t.number(question.maxLength), "n": form.t.number(text.unicodeScalars.count)])
            } else if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }) {
                form.fail(name, "apply.error.characters")
            }
            answers[question.id] = text
        }
        var uploads: [Int64: ArraySlice<UInt8>] = [:]
        for requirement in parts.requirements {
            let name = "document_\(requirement.id)"
            guard let file = input.file(name), !file.bytes.isEmpty else { continue }
            if file.bytes.count > uploadMax {
                form.fail(name, "admin.documents.error.too_large", [
                    "size": DocumentPages.size(file.bytes.count, t: form.t), "max": DocumentPages.size(uploadMax, t: form.t),
                ])
                continue
            }
            guard MediaType.sniff(file.bytes) == .pdf else {
                form.fail(name, "apply.error.not_pdf")
                continue
            }
            uploads[requirement.id] = file.bytes
        }
        guard form.isValid else { return nil }
        return ApplyInput(action: action, answers: answers, uploads: uploads)
    }

    /// The file to store. It is named after what it answers, never after what the applicant
    /// called it: "Carta_de_María_López_Durango.pdf" would tell a blind call's reviewers who applied.
    static func upload(_ bytes: ArraySlice<UInt8>, for requirement: CallRequirement, applicationID: Int64) -> DocumentUpload {
        DocumentUpload(
            filename: Filename.sanitized("\(requirement.label) \(applicationID)", as: .pdf), title: requirement.label, mediaType: .pdf,
            bytes: bytes, sha256: Crypto.sha256(bytes))
    }

    /// What a submission still lacks: required questions unanswered, required documents
    /// not attached. Each is marked beside its field.
    static func missing(_ parts: CallParts, answers: [Int64: String], attached: Set<Int64>, into form: inout FormState) -> [String] {
        var missing: [String] = []
        for question in parts.questions where question.required && (answers[question.id] ?? "").isEmpty {
            form.fail("answer_\(question.id)", "apply.error.required_answer")
            missing.append(question.prompt)
        }
        for requirement in parts.requirements where requirement.required && !attached.contains(requirement.id) {
            form.fail("document_\(requirement.id)", "apply.error.required_document")
            missing.append(requirement.label)
        }
        return missing
    }
}
