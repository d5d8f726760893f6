import Foundation
import Postgres
import Web

/// What the edition form holds, checked. The enrollment window is kept both as the
/// wall-clock text typed in `timeZone` and as the instants PostgreSQL made of it.
struct EditionFields: Sendable, Equatable {
    var name: String
    var language: String
    var startsOn: CalendarDay
    var endsOn: CalendarDay
    var opensAt: Date
    var closesAt: Date
    var capacity: Int
    var modality: String
    /// Nil for online editions.
    var seminarOrganizationID: Int64?
    var admission: String
    var fee: Decimal
    var feeCurrency: String
    /// Markdown, shown under the edition's facts.
    var description: String
}

/// An edition as its form shows it, the window written in one zone.
struct EditionRecord: Sendable {
    let id: Int64
    let courseID: Int64
    let fields: EditionFields
    let opensLocal: String
    let closesLocal: String
    let feeText: String
}

/// Someone who teaches an edition.
struct EditionInstructor: Sendable {
    let userID: Int64
    let name: String
    let email: String
}

/// The SQL of the staff's edition pages.
enum EditionAdminQueries {
    static let modalities = ["online", "hybrid"]
    static let admissions = ["open", "members", "approval"]

    /// The edition's columns for its form, the window as `datetime-local` text in `zone`.
    static func fetchEdition(_ db: Connection, id: Int64, zone: String) throws -> EditionRecord? {
        try db.query("""
            SELECT e.id, e.course_id, e.name, e.language, e.starts_on, e.ends_on, e.enrollment_opens_at, e.enrollment_closes_at,
                   to_char(e.enrollment_opens_at AT TIME ZONE \(zone), 'YYYY-MM-DD"T"HH24:MI') AS opens_local,
                   to_char(e.enrollment_closes_at AT TIME ZONE \(zone), 'YYYY-MM-DD"T"HH24:MI') AS closes_local,
                   e.capacity, e.modality, e.seminar_organization_id, e.admission, e.fee, e.fee::text AS fee_text, e.fee_currency,
                   e.description
            FROM editions e WHERE e.id = \(id)
            """).first.map { row in
            EditionRecord(
                id: try row["id"], courseID: try row["course_id"],
                fields: EditionFields(
                    name: try row["name"], language: try row["language"], startsOn: try row["starts_on"], endsOn: try row["ends_on"],
                    opensAt: try row["enrollment_opens_at"], closesAt: try row["enrollment_closes_at"], capacity: try row["capacity"],
                    modality: try row["modality"], seminarOrganizationID: try row["seminar_organization_id"],
                    admission: try row["admission"], fee: try row["fee"], feeCurrency: try row["fee_currency"],
                    description: try row["description"]),
                opensLocal: try row["opens_local"], closesLocal: try row["closes_local"], feeText: try row["fee_text"])
        }
    }

    /// Nil when the course already has an edition with this name in this language.
    static func createEdition(_ db: Connection, courseID: Int64, _ fields: EditionFields) throws -> Int64? {
        try db.query("""
            INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at, enrollment_closes_at,
                                  capacity, modality, seminar_organization_id, admission, fee, fee_currency, description)
            VALUES (\(courseID), \(fields.name), \(fields.language), \(fields.startsOn), \(fields.endsOn), \(fields.opensAt),
                    \(fields.closesAt), \(fields.capacity), \(fields.modality), \(fields.seminarOrganizationID), \(fields.admission),
                    \(fields.fee), \(fields.feeCurrency), \(fields.description))
            ON CONFLICT (course_id, name, language) DO NOTHING RETURNING id
            """).first?["id"]
    }

    /// The edition holding the unique key (course, name, language), if any.
    static func fetchEditionID(_ db: Connection, courseID: Int64, name: String, language: String) throws -> Int64? {
        try db.query("SELECT id FROM editions WHERE course_id = \(courseID) AND name = \(name) AND language = \(language)").first?["id"]
    }

    static func updateEdition(_ db: Connection, id: Int64, _ fields: EditionFields) throws {
        try db.execute("""
            UPDATE editions SET name = \(fields.name), language = \(fields.language), starts_on = \(fields.startsOn),
                   ends_on = \(fields.endsOn), enrollment_opens_at = \(fields.opensAt), enrollment_closes_at = \(fields.closesAt),
                   capacity = \(fields.capacity), modality = \(fields.modality), seminar_organization_id = \(fields.seminarOrganizationID),
                   admission = \(fields.admission), fee = \(fields.fee), fee_currency = \(fields.feeCurrency),
                   description = \(fields.description), updated_at = now()
            WHERE id = \(id)
            """)
    }

