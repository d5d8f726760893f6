import Foundation
import Postgres
import Testing
import TestSupport
@testable import Campus
@testable import Web

/// Decisions: provisional and unseen until released; the release tells everyone at once;
/// an award checks eligibility again and holds a seat; accepting enrolls; a freed award goes
/// to the call's waitlist first, then to the edition's.
@Suite struct ScholarshipDecisionTests {
    let world: ScholarshipWorld
    let edition: Int64
    let call: TestCall

    init() throws {
        world = try ScholarshipWorld()
        edition = try world.edition(capacity: 10)
        call = try world.call(edition: edition, quota: 2)
    }

    /// An official of a city of their own, with a submitted application scored `score`.
    func applicant(_ name: String, score: Int = 3, city: Int64? = nil) throws -> (user: Int64, application: Int64) {
        let city = try city ?? world.city("Ciudad \(name)")
        let user = try world.official("\(name.lowercased())@example.org", name: name, city: city)
        let application = try world.submitted(call, user: user, city: city)
        let reviewer = try world.official("rev-\(name.lowercased())@example.org", city: nil, roles: ["reviewer:call=\(call.id)"])
        try world.review(call, application: application, reviewer: reviewer, score: score)
        return (user, application)
    }

    func release() -> Response {
        world.admin.post("/admin/scholarships/\(call.id)/release", [("confirm", "yes")])
    }

    func decide(_ application: Int64, _ decision: String, note: String = "", as browser: TestApp? = nil) -> Response {
        (browser ?? world.admin).post("/applications/\(application)/decide", [("decision", decision), ("note", note)])
    }

    @Test func decisionsStayWithTheCommitteeUntilReleasedThenEveryoneIsToldAtOnce() throws {
        let (winner, awarded) = try applicant("Ana", score: 5)
        let (second, waitlisted) = try applicant("Bruno", score: 3)
        let (loser, declined) = try applicant("Carla", score: 1)
        try world.db.execute("UPDATE users SET locale = 'pt' WHERE id = \(loser)")
        #expect(decide(awarded, "award", note: "Excelente propuesta.").status == .seeOther)
        #expect(decide(waitlisted, "waitlist").status == .seeOther)
        #expect(decide(declined, "decline", note: "Falta el aval firmado.").status == .seeOther)
        // Nobody hears, sees or holds anything yet.
        for (user, application) in [(winner, awarded), (second, waitlisted), (loser, declined)] {
            let page = try world.browser(user).get("/applications/\(application)").bodyText
            #expect(page.contains("Enviada: espera a que el comité la evalúe."))
            #expect(!page.contains("Excelente propuesta.") && !page.contains("Falta el aval firmado."))
            #expect(try !world.notices(user).contains { $0.hasPrefix("notice.scholarship.awarded") || $0.hasPrefix("notice.scholarship.declined") })
        }
        #expect(try world.seat(edition, user: winner) == "none")
        #expect(world.admin.get("/admin/scholarships/\(call.id)").bodyText.contains("provisional"))
        #expect(world.admin.get("/admin/scholarships/\(call.id)/release").bodyText.contains("1 beca"))
        #expect(release().status == .seeOther)
        #expect(try world.status(awarded) == "awarded" && world.status(waitlisted) == "waitlisted" && world.status(declined) == "declined")
        #expect(try world.seat(edition, user: winner) == "held")
        #expect(try world.db.query("SELECT seats_taken FROM editions WHERE id = \(edition)").first?["seats_taken"] == 1 as Int32?)
        #expect(try world.notices(winner).first == "notice.scholarship.awarded")
        #expect(try world.notices(second).first == "notice.scholarship.waitlisted")
        #expect(try world.notices(loser).first == "notice.scholarship.declined")
        let mail = try world.app.outbox(to: "carla@example.org")
        #expect(mail.first?.body.contains("não recebeu bolsa") == true)
        let page = try world.browser(loser).get("/applications/\(declined)").bodyText
        #expect(page.contains("Falta el aval firmado."))
        #expect(try world.browser(winner).get("/applications/\(awarded)").bodyText.contains("Beca concedida: acéptela antes del"))
        #expect(try world.audit("call.release") == 1 && world.audit("application.decide") == 3)
        #expect(release().status == .conflict)
    }

