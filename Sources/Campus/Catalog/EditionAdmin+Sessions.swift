import Foundation
import Postgres
import Web

/// A session as the form gives it, checked; `startsAt` is wall-clock text in `timeZone`.
struct SessionFields: Sendable {
    var kind: String
    var title: String
    var startsAt: String
    var timeZone: String
    var durationMinutes: Int
    var place: String?
    var link: String?
    /// Markdown, shown under the session on the edition's page.
    var description: String
}

extension EditionAdminQueries {
    static let sessionKinds = ["master_class", "expert_dialogue", "seminar"]

    /// The start is converted from the zone it was planned in, which is kept beside it.
    static func createSession(_ db: Connection, editionID: Int64, _ fields: SessionFields) throws -> (id: Int64, startsAt: Date)? {
        try db.query("""
            INSERT INTO edition_sessions (edition_id, kind, title, starts_at, duration_minutes, time_zone, place, link, description)
            VALUES (\(editionID), \(fields.kind), \(fields.title), (\(fields.startsAt)::timestamp AT TIME ZONE \(fields.timeZone)),
                    \(fields.durationMinutes), \(fields.timeZone), \(fields.place), \(fields.link), \(fields.description))
            RETURNING id, starts_at
            """).first.map { (id: try $0["id"], startsAt: try $0["starts_at"]) }
    }

    /// Deletes the session only if it belongs to this edition: its title and whether it was
    /// still to be held (as EditionSession.isPast counts), or nil.
    static func deleteSession(_ db: Connection, editionID: Int64, sessionID: Int64) throws -> (title: String, isPast: Bool)? {
        try db.query("""
            DELETE FROM edition_sessions WHERE id = \(sessionID) AND edition_id = \(editionID)
            RETURNING title, starts_at + make_interval(mins => duration_minutes) < now() AS past
            """).first.map { (title: try $0["title"], isPast: try $0["past"]) }
    }

    /// Everyone who has a place in the edition, is waiting for one or asked for one.
    static func participants(editionID: Int64) -> SQL {
        "SELECT user_id FROM enrollments WHERE edition_id = \(editionID) AND status IN ('enrolled', 'waitlisted', 'pending')"
    }

    static func editionExists(_ db: Connection, id: Int64) throws -> Bool {
        try !db.query("SELECT 1 FROM editions WHERE id = \(id)").isEmpty
    }
}

/// POST /admin/editions/{id}/sessions and …/sessions/{session}/delete.
extension EditionAdminRoutes {
    static func addSession(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let id = try context.parameters.id("id")
        let db = try context.db
        guard try EditionAdminQueries.editionExists(db, id: id) else { throw HTTPError(.notFound) }
        var form = FormState(t: context.t, form: context.form)
        if context.wantsPreview { return try editionPage(context, id: id, sessionForm: form) }
        guard let fields = readSession(context.form, into: &form) else {
            return try editionPage(context, id: id, sessionForm: form, status: .unprocessableContent)
        }
        try db.transaction {
            guard let session = try EditionAdminQueries.createSession(db, editionID: id, fields) else { throw HTTPError(.notFound) }
            try context.audit("session.create", "edition", id, [
                "session": String(session.id), "title": fields.title, "kind": fields.kind,
                "starts_at": "\(fields.startsAt) \(fields.timeZone)", "duration_minutes": String(fields.durationMinutes),
            ])
        }
        return context.redirect(Paths.adminEdition.path(id), flash: "flash.session_added")
    }

    /// GET …/sessions/{session}/delete: which session, what deleting it means, the button.
    static func confirmDeleteSession(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let id = try context.parameters.id("id")
        let session = try loadSession(context, editionID: id)
        let body = ConfirmationPages.deleteSession(session, editionID: id, context: context)
        return context.page(context.t("session_delete.title", ["title": session.title]), body, section: .admin)
    }

