import Web

/// The public catalog: the list of courses and a course's page.
enum CatalogRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.courses, listCourses),
        Route("GET", Paths.course, showCourse),
    ]

    static func listCourses(_ context: Context) throws -> Response {
        let courses = try CatalogQueries.fetchCourseListings(context.db, language: context.language.rawValue)
        return context.page(context.t("catalog.title"), CatalogPages.courseList(courses, t: context.t), section: .courses)
    }

    static func showCourse(_ context: Context) throws -> Response {
        let slug = try context.parameters.string("slug")
        guard let course = try CatalogQueries.fetchCourse(context.db, slug: slug, language: context.language.rawValue) else {
            throw HTTPError(.notFound, reason: "catalog.course_not_found")
        }
        let editions = try CatalogQueries.fetchEditions(context.db, courseID: course.id)
        return context.page(course.title, CatalogPages.coursePage(course, editions: editions, t: context.t), section: .courses)
    }
}