    @Test func theReleaseWaitsForEveryDecisionAndForTheSeats() throws {
        let (_, first) = try applicant("Ana")
        let (_, second) = try applicant("Bruno")
        #expect(decide(first, "award").status == .seeOther)
        let undecided = release()
        #expect(undecided.status == .conflict)
        #expect(undecided.bodyText.contains("Falta decidir sobre 1 solicitudes: nada se publicó."))
        #expect(decide(second, "award").status == .seeOther)
        try world.db.execute("UPDATE editions SET capacity = 1 WHERE id = \(edition)")
        let full = release()
        #expect(full.status == .conflict)
        #expect(full.bodyText.contains("Las becas necesitan 2 plazas y la edición solo tiene 1 libres: nada se publicó."))
        #expect(try world.status(first) == "submitted" && world.seat(edition, user: try world.db.query("SELECT user_id FROM applications WHERE id = \(first)").first?["user_id"] ?? 0) == "none")
        #expect(try world.db.query("SELECT released_at FROM scholarship_calls WHERE id = \(call.id)").first?["released_at"] as Date? == nil)
    }

    @Test func provisionalAwardsKeepToTheQuotaAndTheMaximumPerCity() throws {
        let shared = try world.city("Arequipa")
        try world.db.execute("UPDATE scholarship_calls SET max_per_organization = 1 WHERE id = \(call.id)")
        let (_, first) = try applicant("Ana", city: shared)
        let (_, sameCity) = try applicant("Bruno", city: shared)
        let (_, other) = try applicant("Carla")
        let (_, third) = try applicant("Diego")
        #expect(decide(first, "award").status == .seeOther)
        let maximum = decide(sameCity, "award")
        #expect(maximum.status == .conflict)
        #expect(maximum.bodyText.contains("Esa ciudad o entidad ya tiene el máximo de becas de la convocatoria."))
        #expect(decide(other, "award").status == .seeOther)
        let quota = decide(third, "award")
        #expect(quota.status == .conflict)
        #expect(quota.bodyText.contains("Ya se alcanzó el número de becas de la convocatoria."))
        // Changing one's mind frees the place.
        #expect(decide(other, "waitlist").status == .seeOther)
        #expect(decide(third, "award").status == .seeOther)
        let invalid = decide(third, "maybe", note: "Una nota que se conserva.")
        #expect(invalid.status == .unprocessableContent)
        #expect(invalid.bodyText.contains("Una nota que se conserva."))
    }

    @Test func aMembershipThatLapsedAfterSubmissionIsCaughtAtAwardAndTheNextIsOffered() throws {
        let lapsing = try world.city("Chiclayo")
        let (lapsed, awarded) = try applicant("Ana", score: 5, city: lapsing)
        let (next, waitlisted) = try applicant("Bruno", score: 4)
        let (_, last) = try applicant("Carla", score: 2)
        #expect(decide(awarded, "award").status == .seeOther)
        #expect(decide(waitlisted, "waitlist").status == .seeOther)
        #expect(decide(last, "decline").status == .seeOther)
        try world.db.execute("UPDATE organizations SET active_until = current_date - 1 WHERE id = \(lapsing)")
        #expect(release().status == .seeOther)
        let row = try #require(try world.db.query("SELECT status, eligibility, award_eligibility FROM applications WHERE id = \(awarded)").first)
        #expect(try row["status"] as String == "declined" && row["eligibility"] as String == "active" && row["award_eligibility"] as String == "lapsed")
        #expect(try world.notices(lapsed).first == "notice.scholarship.declined_lapsed")
        #expect(try world.seat(edition, user: lapsed) == "none")
        #expect(try world.status(waitlisted) == "awarded")
        #expect(try world.notices(next).first == "notice.scholarship.offered")
        #expect(try world.seat(edition, user: next) == "held")
        let page = try world.browser(lapsed).get("/applications/\(awarded)").bodyText
        #expect(page.contains("Al conceder la beca, la membresía de Chiclayo ya no estaba activa."))
        #expect(try world.audit("application.lapsed") == 1 && world.audit("application.offer") == 1)
    }

    @Test func anAwardeeAcceptsAndIsEnrolled() throws {
        let (user, application) = try applicant("Ana", score: 5)
        #expect(decide(application, "award").status == .seeOther)
        #expect(release().status == .seeOther)
        let browser = try world.browser(user)
        let accepted = browser.post("/applications/\(application)/accept", [])
        #expect(accepted.status == .seeOther)
        #expect(try world.status(application) == "accepted" && world.seat(edition, user: user) == "enrolled")
        #expect(try world.notices(user).first == "notice.scholarship.accepted")
        #expect(browser.get("/editions/\(edition)").bodyText.contains("Inscripción confirmada."))
        let me = browser.get("/me").bodyText
        #expect(me.contains("Beca aceptada: está inscrito o inscrita en la edición."))
        #expect(try world.db.query("SELECT seats_taken FROM editions WHERE id = \(edition)").first?["seats_taken"] == 1 as Int32?)
        #expect(browser.post("/applications/\(application)/accept", []).status == .seeOther)
        #expect(browser.post("/applications/\(application)/withdraw", [("confirm", "yes")]).status == .conflict)
    }

