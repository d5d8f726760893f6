import Web

/// Every path of the forums: routes match with these patterns and pages print links with them.
enum ForumPaths {
    static let forums: RoutePattern = "/forums"
    static let preferences: RoutePattern = "/forums/preferences"
    static let forum: RoutePattern = "/forums/{id}"
    static let newTopic: RoutePattern = "/forums/{id}/topics/new"
    static let topics: RoutePattern = "/forums/{id}/topics"
    static let followForum: RoutePattern = "/forums/{id}/follow"
    static let report: RoutePattern = "/forums/{id}/report"
    static let reportCSV: RoutePattern = "/forums/{id}/report.csv"

    static let topic: RoutePattern = "/topics/{id}"
    static let posts: RoutePattern = "/topics/{id}/posts"
    static let followTopic: RoutePattern = "/topics/{id}/follow"
    static let topicModerate: RoutePattern = "/topics/{id}/moderate"
    static let lock: RoutePattern = "/topics/{id}/lock"
    static let unlock: RoutePattern = "/topics/{id}/unlock"
    static let pin: RoutePattern = "/topics/{id}/pin"
    static let unpin: RoutePattern = "/topics/{id}/unpin"
    static let move: RoutePattern = "/topics/{id}/move"
    static let slowMode: RoutePattern = "/topics/{id}/slow-mode"
    static let prompt: RoutePattern = "/topics/{id}/prompt"

    static let post: RoutePattern = "/posts/{id}"
    static let reply: RoutePattern = "/posts/{id}/reply"
    static let edit: RoutePattern = "/posts/{id}/edit"
    static let delete: RoutePattern = "/posts/{id}/delete"
    static let revisions: RoutePattern = "/posts/{id}/revisions"
    static let flag: RoutePattern = "/posts/{id}/flag"
    static let requestReview: RoutePattern = "/posts/{id}/request-review"
    static let postModerate: RoutePattern = "/posts/{id}/moderate"
    static let hide: RoutePattern = "/posts/{id}/hide"
    static let restore: RoutePattern = "/posts/{id}/restore"
    static let review: RoutePattern = "/posts/{id}/review"

    static let moderation: RoutePattern = "/moderation"
    static let suspend: RoutePattern = "/users/{id}/suspend"
    static let unsuspend: RoutePattern = "/users/{id}/unsuspend"
    static let search: RoutePattern = "/search"

    static let admin: RoutePattern = "/admin/forums"
    static let adminForum: RoutePattern = "/admin/forums/{id}"

    /// A post's place: its topic's page holding it, at the post (a post waiting for
    /// approval has no place yet: the topic's first page, where its author sees it waiting).
    static func postLocation(topicID: Int64, postID: Int64, position: Int?) -> String {
        let page = position.map(ForumPaging.page(ofPosition:)) ?? 1
        return topic.path(topicID) + (page > 1 ? "?page=\(page)" : "") + "#post-\(postID)"
    }

    /// Where to send someone back to a post after acting on it: its page itself, since a
    /// second redirect (through `/posts/{id}`) would use up the flash message on the way.
    static func location(of post: Post) -> String {
        postLocation(topicID: post.topicID, postID: post.id, position: post.position)
    }
}
