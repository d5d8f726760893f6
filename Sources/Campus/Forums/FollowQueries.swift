import Postgres

/// What people follow. Writing in a topic follows it, unless they muted it.
enum FollowQueries {
    static func follow(_ db: Connection, userID: Int64, topicID: Int64) throws {
        try db.execute("INSERT INTO topic_follows (user_id, topic_id) VALUES (\(userID), \(topicID)) ON CONFLICT DO NOTHING")
    }

    static func setTopic(_ db: Connection, userID: Int64, topicID: Int64, following: Bool) throws {
        try db.execute("""
            INSERT INTO topic_follows (user_id, topic_id, following) VALUES (\(userID), \(topicID), \(following))
            ON CONFLICT (user_id, topic_id) DO UPDATE SET following = EXCLUDED.following
            """)
    }

    static func setForum(_ db: Connection, userID: Int64, forumID: Int64, following: Bool) throws {
        if following {
            try db.execute("INSERT INTO forum_follows (user_id, forum_id) VALUES (\(userID), \(forumID)) ON CONFLICT DO NOTHING")
        } else {
            try db.execute("DELETE FROM forum_follows WHERE user_id = \(userID) AND forum_id = \(forumID)")
        }
    }

    static func followsForum(_ db: Connection, userID: Int64, forumID: Int64) throws -> Bool {
        try !db.query("SELECT 1 FROM forum_follows WHERE user_id = \(userID) AND forum_id = \(forumID)").isEmpty
    }
}
