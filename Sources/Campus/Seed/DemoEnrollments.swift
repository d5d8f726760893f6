import Foundation
import Postgres
import Web

/// Demo participants and their places, so every edition shows its state: full with a
/// waitlist, requests waiting for approval, running groups, finished ones with results.
enum DemoEnrollments {
    static let learners: [(name: String, position: Position)] = [
        ("Lucía Mendoza", .councilor), ("Andrés Pineda", .technician), ("Beatriz Carvalho", .manager), ("Diego Salas", .mayor),
        ("Fernanda Ortiz", .technician), ("Gabriel Souza", .councilor), ("Hilda Ramírez", .manager), ("Iván Castro", .technician),
        ("Julia Ferreira", .councilor), ("Kevin Araya", .technician), ("Laura Benítez", .manager), ("Marcos Duarte", .mayor),
        ("Natalia Quintero", .technician), ("Óscar Villalba", .councilor), ("Paula Rocha", .manager), ("Rafael Gutiérrez", .technician),
        ("Sofía Morales", .councilor), ("Tomás Aguirre", .technician), ("Úrsula Campos", .manager), ("Valentina Rey", .councilor),
        ("Walter Núñez", .technician), ("Ximena Flores", .manager), ("Yolanda Prieto", .councilor), ("Zoe Almeida", .technician),
    ]

    static func email(_ name: String) -> String {
        let plain = name.lowercased().folding(options: .diacriticInsensitive, locale: nil).replacingOccurrences(of: " ", with: ".")
        return plain + "@campus.example"
    }

    static func seed(_ db: Connection, passwordHash: String) throws {
        let organizations: [(id: Int64, country: String)] = try db.query("""
            SELECT id, country FROM organizations WHERE active_until >= current_date ORDER BY id
            """).map { (id: try $0["id"], country: try $0["country"]) }
        var people: [Int64] = []
        for (index, learner) in learners.enumerated() {
            let organization = organizations[index % max(1, organizations.count)]
            guard let id = try AccountQueries.createUser(
                db, email: email(learner.name), name: learner.name, passwordHash: passwordHash, organizationID: organization.id,
                position: learner.position.rawValue, locale: index % 5 == 1 ? "pt" : "es", timeZone: AccountRules.timeZone(forCountry: organization.country))
            else { continue }
            try db.execute("UPDATE users SET verified_at = now(), affiliation_confirmed_at = now() WHERE id = \(id)")
            people.append(id)
        }
        guard !people.isEmpty else { return }
        let editions = try db.query("""
            SELECT e.id, e.capacity, e.admission, e.fee > 0 AS paid, e.modality, o.name AS city, e.starts_on, e.language,
                   \(EditionStates.phase) AS phase
            FROM editions e LEFT JOIN organizations o ON o.id = e.seminar_organization_id ORDER BY e.starts_on, e.id
            """).map { row in
            (id: try row["id"] as Int64, capacity: Int(try row["capacity"] as Int32), admission: try row["admission"] as String,
             paid: try row["paid"] as Bool, hybrid: (try row["modality"] as String) == "hybrid", city: try row["city"] as String?,
             startsOn: try row["starts_on"] as CalendarDay, language: try row["language"] as String, phase: try row["phase"] as String)
        }
        var cursor = 0
        func next(_ count: Int) -> [Int64] {
            (0..<count).map { _ in defer { cursor += 1 }; return people[cursor % people.count] }
        }
        for edition in editions {
            var rows: [(Int64, String)] = []
            switch edition.phase {
            case "open" where edition.admission == "approval" || edition.paid:
                rows = next(2).map { ($0, "enrolled") } + next(3).map { ($0, "pending") }
            case "open" where edition.capacity <= 10:
                rows = next(edition.capacity).map { ($0, "enrolled") } + next(4).map { ($0, "waitlisted") }
            case "open":
                rows = next(6).map { ($0, "enrolled") }
            case "closed", "running":
                rows = next(min(edition.capacity, 12)).map { ($0, "enrolled") }
            case "finished":
                rows = next(min(edition.capacity, 10)).map { ($0, "enrolled") }
            default:
                rows = []
            }
            for (offset, row) in Set(rows.map(\.0)).sorted().enumerated() {
                let status = rows.first { $0.0 == row }?.1 ?? "enrolled"
                try db.execute("""
                    INSERT INTO enrollments (edition_id, user_id, status, requested_at)
                    VALUES (\(edition.id), \(row), \(status), now() - make_interval(hours => \(200 - offset)::int))
                    ON CONFLICT DO NOTHING
                    """)
            }
            if edition.phase == "finished" {
                try db.execute("""
                    UPDATE enrollments SET status = CASE WHEN id % 5 = 0 THEN 'enrolled' ELSE 'completed' END,
                           assessed_at = now(), completion_note = CASE WHEN id % 5 = 0 THEN 'No entregó la estrategia final.' END
                    WHERE edition_id = \(edition.id) AND id % 7 <> 0
                    """)
            }
            if edition.phase != "finished" {
                try seedSessions(
                    db, edition: edition.id, startsOn: edition.startsOn, seminarCity: edition.hybrid ? edition.city : nil,
                    describe: edition.language == "es")
            }
        }
        try placeNamedAccounts(db, editions: editions.map { ($0.id, $0.phase, $0.admission == "approval" || $0.paid, $0.capacity) })
    }

