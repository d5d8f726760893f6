import Foundation
import Postgres
import Web

/// The demo calls' applications, reviews and decisions.
extension DemoScholarships {
    typealias DemoCall = (id: Int64, questions: [Int64], documents: [Int64], criteria: [Int64])

    /// The open call: one application reviewed twice and provisionally awarded, one half
    /// reviewed, one assigned, one submitted, two drafts (one the demo mayor's) and one withdrawn.
    static func seedOpenApplications(_ db: Connection, call: DemoCall, reviewers: [(id: Int64, organization: Int64?)]) throws {
        let plan: [(name: String, status: String, scores: [[Int]])] = [
            ("Lucía Mendoza", "under_review", [[5, 4, 4], [4, 5, 3]]), ("Andrés Pineda", "under_review", [[3, 3, 2]]),
            ("Beatriz Carvalho", "under_review", []), ("Diego Salas", "submitted", []), ("Fernanda Ortiz", "draft", []),
            ("Gabriel Souza", "withdrawn", []),
        ]
        for (index, entry) in plan.enumerated() {
            guard let applicant = try applicant(db, email: DemoEnrollments.email(entry.name)) else { continue }
            let id = try application(db, call: call, applicant: applicant, status: entry.status, daysAgo: 10 - index)
            try answer(db, call: call, application: id, index: index, complete: entry.status != "draft")
            if entry.status == "under_review" {
                try review(db, call: call, application: id, applicant: applicant, reviewers: reviewers, scores: entry.scores)
            }
            if index == 0 {
                try db.execute("INSERT INTO decisions (application_id, decision, note) VALUES (\(id), 'award', 'Proyecto muy pertinente para la red.')")
            }
        }
        if let mayor = try applicant(db, email: "alcaldesa@campus.example") {
            let id = try application(db, call: call, applicant: mayor, status: "draft", daysAgo: 2)
            try answer(db, call: call, application: id, index: 3, complete: false)
        }
    }

    /// The closed call, released long ago: three awards accepted (one of them offered from the
    /// waitlist after an award was declined and an offer expired), one still waiting, one
    /// declined. Documents of those not awarded are past their retention and gone.
    static func seedClosedApplications(_ db: Connection, call: DemoCall, reviewers: [(id: Int64, organization: Int64?)]) throws {
        let plan: [(name: String, status: String, fromWaitlist: Bool, score: Int, decision: String)] = [
            ("Hilda Ramírez", "accepted", false, 5, "award"), ("Iván Castro", "accepted", false, 5, "award"),
            ("Julia Ferreira", "award_declined", false, 4, "award"), ("Laura Benítez", "expired", true, 4, "waitlist"),
            ("Kevin Araya", "accepted", true, 3, "waitlist"), ("Marcos Duarte", "waitlisted", false, 3, "waitlist"),
            ("Natalia Quintero", "declined", false, 1, "decline"),
        ]
        guard let edition: Int64 = try db.query("SELECT edition_id FROM scholarship_calls WHERE id = \(call.id)").first?["edition_id"] else { return }
        for (index, entry) in plan.enumerated() {
            guard let applicant = try applicant(db, email: DemoEnrollments.email(entry.name)) else { continue }
            let id = try application(db, call: call, applicant: applicant, status: "under_review", daysAgo: 700 - index)
            try answer(db, call: call, application: id, index: index, complete: true, withDocuments: entry.decision == "award" || entry.fromWaitlist)
            let score = entry.score
            try review(db, call: call, application: id, applicant: applicant, reviewers: reviewers, scores: [[score, score, score - 1], [score, score - 1, score]])
            try db.execute("""
                INSERT INTO decisions (application_id, decision, note, decided_at, released_at)
                VALUES (\(id), \(entry.decision), '', now() - interval '655 days', now() - interval '650 days')
                """)
            if entry.status == "accepted" {
                _ = try Enrollments.holdSeatForAward(db, editionID: edition, userID: applicant.id)
                try Enrollments.confirmHeldSeat(db, editionID: edition, userID: applicant.id)
            }
            let awarded = ["accepted", "award_declined", "expired"].contains(entry.status)
            try db.execute("""
                UPDATE applications SET status = \(entry.status), from_waitlist = \(entry.fromWaitlist),
                       award_eligibility = CASE WHEN \(awarded) THEN 'active' END, award_checked_at = CASE WHEN \(awarded) THEN now() - interval '650 days' END,
                       awarded_at = CASE WHEN \(awarded) THEN now() - interval '650 days' END,
                       accept_by = CASE WHEN \(awarded) THEN now() - interval '640 days' END,
                       responded_at = CASE WHEN \(entry.status) IN ('accepted', 'award_declined') THEN now() - interval '645 days' END,
                       documents_purged_at = CASE WHEN \(entry.status) <> 'accepted' THEN now() - interval '470 days' END
                WHERE id = \(id)
                """)
        }
    }

