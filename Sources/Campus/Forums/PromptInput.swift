import Foundation
import Postgres
import Web

/// A topic as the reflection prompt of one of the edition's sessions.
struct PromptSettings: Equatable {
    var sessionID: Int64?
    /// Each participant posts their own reflection before seeing the others'.
    var replyFirst = false
    var answerBy: Date?

    static let none = PromptSettings()
}

/// The prompt fields of the new-topic form, which only the edition's teaching team (and
/// admins) get: `session_id`, `reply_first` (a checkbox) and `answer_by` (local date and
/// time in the writer's zone).
enum PromptInput {
    static func mayMakePrompts(_ reader: CurrentUser?, forum: Forum) -> Bool {
        guard let editionID = forum.editionID, let reader else { return false }
        return reader.teaches(editionID) || reader.isAdmin
    }

    /// `keeping`: the session the topic is the prompt of already (it may stay).
    static func read(_ context: Context, forum: Forum, form: inout FormState, keeping: Int64? = nil) throws -> PromptSettings {
        guard let editionID = forum.editionID, mayMakePrompts(context.user, forum: forum) else { return .none }
        let db = try context.db
        var prompt = PromptSettings()
        prompt.sessionID = try ForumInput.id(context.form, "session_id")
        prompt.replyFirst = context.form["reply_first"] == "1"
        if let text = context.form.trimmed("answer_by") {
            if let local = CatalogAdminInput.localDateTime(text) {
                prompt.answerBy = try CatalogAdminInput.instants(db, [local], zone: context.user?.timeZone ?? "UTC").first
            } else {
                form.fail("answer_by", "forum.error.answer_by")
            }
        }
        if let session = prompt.sessionID {
            if try !Participation.sessionBelongs(db, sessionID: session, editionID: editionID) {
                form.fail("session_id", "forum.error.session")
            } else if session != keeping, try !db.query("SELECT 1 FROM forum_topics WHERE session_id = \(session)").isEmpty {
                form.fail("session_id", "forum.error.session_taken")
            }
        } else if prompt.replyFirst || prompt.answerBy != nil {
            form.fail("session_id", "forum.error.session_needed")
        }
        return prompt
    }
}
