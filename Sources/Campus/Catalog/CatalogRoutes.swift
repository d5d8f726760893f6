import Web

/// The public catalog: the list of courses, searchable and filtered, and a course's page.
enum CatalogRoutes {
    static let routes: [Route<Handler>] = [
        Route("GET", Paths.courses, listCourses),
        Route("GET", Paths.course, showCourse),
    ]

    static func listCourses(_ context: Context) throws -> Response {
        let query = try context.query()
        let filter = CatalogFilter(query)
        let after = query["after"].flatMap(SearchCursor.init)
        let db = try context.db
        let language = context.language.rawValue
        let courses = try CatalogQueries.fetchCourseListings(db, language: language, filter: filter, after: after)
        let page = Array(courses.prefix(CatalogQueries.pageSize))
        let next = courses.count > CatalogQueries.pageSize ? page.last.map { Paths.courses.path() + filter.query([("after", SearchCursor(id: $0.id, rank: $0.rank).text)]) } : nil
        let suggestion = page.isEmpty && !filter.query.isEmpty ? try CatalogSuggestions.fetchSuggestion(db, filter: filter) : nil
        let body = CatalogPages.courseList(
            page, filter: filter, topics: try CatalogQueries.fetchTopics(db, language: language), next: next, suggestion: suggestion, t: context.t)
        return context.page(context.t("catalog.title"), body, section: .courses)
    }

    static func showCourse(_ context: Context) throws -> Response {
        let slug = try context.parameters.string("slug")
        guard let course = try CatalogQueries.fetchCourse(context.db, slug: slug, language: context.language.rawValue, reader: context.user) else {
            throw HTTPError(.notFound, reason: "catalog.course_not_found")
        }
        // A capsule has its own page, where it can be taken.
        if course.kind == "capsule" { return .redirect(to: CapsulePaths.capsule.path(course.slug), status: .permanentRedirect) }
        let editions = try CatalogQueries.fetchEditions(context.db, courseID: course.id)
        let syllabus = try DocumentRoutes.syllabus(context, owners: [.course(course.id)])
        return context.page(course.title, CatalogPages.coursePage(course, editions: editions, syllabus: syllabus, context: context), section: .courses)
    }
}
