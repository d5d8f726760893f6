import Foundation
import Postgres
import Web

/// Reading and checking the committee's forms for a call, with a message beside each
/// field that is wrong. Lengths count as the CHECK constraints do.
enum CallAdminInput {
    /// The call form; nil with the form's errors. The window is typed as local times in
    /// the zone chosen and converted by PostgreSQL, as editions' windows are.
    static func read(_ input: Form, db: Connection, into form: inout FormState) throws -> CallFields? {
        let editionID = input.trimmed("edition_id").flatMap { Int64($0) }
        if try editionID.map({ try !CallQueries.editionExists(db, id: $0) }) ?? true { form.fail("edition_id", "account.error.choose") }
        let title = CatalogAdminInput.line(input, "title", 3...200)
        if title == nil { form.fail("title", "admin.calls.error.title") }
        let description = CatalogAdminInput.paragraphs(input, "description", 0...20000)
        if description == nil { form.fail("description", "admin.calls.error.description") }
        let window = try EditionAdminRoutes.readWindow(input, db: db, into: &form, opens: "opens_at", closes: "closes_at")
        func number(_ name: String, _ range: ClosedRange<Int>) -> Int? {
            let value = CatalogAdminInput.integer(input[name], in: range)
            if value == nil { form.fail(name, "admin.calls.error.number", ["min": String(range.lowerBound), "max": String(range.upperBound)]) }
            return value
        }
        let quota = number("quota", 1...10000)
        let coverage = number("coverage_percent", 1...100)
        var maximum: Int?
        if input.trimmed("max_per_organization") != nil { maximum = number("max_per_organization", 1...10000) }
        let reviews = number("reviews_per_application", 1...10)
        let acceptance = number("acceptance_days", 1...90)
        let retention = number("retention_days", 0...3650)
        guard form.isValid, let editionID, let title, let description, let window, let quota, let coverage, let reviews, let acceptance,
            let retention
        else { return nil }
        return CallFields(
            editionID: editionID, title: title, description: description, opensAt: window.opens, closesAt: window.closes, quota: quota,
            coveragePercent: coverage, maxPerOrganization: maximum, blind: input["blind"] == "1", reviewsPerApplication: reviews,
            acceptanceDays: acceptance, retentionDays: retention, published: input["published"] == "1")
    }

    /// The form's values for a call, its window written in `zone`.
    static func values(_ call: ScholarshipCall, db: Connection, zone: String) throws -> [String: String] {
        let row = try db.query("""
            SELECT to_char(\(call.opensAt) AT TIME ZONE \(zone), 'YYYY-MM-DD"T"HH24:MI') AS opens,
                   to_char(\(call.closesAt) AT TIME ZONE \(zone), 'YYYY-MM-DD"T"HH24:MI') AS closes
            """).first
        return [
            "edition_id": String(call.editionID), "title": call.title, "description": call.description,
            "opens_at": try row?["opens"] ?? "", "closes_at": try row?["closes"] ?? "", "time_zone": zone,
            "quota": String(call.quota), "coverage_percent": String(call.coveragePercent),
            "max_per_organization": call.maxPerOrganization.map(String.init) ?? "", "blind": call.blind ? "1" : "",
            "reviews_per_application": String(call.reviewsPerApplication), "acceptance_days": String(call.acceptanceDays),
            "retention_days": String(call.retentionDays), "published": call.published ? "1" : "",
        ]
    }

    /// A new call's form: every award 100 %, two reviews each, ten days to accept, the
    /// documents of applications not awarded kept half a year.
    static func defaults(zone: String) -> [String: String] {
        [
            "time_zone": zone, "coverage_percent": "100", "reviews_per_application": "2", "acceptance_days": "10",
            "retention_days": "180", "quota": "10",
        ]
    }

    /// What an update changed, for the audit log, each as "old → new".
    static func changes(_ before: ScholarshipCall, _ after: CallFields) -> [String: String] {
        var changes: [String: String] = [:]
        func note(_ name: String, _ old: String, _ new: String) {
            if old != new { changes[name] = "\(old) → \(new)" }
        }
        note("edition_id", String(before.editionID), String(after.editionID))
        note("title", before.title, after.title)
        if before.description != after.description { changes["description"] = "edited" }
        note("opens_at", CatalogAdminInput.utc(before.opensAt), CatalogAdminInput.utc(after.opensAt))
        note("closes_at", CatalogAdminInput.utc(before.closesAt), CatalogAdminInput.utc(after.closesAt))
        note("quota", String(before.quota), String(after.quota))
        note("coverage_percent", String(before.coveragePercent), String(after.coveragePercent))
        note("max_per_organization", before.maxPerOrganization.map(String.init) ?? "—", after.maxPerOrganization.map(String.init) ?? "—")
        note("blind", String(before.blind), String(after.blind))
        note("reviews_per_application", String(before.reviewsPerApplication), String(after.reviewsPerApplication))
        note("acceptance_days", String(before.acceptanceDays), String(after.acceptanceDays))
        note("retention_days", String(before.retentionDays), String(after.retentionDays))
        note("published", String(before.published), String(after.published))
        return changes
    }
}
