import Foundation
import Postgres

/// A course as the catalog lists it, with the next edition that has not ended.
struct CourseListing: Sendable {
    var slug: String
    var title: String
    var kind: String
    var language: String
    var summary: String
    var topics: [String]
    var nextEdition: EditionDates?
}

/// The dates of an edition, enough to say when it runs.
struct EditionDates: Sendable {
    var id: Int64
    var name: String
    var language: String
    var startsOn: CalendarDay
    var endsOn: CalendarDay
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
}