    /// Needs `confirm=yes`, which only the confirmation page sends; without it, that page.
    /// Cancelling a session still to be held tells everyone taking part, or waiting to.
    static func deleteSession(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let id = try context.parameters.id("id")
        let sessionID = try loadSession(context, editionID: id).id
        guard context.form["confirm"] == "yes" else { return .redirect(to: Paths.adminEditionSessionDelete.path(id, sessionID)) }
        let db = try context.db
        try db.transaction {
            guard let deleted = try EditionAdminQueries.deleteSession(db, editionID: id, sessionID: sessionID) else { throw HTTPError(.notFound) }
            var details = ["session": String(sessionID), "title": deleted.title]
            if !deleted.isPast, let edition = try EnrollmentQueries.fetchEdition(db, id: id) {
                let told = try Notifier.notifyAll(
                    db, app: context.app, audience: EditionAdminQueries.participants(editionID: id), kind: .schedule,
                    message: "notice.session.cancelled", values: Enrollments.values(edition).merging(["session": deleted.title]) { $1 },
                    link: Paths.edition.path(id))
                details["notified"] = String(told)
            }
            try context.audit("session.delete", "edition", id, details)
        }
        return context.redirect(Paths.adminEdition.path(id), flash: "flash.session_deleted")
    }

    /// The session named in the path, if it belongs to this edition.
    static func loadSession(_ context: Context, editionID: Int64) throws -> EditionSession {
        let sessionID = try context.parameters.id("session")
        guard let session = try EnrollmentQueries.fetchSessions(try context.db, editionID: editionID).first(where: { $0.id == sessionID }) else {
            throw HTTPError(.notFound)
        }
        return session
    }

    /// Reads and checks the session form; nil with the form's errors when invalid.
    static func readSession(_ input: Form, into form: inout FormState) -> SessionFields? {
        let kind = input["kind"] ?? ""
        if !EditionAdminQueries.sessionKinds.contains(kind) { form.fail("kind", "account.error.choose") }
        let title = CatalogAdminInput.line(input, "title", 1...200)
        if title == nil { form.fail("title", "admin.sessions.error.title") }
        let startsAt = CatalogAdminInput.localDateTime(input["starts_at"])
        if startsAt == nil { form.fail("starts_at", "admin.editions.error.datetime") }
        let zone = CatalogAdminInput.zone(input["time_zone"])
        if zone == nil { form.fail("time_zone", "account.error.choose") }
        let duration = input.trimmed("duration_minutes") == nil ? 90 : CatalogAdminInput.integer(input["duration_minutes"], in: 15...600)
        if duration == nil { form.fail("duration_minutes", "admin.sessions.error.duration") }
        let place = CatalogAdminInput.line(input, "place", 0...300)
        if place == nil { form.fail("place", "admin.sessions.error.place") }
        let link = CatalogAdminInput.line(input, "link", 0...500)
        if let link, !link.isEmpty, !isWebLink(link) { form.fail("link", "admin.sessions.error.link") }
        if link == nil { form.fail("link", "admin.sessions.error.link") }
        if place?.isEmpty == true, link?.isEmpty == true { form.fail("place", "admin.sessions.error.where") }
        let description = CatalogAdminInput.paragraphs(input, "description", 0...5000)
        if description == nil { form.fail("description", "admin.sessions.error.description") }
        guard form.isValid, let title, let startsAt, let zone, let duration, let place, let link, let description else { return nil }
        return SessionFields(
            kind: kind, title: title, startsAt: startsAt, timeZone: zone, durationMinutes: duration,
            place: place.isEmpty ? nil : place, link: link.isEmpty ? nil : link, description: description)
    }

    /// An address a browser opens: http(s):// (lowercase, as the table's CHECK wants), a host, no spaces.
    static func isWebLink(_ text: String) -> Bool {
        guard let scheme = ["https://", "http://"].first(where: text.hasPrefix) else { return false }
        let rest = text.dropFirst(scheme.count)
        return !rest.isEmpty && !rest.hasPrefix("/") && !text.unicodeScalars.contains { $0.properties.isWhitespace }
    }
}
