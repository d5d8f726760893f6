import Foundation
import Postgres
import Web

/// A course as the catalog lists it, with the next edition that has not ended.
struct CourseListing: Sendable {
    var slug: String
    var title: String
    var kind: String
    var language: String
    var summary: String
    var id: Int64
    var topics: [String]
    var nextEdition: EditionSummary?
    /// How well it matched a search; nil when browsing.
    var rank: Double? = nil
    /// When searching: the summary with its matches marked, and passages of the description
    /// around its matches (see `Snippet`).
    var markedSummary: String? = nil
    var markedDescription: String? = nil
}

/// The dates of an edition, enough to say when it runs.
struct EditionDates: Sendable {
    var id: Int64
    var name: String
    var language: String
    var startsOn: CalendarDay
    var endsOn: CalendarDay
}

/// An edition as a catalog card shows it: when, and whether one can still get a seat.
struct EditionSummary: Sendable {
    var dates: EditionDates
    var state: EditionState
    var seatsLeft: Int
    var waitlisted: Int
}

/// What the catalog is narrowed to: words to search, a topic, a kind, a language.
struct CatalogFilter: Sendable, Equatable {
    /// Capsules have their own list, so the catalog offers every other kind.
    static let kinds = CourseAdminQueries.kinds.filter { $0 != "capsule" }

    var query = ""
    var topic = ""
    var kind = ""
    var language = ""

    var isEmpty: Bool { self == CatalogFilter() }

    /// From the query string; values no form would send are ignored, words are capped.
    init(_ form: Form? = nil) {
        guard let form else { return }
        query = String((form.trimmed("q") ?? "").prefix(200))
        let topic = form.trimmed("topic") ?? ""
        self.topic = topic.count <= 80 && topic.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) ? topic : ""
        kind = CatalogFilter.kinds.contains(form["kind"] ?? "") ? form["kind"] ?? "" : ""
        language = Language(rawValue: form["lang"] ?? "")?.rawValue ?? ""
    }

    /// The query string for these filters, plus more pairs (the page cursor).
    func query(_ more: [(String, String?)] = []) -> String {
        PercentEncoding.query([("q", query), ("topic", topic), ("kind", kind), ("lang", language)] + more)
    }
}

/// A topic, named in the reader's language.
struct TopicChoice: Sendable {
    var slug: String
    var name: String
}

/// A course page's course.
struct Course: Sendable {
    var id: Int64
    var slug: String
    var kind: String
    var title: String
    var summary: String
    var description: String
    var language: String
    var pathways: [String]
    var topics: [String]
    /// A draft is shown only to its staff (CoursePolicy), with a notice that it is one.
    var published = true
}

/// An edition as its course page shows it.
struct Edition: Sendable {
    var id: Int64
    var name: String
    var language: String
    var startsOn: CalendarDay
    var endsOn: CalendarDay
    var enrollmentOpensAt: Date
    var enrollmentClosesAt: Date
    var capacity: Int
    var modality: String
    var seminarCity: String?
    var admission: String
    var fee: Decimal
    var feeCurrency: String
    /// Markdown, shown on the edition's own page.
    var description: String
}