    @Test func anExpiredOfferPassesToTheNextInTheCallsWaitlistThenToTheEditions() throws {
        try world.db.execute("UPDATE editions SET capacity = 1 WHERE id = \(edition)")
        let (first, awarded) = try applicant("Ana", score: 5)
        let (second, better) = try applicant("Bruno", score: 4)
        let (third, worse) = try applicant("Carla", score: 2)
        #expect(decide(awarded, "award").status == .seeOther)
        #expect(decide(better, "waitlist").status == .seeOther)
        #expect(decide(worse, "waitlist").status == .seeOther)
        #expect(release().status == .seeOther)
        // Someone waits for a seat in the edition itself.
        let waiting = try world.official("espera@example.org", city: nil)
        #expect(try world.browser(waiting).post("/editions/\(edition)/enroll", []).status == .seeOther)
        try world.db.execute("UPDATE enrollments SET status = 'waitlisted' WHERE user_id = \(waiting) AND edition_id = \(edition)")
        // The deadline passes: the best ranked on the call's waitlist is offered the award.
        try world.db.execute("UPDATE applications SET accept_by = now() - interval '1 minute' WHERE id = \(awarded)")
        #expect(try world.browser(first).post("/applications/\(awarded)/accept", []).status == .conflict)
        #expect(try world.status(awarded) == "expired" && world.seat(edition, user: first) == "withdrawn")
        #expect(try world.status(better) == "awarded" && world.status(worse) == "waitlisted")
        #expect(try world.seat(edition, user: second) == "held")
        #expect(try world.notices(first).first == "notice.scholarship.expired")
        #expect(try world.notices(second).first == "notice.scholarship.offered")
        // The sweep does the same for an offer nobody answers.
        try world.db.execute("UPDATE applications SET accept_by = now() - interval '1 minute' WHERE id = \(better)")
        #expect(try ScholarshipSweep.run(world.db, app: world.app.app).expired == 1)
        #expect(try world.status(better) == "expired" && world.status(worse) == "awarded")
        // Declining the last offer leaves nobody on the call's waitlist: the edition's takes the seat.
        let browser = try world.browser(third)
        #expect(browser.get("/applications/\(worse)/decline").bodyText.contains("¿Rechazar la beca?"))
        #expect(browser.post("/applications/\(worse)/decline", [("confirm", "yes")]).status == .seeOther)
        #expect(try world.status(worse) == "award_declined" && world.seat(edition, user: third) == "withdrawn")
        #expect(try world.seat(edition, user: waiting) == "enrolled")
        #expect(try world.audit("application.expire") == 2 && world.audit("application.decline_award") == 1)
    }

    @Test func afterTheReleaseAnAwardWithoutASeatFailsWithAClearMessage() throws {
        let (_, waiting) = try applicant("Ana")
        #expect(decide(waiting, "waitlist").status == .seeOther)
        #expect(release().status == .seeOther)
        try world.db.execute("UPDATE editions SET capacity = 0 WHERE id = \(edition)")
        let refused = decide(waiting, "award")
        #expect(refused.status == .conflict)
        #expect(refused.bodyText.contains("No queda ninguna plaza libre en la edición: la beca no puede reservar una."))
        #expect(try world.status(waiting) == "waitlisted")
    }

    @Test func theDatabaseItselfHoldsTheQuotaAndTheMaximum() throws {
        let shared = try world.city("Ayacucho")
        try world.db.execute("UPDATE scholarship_calls SET quota = 1, max_per_organization = 1 WHERE id = \(call.id)")
        let (_, first) = try applicant("Ana", city: shared)
        let (_, second) = try applicant("Bruno", city: shared)
        try world.db.execute("UPDATE applications SET status = 'awarded', accept_by = now() + interval '1 day' WHERE id = \(first)")
        #expect(throws: PostgresError.self) {
            try world.db.execute("UPDATE applications SET status = 'awarded', accept_by = now() + interval '1 day' WHERE id = \(second)")
        }
        try world.db.execute("UPDATE scholarship_calls SET quota = 2 WHERE id = \(call.id)")
        let error = #expect(throws: PostgresError.self) {
            try world.db.execute("UPDATE applications SET status = 'awarded', accept_by = now() + interval '1 day' WHERE id = \(second)")
        }
        #expect(error?.constraint == "scholarship_organization_maximum")
    }
}