    static func applicant(_ db: Connection, email: String) throws -> (id: Int64, organization: Int64?)? {
        try db.query("SELECT id, organization_id FROM users WHERE email = \(email)").first.map { (try $0["id"], try $0["organization_id"]) }
    }

    static func application(_ db: Connection, call: DemoCall, applicant: (id: Int64, organization: Int64?), status: String, daysAgo: Int) throws -> Int64 {
        let submitted = status != "draft"
        return try db.query("""
            INSERT INTO applications (call_id, user_id, status, organization_id, submitted_at, eligibility, eligibility_checked_at,
                                      withdrawn_at, created_at)
            VALUES (\(call.id), \(applicant.id), \(status), \(applicant.organization),
                    CASE WHEN \(submitted) THEN now() - make_interval(days => \(daysAgo)::int) END, CASE WHEN \(submitted) THEN 'active' END,
                    CASE WHEN \(submitted) THEN now() - make_interval(days => \(daysAgo)::int) END,
                    CASE WHEN \(status) = 'withdrawn' THEN now() - interval '1 day' END, now() - make_interval(days => \(daysAgo + 2)::int))
            RETURNING id
            """).first?["id"] ?? 0
    }

    /// The answers (only the first in a draft) and the letter and endorsement as PDFs.
    static func answer(_ db: Connection, call: DemoCall, application: Int64, index: Int, complete: Bool, withDocuments: Bool = true) throws {
        let texts = answers[index % answers.count]
        let given = complete ? [texts.0, texts.1] : [texts.0]
        for (question, text) in zip(call.questions, given) {
            try db.execute("INSERT INTO application_answers (application_id, question_id, answer) VALUES (\(application), \(question), \(text))")
        }
        guard withDocuments else { return }
        let labels = ["Carta de motivación", "Aval de la autoridad municipal"]
        for (offset, requirement) in call.documents.enumerated() where complete || offset == 0 {
            let bytes = DemoPDF.make(lines: [labels[offset], "Solicitud n.º \(application)"])
            let upload = DocumentUpload(
                filename: Filename.sanitized("\(labels[offset]) \(application)", as: .pdf), title: labels[offset], mediaType: .pdf,
                bytes: bytes[...], sha256: Crypto.sha256(bytes))
            if let document = try DocumentQueries.storeDocument(db, owner: .application(application), upload, uploadedBy: nil) {
                try ApplicationQueries.attach(db, applicationID: application, requirementID: requirement, documentID: document)
            }
        }
    }

    /// Both reviewers who may review it are assigned; the first `scores.count` have reviewed.
    static func review(
        _ db: Connection, call: DemoCall, application: Int64, applicant: (id: Int64, organization: Int64?),
        reviewers: [(id: Int64, organization: Int64?)], scores: [[Int]]
    ) throws {
        let eligible = reviewers.filter { $0.organization == nil || $0.organization != applicant.organization }
        for (index, reviewer) in eligible.enumerated() {
            let assignment: Int64 = try db.query("""
                INSERT INTO review_assignments (application_id, reviewer_id, assigned_at) VALUES (\(application), \(reviewer.id), now() - interval '5 days')
                RETURNING id
                """).first?["id"] ?? 0
            guard index < scores.count else { continue }
            let given = Dictionary(uniqueKeysWithValues: zip(call.criteria, scores[index].map { min(5, max(0, $0)) }))
            try ReviewQueries.saveReview(db, assignmentID: assignment, scores: given, comment: index == 0 ? "Propuesta clara y bien fundamentada." : "")
        }
    }
}

/// A one-page PDF with a few lines of text, for demo documents: a real file a viewer opens.
enum DemoPDF {
    static func make(lines: [String]) -> [UInt8] {
        let text = lines.enumerated().map { index, line in
            "BT /F1 14 Tf 72 \(770 - index * 24) Td (\(escape(line))) Tj ET"
        }.joined(separator: "\n")
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(text.utf8.count) >>\nstream\n\(text)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ]
        var bytes = Array("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(bytes.count)
            bytes += Array("\(index + 1) 0 obj\n\(object)\nendobj\n".utf8)
        }
        let xref = bytes.count
        bytes += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { bytes += Array((String(format: "%010d", offset) + " 00000 n \n").utf8) }
        bytes += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return bytes
    }

    /// Text a PDF string holds: ASCII only (accents dropped), parentheses and backslashes escaped.
    static func escape(_ text: String) -> String {
        let plain = text.folding(options: .diacriticInsensitive, locale: nil).unicodeScalars.filter { $0.isASCII }
        return String(String.UnicodeScalarView(plain)).replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
    }
}