    /// People holding instructor:edition=id.
    static func fetchInstructors(_ db: Connection, editionID: Int64) throws -> [EditionInstructor] {
        try AccountQueries.fetchRoleHolders(db, role: .instructor, scope: .edition(editionID)).map {
            EditionInstructor(userID: $0.id, name: $0.name, email: $0.email)
        }
    }

    /// Organizations that can host a seminar, for the form's list.
    static func fetchOrganizations(_ db: Connection) throws -> [(id: Int64, name: String, country: String)] {
        try db.query("SELECT id, name, country FROM organizations ORDER BY name, country").map {
            (id: try $0["id"], name: try $0["name"], country: try $0["country"])
        }
    }

    static func organizationExists(_ db: Connection, id: Int64) throws -> Bool {
        try !db.query("SELECT 1 FROM organizations WHERE id = \(id)").isEmpty
    }
}

/// /admin/courses/{id}/editions and /admin/editions/{id}: creating and editing editions.
/// Sessions and instructors are in EditionAdmin+Sessions.swift and EditionAdmin+Instructors.swift.
enum EditionAdminRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.adminEditionNew, showNewEdition),
        Route("POST", Paths.adminCourseEditions, createEdition),
        Route("GET", Paths.adminEdition, showEdition),
        Route("POST", Paths.adminEdition, updateEdition),
        Route("POST", Paths.adminEditionSessions, addSession),
        Route("GET", Paths.adminEditionSessionDelete, confirmDeleteSession),
        Route("POST", Paths.adminEditionSessionDelete, deleteSession),
        Route("POST", Paths.adminEditionInstructors, addInstructor),
    ]

    static func showNewEdition(_ context: Context) throws -> Response {
        let course = try CourseAdminRoutes.loadCourse(context)
        let form = FormState(t: context.t, values: [
            "language": course.fields.language, "time_zone": CatalogAdminInput.defaultZone(context), "modality": "online",
            "admission": "open", "fee": "0", "fee_currency": "EUR",
        ])
        return try newEditionPage(context, course, form: form)
    }

    static func newEditionPage(_ context: Context, _ course: CourseRecord, form: FormState, status: Status = .ok) throws -> Response {
        let body = EditionAdminPages.newEdition(course, form: form, organizations: try EditionAdminQueries.fetchOrganizations(context.db), chrome: context.chrome)
        return context.page(context.t("admin.editions.new"), body, status: status, section: .admin)
    }

    static func createEdition(_ context: Context) throws -> Response {
        let course = try CourseAdminRoutes.loadCourse(context)
        let db = try context.db
        var form = FormState(t: context.t, form: context.form)
        if context.wantsPreview { return try newEditionPage(context, course, form: form) }
        guard let fields = try read(context.form, db: db, into: &form) else {
            return try newEditionPage(context, course, form: form, status: .unprocessableContent)
        }
        let id: Int64? = try db.transaction {
            guard let id = try EditionAdminQueries.createEdition(db, courseID: course.id, fields) else { return nil }
            try context.audit("edition.create", "edition", id, [
                "course": String(course.id), "name": fields.name, "language": fields.language, "capacity": String(fields.capacity),
            ])
            return id
        }
        guard let id else {
            // The same form sent twice: the edition it made.
            let zone = CatalogAdminInput.defaultZone(context)
            if let existing = try EditionAdminQueries.fetchEditionID(db, courseID: course.id, name: fields.name, language: fields.language)
                .flatMap({ try EditionAdminQueries.fetchEdition(db, id: $0, zone: zone) }), existing.fields == fields
            {
                return context.redirect(Paths.adminEdition.path(existing.id), flash: "flash.edition_created")
            }
            form.fail("name", "admin.editions.error.duplicate")
            return try newEditionPage(context, course, form: form, status: .unprocessableContent)
        }
        return context.redirect(Paths.adminEdition.path(id), flash: "flash.edition_created")
    }

    static func showEdition(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let zone = CatalogAdminInput.defaultZone(context)
        guard let record = try EditionAdminQueries.fetchEdition(context.db, id: try context.parameters.id("id"), zone: zone) else { throw HTTPError(.notFound) }
        return try editionPage(context, id: record.id, editionForm: FormState(t: context.t, values: values(record, zone: zone)))
    }

    /// The edition's page: its form, its sessions and its instructors, each form with its
    /// own values and errors (the forms not being submitted start fresh).
    static func editionPage(
        _ context: Context, id: Int64, editionForm: FormState? = nil, sessionForm: FormState? = nil, instructorForm: FormState? = nil,
        documentForm: FormState? = nil, status: Status = .ok
    ) throws -> Response {
        let db = try context.db
        let zone = CatalogAdminInput.defaultZone(context)
        guard let detail = try EnrollmentQueries.fetchEdition(db, id: id), let record = try EditionAdminQueries.fetchEdition(db, id: id, zone: zone) else {
            throw HTTPError(.notFound)
        }
        let page = EditionAdminPage(
            detail: detail, sessions: try EnrollmentQueries.fetchSessions(db, editionID: id),
            instructors: try EditionAdminQueries.fetchInstructors(db, editionID: id), organizations: try EditionAdminQueries.fetchOrganizations(db),
            editionForm: editionForm ?? FormState(t: context.t, values: values(record, zone: zone)),
            sessionForm: sessionForm ?? FormState(t: context.t, values: ["kind": "master_class", "time_zone": zone, "duration_minutes": "90"]),
            instructorForm: instructorForm ?? FormState(t: context.t),
            documents: try DocumentAdminRoutes.section(context, owner: .edition(id), form: documentForm))
        return context.page("\(detail.courseTitle) · \(detail.edition.name)", EditionAdminPages.edition(page, context: context), status: status, section: .admin)
    }

    enum UpdateOutcome { case saved, invalid }

    /// Holds the edition's row lock from the check of the seats taken to the promotion of
    /// the waitlist, so no enrollment can slip in between.
    static func updateEdition(_ context: Context) throws -> Response {
        try context.requireAdmin()
        let id = try context.parameters.id("id")
        let db = try context.db
        var form = FormState(t: context.t, form: context.form)
        if context.wantsPreview { return try editionPage(context, id: id, editionForm: form) }
        let zone = CatalogAdminInput.defaultZone(context)
        do {
            let outcome: UpdateOutcome = try db.transaction {
                guard let locked = try EnrollmentQueries.fetchEdition(db, id: id, lock: true),
                    let before = try EditionAdminQueries.fetchEdition(db, id: id, zone: zone)
                else { throw HTTPError(.notFound) }
                guard let fields = try read(context.form, db: db, into: &form) else { return .invalid }
                if fields.capacity < locked.seatsTaken {
                    form.fail("capacity", "admin.editions.error.capacity_taken", count: locked.seatsTaken)
                    return .invalid
                }
                try EditionAdminQueries.updateEdition(db, id: id, fields)
                let changed = changes(before.fields, fields)
                if !changed.isEmpty { try context.audit("edition.update", "edition", id, changed) }
                if fields.capacity > before.fields.capacity, let after = try EnrollmentQueries.fetchEdition(db, id: id) {
                    try Enrollments.promote(db, app: context.app, edition: after)
                }
                return .saved
            }
            if outcome == .invalid { return try editionPage(context, id: id, editionForm: form, status: .unprocessableContent) }
        } catch let error as PostgresError where error.isUniqueViolation {
            form.fail("name", "admin.editions.error.duplicate")
            return try editionPage(context, id: id, editionForm: form, status: .unprocessableContent)
        }
        return context.redirect(Paths.adminEdition.path(id), flash: "flash.edition_saved")
    }

    static func values(_ record: EditionRecord, zone: String) -> [String: String] {
        let fields = record.fields
        return [
            "name": fields.name, "language": fields.language, "starts_on": fields.startsOn.description, "ends_on": fields.endsOn.description,
            "enrollment_opens_at": record.opensLocal, "enrollment_closes_at": record.closesLocal, "time_zone": zone,
            "capacity": String(fields.capacity), "modality": fields.modality,
            "seminar_organization_id": fields.seminarOrganizationID.map(String.init) ?? "", "admission": fields.admission,
            "fee": record.feeText, "fee_currency": fields.feeCurrency, "description": fields.description,
        ]
    }

    /// Reads and checks the edition form; nil with the form's errors when invalid. The
    /// window is converted from the chosen zone by PostgreSQL; the seminar's host must exist.
    static func read(_ input: Form, db: Connection, into form: inout FormState) throws -> EditionFields? {
        let name = CatalogAdminInput.line(input, "name", 1...120)
        if name == nil { form.fail("name", "admin.editions.error.name") }
        let language = Language(rawValue: input["language"] ?? "")
        if language == nil { form.fail("language", "account.error.choose") }
        let startsOn = CatalogAdminInput.day(input["starts_on"])
        if startsOn == nil { form.fail("starts_on", "form.error.date") }
        let endsOn = CatalogAdminInput.day(input["ends_on"])
        if endsOn == nil { form.fail("ends_on", "form.error.date") }
        if let startsOn, let endsOn, endsOn < startsOn { form.fail("ends_on", "admin.editions.error.ends_before") }
        let window = try readWindow(input, db: db, into: &form)
        let capacity = CatalogAdminInput.integer(input["capacity"], in: 0...100_000)
        if capacity == nil { form.fail("capacity", "admin.editions.error.capacity") }
        let modality = input["modality"] ?? ""
        if !EditionAdminQueries.modalities.contains(modality) { form.fail("modality", "account.error.choose") }
        var seminar: Int64?
        if modality == "hybrid" {
            seminar = input.trimmed("seminar_organization_id").flatMap { Int64($0) }
            if try seminar.map({ try !EditionAdminQueries.organizationExists(db, id: $0) }) ?? true {
                form.fail("seminar_organization_id", "admin.editions.error.seminar")
            }
        }
        let admission = input["admission"] ?? ""
        if !EditionAdminQueries.admissions.contains(admission) { form.fail("admission", "account.error.choose") }
        let fee = parseFee(input["fee"])
        if fee == nil { form.fail("fee", "admin.editions.error.fee") }
        let currency = (input.trimmed("fee_currency") ?? "EUR").uppercased()
        if currency.wholeMatch(of: /[A-Z]{3}/) == nil { form.fail("fee_currency", "admin.editions.error.currency") }
        let description = CatalogAdminInput.paragraphs(input, "description", 0...20_000)
        if description == nil { form.fail("description", "admin.courses.error.description") }
        guard form.isValid, let name, let language, let startsOn, let endsOn, let window, let capacity, let fee, let description else { return nil }
        return EditionFields(
            name: name, language: language.rawValue, startsOn: startsOn, endsOn: endsOn, opensAt: window.opens, closesAt: window.closes,
            capacity: capacity, modality: modality, seminarOrganizationID: seminar, admission: admission, fee: fee, feeCurrency: currency,
            description: description)
    }

    /// The enrollment window (or another window, such as a scholarship call's, under other
    /// field names): two `datetime-local` values in the zone chosen, as instants.
    static func readWindow(
        _ input: Form, db: Connection, into form: inout FormState, opens opensField: String = "enrollment_opens_at",
        closes closesField: String = "enrollment_closes_at"
    ) throws -> (opens: Date, closes: Date)? {
        let zone = CatalogAdminInput.zone(input["time_zone"])
        if zone == nil { form.fail("time_zone", "account.error.choose") }
        let opens = CatalogAdminInput.localDateTime(input[opensField])
        if opens == nil { form.fail(opensField, "admin.editions.error.datetime") }
        let closes = CatalogAdminInput.localDateTime(input[closesField])
        if closes == nil { form.fail(closesField, "admin.editions.error.datetime") }
        guard let opens, let closes, let zone else { return nil }
        let instants = try CatalogAdminInput.instants(db, [opens, closes], zone: zone)
        guard instants[1] > instants[0] else {
            form.fail(closesField, "admin.editions.error.closes_before")
            return nil
        }
        return (opens: instants[0], closes: instants[1])
    }

    /// "450" or "450.50": ASCII digits, a point and at most two decimals, below numeric(10, 2)'s limit.
    static func parseFee(_ text: String?) -> Decimal? {
        guard let text = text?.trimmingWhitespace(), text.wholeMatch(of: /[0-9]{1,8}(\.[0-9]{1,2})?/) != nil else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// What an update changed, for the audit log, each as "old → new".
    static func changes(_ before: EditionFields, _ after: EditionFields) -> [String: String] {
        var changes: [String: String] = [:]
        func note(_ name: String, _ old: String, _ new: String) {
            if old != new { changes[name] = "\(old) → \(new)" }
        }
        note("name", before.name, after.name)
        note("language", before.language, after.language)
        note("starts_on", before.startsOn.description, after.startsOn.description)
        note("ends_on", before.endsOn.description, after.endsOn.description)
        note("enrollment_opens_at", CatalogAdminInput.utc(before.opensAt), CatalogAdminInput.utc(after.opensAt))
        note("enrollment_closes_at", CatalogAdminInput.utc(before.closesAt), CatalogAdminInput.utc(after.closesAt))
        note("capacity", String(before.capacity), String(after.capacity))
        note("modality", before.modality, after.modality)
        note("seminar_organization_id", before.seminarOrganizationID.map(String.init) ?? "—", after.seminarOrganizationID.map(String.init) ?? "—")
        note("admission", before.admission, after.admission)
        note("fee", "\(before.fee) \(before.feeCurrency)", "\(after.fee) \(after.feeCurrency)")
        if before.description != after.description { changes["description"] = "edited" }
        return changes
    }
}