    /// Three online sessions a week apart at 16:00 UTC, and for a hybrid edition its seminar.
    /// `describe`: give them their descriptions, which are in Spanish.
    static func seedSessions(_ db: Connection, edition: Int64, startsOn: CalendarDay, seminarCity: String?, describe: Bool) throws {
        func description(_ title: String) -> String { describe ? DemoDescriptions.session(title) : "" }
        let plan: [(kind: String, title: String, week: Int)] = [
            ("master_class", "Clase magistral de apertura: la ciudad que queremos", 0),
            ("expert_dialogue", "Diálogo con personas expertas: experiencias de ciudades socias", 1),
            ("master_class", "Clase magistral: del diagnóstico a los proyectos", 2),
        ]
        for (index, session) in plan.enumerated() {
            try db.execute("""
                INSERT INTO edition_sessions (edition_id, kind, title, starts_at, duration_minutes, time_zone, link, description)
                VALUES (\(edition), \(session.kind), \(session.title),
                        (\(startsOn)::date + \(session.week * 7)::int + time '16:00') AT TIME ZONE 'UTC', 90, 'Europe/Madrid',
                        \("https://aula.campus.example/\(edition)/\(index + 1)"), \(description(session.title)))
                """)
        }
        if let seminarCity {
            let title = "Seminario presencial en \(seminarCity)"
            try db.execute("""
                INSERT INTO edition_sessions (edition_id, kind, title, starts_at, duration_minutes, time_zone, place, description)
                VALUES (\(edition), 'seminar', \(title),
                        (\(startsOn)::date + 21 + time '09:00') AT TIME ZONE 'America/Mexico_City', 480, 'America/Mexico_City', \(seminarCity),
                        \(description(title)))
                """)
        }
    }

    /// The printed demo accounts get places worth showing on their profile.
    static func placeNamedAccounts(_ db: Connection, editions: [(id: Int64, phase: String, approval: Bool, capacity: Int)]) throws {
        func user(_ email: String) throws -> Int64? { try db.query("SELECT id FROM users WHERE email = \(email)").first?["id"] }
        guard let mayor = try user("alcaldesa@campus.example"), let councilor = try user("concejal@campus.example") else { return }
        if let running = editions.first(where: { $0.phase == "running" }) {
            try db.execute("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(running.id), \(mayor), 'enrolled') ON CONFLICT DO NOTHING")
        }
        if let approval = editions.first(where: { $0.phase == "open" && $0.approval }) {
            try db.execute("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(approval.id), \(mayor), 'pending') ON CONFLICT DO NOTHING")
        }
        if let full = editions.first(where: { $0.phase == "open" && !$0.approval && $0.capacity <= 10 }) {
            try db.execute("INSERT INTO enrollments (edition_id, user_id, status) VALUES (\(full.id), \(councilor), 'waitlisted') ON CONFLICT DO NOTHING")
        }
    }
}
