import Web

/// Every path of the capsules feature: routes match with these patterns and pages print
/// links with them. `{n}` is a lesson's position in its capsule (1, 2, 3…).
enum CapsulePaths {
    // Learners
    static let capsules: RoutePattern = "/capsules"
    static let capsule: RoutePattern = "/capsules/{slug}"
    static let start: RoutePattern = "/capsules/{slug}/start"
    static let lesson: RoutePattern = "/capsules/{slug}/lessons/{n}"
    static let lessonComplete: RoutePattern = "/capsules/{slug}/lessons/{n}/complete"
    static let quiz: RoutePattern = "/capsules/{slug}/lessons/{n}/quiz"
    static let quizStart: RoutePattern = "/capsules/{slug}/lessons/{n}/quiz/start"

    // Authoring, for admins and the capsule's instructors
    static let admin: RoutePattern = "/admin/capsules"
    static let adminNew: RoutePattern = "/admin/capsules/new"
    static let adminCapsule: RoutePattern = "/admin/capsules/{id}"
    static let adminPublish: RoutePattern = "/admin/capsules/{id}/publish"
    static let adminUnpublish: RoutePattern = "/admin/capsules/{id}/unpublish"
    static let adminPreview: RoutePattern = "/admin/capsules/{id}/preview"
    static let adminPreviewLesson: RoutePattern = "/admin/capsules/{id}/preview/lessons/{n}"
    static let adminLessons: RoutePattern = "/admin/capsules/{id}/lessons"
    static let adminLesson: RoutePattern = "/admin/capsules/{id}/lessons/{lesson}"
    static let adminLessonMove: RoutePattern = "/admin/capsules/{id}/lessons/{lesson}/move"
    static let adminLessonDelete: RoutePattern = "/admin/capsules/{id}/lessons/{lesson}/delete"
    static let adminReadings: RoutePattern = "/admin/capsules/{id}/lessons/{lesson}/readings"
    static let adminReadingDelete: RoutePattern = "/admin/capsules/{id}/lessons/{lesson}/readings/{reading}/delete"
    static let adminQuiz: RoutePattern = "/admin/capsules/{id}/lessons/{lesson}/quiz"
    static let adminQuizDelete: RoutePattern = "/admin/capsules/{id}/lessons/{lesson}/quiz/delete"
    static let adminQuestions: RoutePattern = "/admin/capsules/{id}/lessons/{lesson}/questions"
    static let adminQuestionNew: RoutePattern = "/admin/capsules/{id}/lessons/{lesson}/questions/new"
    static let adminQuestion: RoutePattern = "/admin/capsules/{id}/questions/{question}"
    static let adminQuestionDelete: RoutePattern = "/admin/capsules/{id}/questions/{question}/delete"

    // Numbers for staff
    static let adminStats: RoutePattern = "/admin/capsules/{id}/stats"
    static let adminStatsCSV: RoutePattern = "/admin/capsules/{id}/stats.csv"
    static let adminExtraAttempts: RoutePattern = "/admin/capsules/{id}/extra-attempts"
}
