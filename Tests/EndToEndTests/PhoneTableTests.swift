import Foundation
import Postgres
import Testing
import TestSupport

/// Staff tables on a phone held upright (390 pixels): every column readable without
/// scrolling sideways.
@Suite(.serialized, .browserEvidence) final class PhoneTableTests {
    let database: TestDatabase
    let stack: Stack

    init() throws {
        database = try TestDatabase(.demo)
        stack = try Stack(database: database)
    }

    deinit { stack.stop() }

    @Test func theUsersListTheAffiliationQueueAndTheAuditLogFitAPhone() throws {
        let admin = try Browser(name: "phone-tables", baseURL: stack.baseURL)
        try admin.open("/login")
        try admin.fill("#email", "admin@campus.example")
        try admin.fill("#password", "campus-demo-2026")
        try admin.submit("form.form")
        func expectItFits(_ path: String) throws {
            #expect(try admin.count("table.data tbody tr") > 0, "\(path) has no rows to show")
            #expect(try admin.overflow(".table-wrap") == 0, "\(path): a table scrolls sideways")
            #expect(try admin.overflow("html") == 0, "\(path): the page scrolls sideways")
        }
        for path in ["/admin/users", "/admin/organizations"] {
            try admin.open(path)
            try expectItFits(path)
        }
        // The queue's buttons can be reached and pressed; confirming is logged for the audit page.
        try admin.follow("#queue-title ~ .table-wrap button[value=confirm]")
        #expect(try admin.text(".flash") == "Vínculo confirmado.")
        try admin.open("/admin/audit")
        try expectItFits("/admin/audit")
    }
}
