import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// The new course and new edition forms sent twice: the same submission leads to what the
/// first one made; a different record with the same key is refused beside the field.
extension CourseAdminTests {
    @Test func theSameCourseFormSentTwiceLeadsToTheCourseItMade() throws {
        let first = app.post("/admin/courses", courseForm())
        let id = try #require(createdID(first, under: "/admin/courses/"))
        let before = try writes()
        let again = app.post("/admin/courses", courseForm())
        #expect(again.status == .seeOther)
        #expect(again.header("Location") == "/admin/courses/\(id)")
        #expect(try writes() == before)
        #expect(try count("SELECT count(*) FROM audit_log WHERE action = 'course.create' AND subject_id = \(id)") == 1)
        // The same address for another course is still a clash, said beside the slug.
        let other = app.post("/admin/courses", courseForm(["summary": ["Otro resumen."]]))
        expectErrors(other, ["slug"])
        #expect(try writes() == before)
    }

    @Test func theSameEditionFormSentTwiceLeadsToTheEditionItMade() throws {
        let id = try createEdition(["fee": "450", "modality": "online"])
        let before = try writes()
        let again = app.post("/admin/courses/\(programmeID)/editions", editionForm(["fee": "450", "modality": "online"]))
        #expect(again.status == .seeOther)
        #expect(again.header("Location") == "/admin/editions/\(id)")
        #expect(try writes() == before)
        let other = app.post("/admin/courses/\(programmeID)/editions", editionForm(["fee": "450", "capacity": "26"]))
        expectErrors(other, ["name"])
        #expect(other.bodyText.contains("ya tiene una edición con ese nombre"))
        #expect(try writes() == before)
    }
}
