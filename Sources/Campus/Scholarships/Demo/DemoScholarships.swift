import Foundation
import Postgres
import Web

/// Demo scholarships: an open, blind call for the specialization programme's coming
/// edition with applications in every state before a decision and two reviewers at work,
/// and a closed call of the previous edition with its awards accepted, declined, expired and
/// its waitlist. Applicants are the demo participants (see DemoEnrollments).
enum DemoScholarships {
    static let reviewers: [(email: String, name: String, city: String)] = [
        ("evaluadora@campus.example", "Elena Vidal", "Madrid"),
        ("evaluador@campus.example", "Ricardo Paredes", "Montevideo"),
    ]

    /// For `make run`'s list of demo accounts.
    static var printable: [String] {
        reviewers.map { "  \($0.email.padding(toLength: 30, withPad: " ", startingAt: 0)) reviewer of the scholarship calls" }
    }

    static let questions = [
        ("¿Qué proyecto estratégico quiere impulsar en su ciudad durante el programa?", 2000),
        ("¿Cómo compartirá lo aprendido con su equipo y con otras ciudades de la red?", 1000),
    ]

    static let answers = [
        ("Queremos transformar el eje del antiguo ferrocarril en un corredor verde que conecte tres barrios con el centro, con transporte público y espacios de cuidado.",
         "Organizaremos talleres mensuales con el equipo de planificación y presentaremos el proyecto en el seminario de la red."),
        ("Un plan de barrios de proximidad: servicios básicos a quince minutos a pie, empezando por los mercados municipales.",
         "Documentaremos el proceso en abierto y lo compartiremos en los webinarios mensuales de buenas prácticas."),
        ("Una estrategia metropolitana de resiliencia frente a inundaciones, coordinada con los municipios vecinos.",
         "Formaré a las direcciones de obras y de medio ambiente con los materiales del programa."),
        ("Un ecosistema de innovación pública con la universidad y las empresas locales para digitalizar los trámites.",
         "Crearemos una comunidad de práctica con otras ciudades de la Red Andina."),
    ]

    static func seed(_ db: Connection, passwordHash: String) throws {
        guard let programme: Int64 = try db.query("SELECT id FROM courses WHERE slug = 'programa-pensamiento-estrategico-urbano'").first?["id"],
            let coming: Int64 = try db.query("SELECT id FROM editions WHERE course_id = \(programme) AND name = 'XIX edición'").first?["id"],
            let previous: Int64 = try db.query("SELECT id FROM editions WHERE course_id = \(programme) AND name = 'XVIII edición'").first?["id"]
        else { return }
        let open = try openCall(db, edition: coming)
        let closed = try closedCall(db, edition: previous)
        var reviewerIDs: [(id: Int64, organization: Int64?)] = []
        for reviewer in reviewers {
            let organization: Int64? = try db.query("SELECT id FROM organizations WHERE name = \(reviewer.city)").first?["id"]
            guard let id = try AccountQueries.createUser(
                db, email: reviewer.email, name: reviewer.name, passwordHash: passwordHash, organizationID: organization,
                position: "manager", locale: "es", timeZone: "Europe/Madrid")
            else { continue }
            try db.execute("UPDATE users SET verified_at = now(), affiliation_confirmed_at = now() WHERE id = \(id)")
            for call in [open, closed] { _ = try UserAdminQueries.grant(db, userID: id, RoleGrant(role: .reviewer, scope: .call(call.id))!, by: nil) }
            reviewerIDs.append((id, organization))
        }
        try seedOpenApplications(db, call: open, reviewers: reviewerIDs)
        try seedClosedApplications(db, call: closed, reviewers: reviewerIDs)
    }

    static func openCall(_ db: Connection, edition: Int64) throws -> (id: Int64, questions: [Int64], documents: [Int64], criteria: [Int64]) {
        let id: Int64 = try db.query("""
            INSERT INTO scholarship_calls (edition_id, title, description, opens_at, closes_at, quota, max_per_organization, blind, published)
            VALUES (\(edition), 'Becas para la XIX edición del Programa de Especialización', \(description),
                    date_trunc('day', now()) - interval '15 days', date_trunc('day', now()) + interval '25 days', 6, 2, true, true)
            RETURNING id
            """).first?["id"] ?? 0
        return try parts(db, call: id)
    }

    static let description = """
        La red ofrece **becas del 100 %** de la matrícula a funcionarios de ciudades y entidades socias activas: alcaldes y alcaldesas, concejales, \
        personal directivo y técnico municipal.

        Un comité evalúa cada solicitud sin conocer el nombre ni la ciudad de quien la presenta. El aval de la autoridad municipal solo lo ve el equipo \
        de la red. Cada ciudad puede recibir como máximo dos becas.
        """

    static func closedCall(_ db: Connection, edition: Int64) throws -> (id: Int64, questions: [Int64], documents: [Int64], criteria: [Int64]) {
        let id: Int64 = try db.query("""
            INSERT INTO scholarship_calls (edition_id, title, description, opens_at, closes_at, quota, published, released_at, retention_days)
            VALUES (\(edition), 'Becas para la XVIII edición del Programa de Especialización', 'Convocatoria cerrada: las becas ya se concedieron.',
                    now() - interval '720 days', now() - interval '680 days', 3, true, now() - interval '650 days', 180)
            RETURNING id
            """).first?["id"] ?? 0
        return try parts(db, call: id)
    }

    static func parts(_ db: Connection, call: Int64) throws -> (id: Int64, questions: [Int64], documents: [Int64], criteria: [Int64]) {
        let questions: [Int64] = try Self.questions.map { prompt, limit in
            try db.query("INSERT INTO call_questions (call_id, prompt, max_length) VALUES (\(call), \(prompt), \(limit)) RETURNING id").first?["id"] ?? 0
        }
        let documents: [Int64] = try [("Carta de motivación", "reviewers"), ("Aval de la autoridad municipal", "staff")].map { label, visibility in
            try db.query("INSERT INTO call_documents (call_id, label, visibility) VALUES (\(call), \(label), \(visibility)) RETURNING id").first?["id"] ?? 0
        }
        let criteria: [Int64] = try [("Pertinencia del proyecto para la ciudad", 3), ("Trayectoria y responsabilidades", 2), ("Capacidad de transferir lo aprendido", 1)]
            .map { name, weight in
                try db.query("INSERT INTO call_criteria (call_id, name, weight) VALUES (\(call), \(name), \(weight)) RETURNING id").first?["id"] ?? 0
            }
        return (call, questions, documents, criteria)
    }
}
