import Foundation
import Postgres
import Web

/// `campus seed --demo`: demo data drawn from the network's real programmes, written
/// so a visitor sees a living catalog. Refuses a database that already has data unless forced.
public enum DemoSeed {
    public struct AlreadySeeded: Error, CustomStringConvertible {
        public var description: String { "the database already has users; use --force to add the demo data anyway" }
    }

    /// The demo accounts, for `make run` to print.
    public static var accountList: [String] { DemoAccounts.printable + DemoScholarships.printable }

    /// Seeds everything in one transaction; returns lines to print.
    public static func run(_ db: Connection, force: Bool) throws -> [String] {
        try db.transaction {
            let existing: Int = try db.query("SELECT count(*)::int8 AS n FROM users").first?["n"] ?? 0
            if existing > 0, !force { throw AlreadySeeded() }
            var organizationIDs: [String: Int64] = [:]
            for organization in DemoData.organizations {
                let id: Int64 = try db.query("""
                    INSERT INTO organizations (name, country, network, active_until, email_domains)
                    VALUES (\(organization.name), \(organization.country), \(organization.network),
                            current_date + \(organization.activeForDays)::int, \(organization.domains))
                    ON CONFLICT (name, country) DO UPDATE SET network = EXCLUDED.network
                    RETURNING id
                    """).first?["id"] ?? 0
                organizationIDs[organization.name] = id
            }
            var topicIDs: [String: Int64] = [:]
            for topic in DemoData.topics {
                let names = JSON.object(["es": topic.es, "pt": topic.pt, "en": topic.en, "fr": topic.fr])
                topicIDs[topic.slug] = try db.query("""
                    INSERT INTO topics (slug, names) VALUES (\(topic.slug), \(names)::jsonb)
                    ON CONFLICT (slug) DO UPDATE SET names = EXCLUDED.names RETURNING id
                    """).first?["id"] ?? 0
            }
            var editionCount = 0
            for course in DemoData.courses + DemoCapsules.courses {
                guard let courseID: Int64 = try db.query("""
                    INSERT INTO courses (slug, kind, title, summary, description, language, pathways)
                    VALUES (\(course.slug), \(course.kind), \(course.title), \(course.summary), \(course.description),
                            \(course.language), \(course.pathways))
                    ON CONFLICT (slug) DO NOTHING RETURNING id
                    """).first?["id"] else { continue }
                for topic in course.topics {
                    guard let topicID = topicIDs[topic] else { throw SeedError("course \(course.slug): unknown topic \(topic)") }
                    try db.execute("INSERT INTO course_topics (course_id, topic_id) VALUES (\(courseID), \(topicID))")
                }
                for edition in course.editions {
                    let seminarID = try edition.seminarCity.map { city -> Int64 in
                        guard let id = organizationIDs[city] else { throw SeedError("edition \(edition.name): unknown city \(city)") }
                        return id
                    }
                    // Dates are relative to today, so the demo always shows editions in every state.
                    try db.execute("""
                        INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at,
                                              enrollment_closes_at, capacity, modality, seminar_organization_id, admission, fee, description)
                        VALUES (\(courseID), \(edition.name), \(edition.language),
                                current_date + \(edition.startsInDays)::int,
                                current_date + \(edition.startsInDays + edition.lengthInDays)::int,
                                date_trunc('day', now()) + make_interval(days => \(edition.enrollmentOpensInDays)::int),
                                date_trunc('day', now()) + make_interval(days => \(edition.enrollmentClosesInDays)::int),
                                \(edition.capacity), \(seminarID == nil ? "online" : "hybrid"), \(seminarID),
                                \(edition.admission), \(Decimal(edition.fee)), \(DemoDescriptions.edition(course: course.slug, name: edition.name)))
                        """)
                    editionCount += 1
                }
            }
            guard let hash = Passwords.hash(DemoAccounts.password) else { throw SeedError("password hashing failed") }
            let people = try DemoAccounts.seed(db, passwordHash: hash)
            try DemoEnrollments.seed(db, passwordHash: hash)
            try DemoCapsules.seed(db)
            try DemoForums.seed(db)
            // Workloads as the network states them (capsules state their own).
            try db.execute("""
                UPDATE courses SET workload_hours = CASE kind WHEN 'programme' THEN 320 WHEN 'course' THEN 48 ELSE 24 END
                WHERE workload_hours IS NULL AND kind <> 'capsule'
                """)
            // What the demo completed holds its certificates, as completing does.
            let completions = try db.query("""
                SELECT user_id, 'edition' AS kind, e.course_id, x.edition_id FROM enrollments x JOIN editions e ON e.id = x.edition_id
                WHERE x.status = 'completed'
                UNION ALL
                SELECT user_id, 'capsule', course_id, NULL FROM capsule_progress WHERE completed_at IS NOT NULL
                """)
            for row in completions {
                guard let kind = CertificateKind(rawValue: try row["kind"]) else { continue }
                _ = try Certificates.insert(db, userID: try row["user_id"], kind: kind, courseID: try row["course_id"], editionID: try row["edition_id"])
            }
            try DemoScholarships.seed(db, passwordHash: hash)
            return [
                "seeded \(DemoData.organizations.count) organizations, \(DemoData.topics.count) topics, "
                    + "\(DemoData.courses.count + DemoCapsules.courses.count) courses, \(editionCount) editions, \(people) demo accounts "
                    + "and \(DemoEnrollments.learners.count) participants",
            ]
        }
    }
}

struct SeedError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The shapes of the demo data (the values are in DemoData.swift).
enum DemoShapes {
    struct Organization {
        var name: String
        var country: String
        /// andina, brasil, centroamerica, conosur, iberica or mexicana.
        var network: String
        /// Membership paid up to this many days from today; negative means lapsed.
        var activeForDays: Int
        var domains: [String]
    }

    struct Topic {
        var slug: String
        var es: String
        var pt: String
        var en: String
        var fr: String
    }

    struct Course {
        var slug: String
        /// programme, course, capsule or adhoc.
        var kind: String
        var title: String
        var summary: String
        var description: String
        var language: String
        var pathways: [String]
        var topics: [String]
        var editions: [Edition]
    }

    struct Edition {
        var name: String
        var language: String
        /// Days from today; negative for an edition already running or finished.
        var startsInDays: Int
        var lengthInDays: Int
        var enrollmentOpensInDays: Int
        var enrollmentClosesInDays: Int
        var capacity: Int
        /// An organization's name from the list: makes the edition hybrid with a seminar there.
        var seminarCity: String?
        /// open, members or approval.
        var admission: String
        var fee: Int
    }
}
