import Postgres
import Web

/// Demo debates: each edition's forum opens with a reflection prompt linked from its first
/// session and a debate among its participants — replies quoting earlier posts, the teaching
/// team joining in, one post flagged as off-topic waiting in the moderation queue — and two
/// open forums of the network. Written in the edition's language; the dates lie in the past.
enum DemoForums {
    /// Posts in each edition's debate besides the prompt.
    static let debateLength = 30

    static func seed(_ db: Connection) throws {
        guard let admin: Int64 = try db.query("SELECT id FROM users WHERE email = 'admin@campus.example'").first?["id"] else { return }
        let editions = try db.query("""
            SELECT f.id AS forum_id, e.id, e.language,
                   (SELECT g.user_id FROM role_grants g WHERE g.role = 'instructor' AND g.scope_kind = 'edition' AND g.scope_id = e.id
                    ORDER BY g.id LIMIT 1) AS instructor,
                   (SELECT s.id FROM edition_sessions s WHERE s.edition_id = e.id ORDER BY s.starts_at LIMIT 1) AS session,
                   ARRAY(SELECT x.user_id FROM enrollments x WHERE x.edition_id = e.id AND x.status IN ('enrolled', 'completed')
                         ORDER BY x.id) AS people
            FROM editions e JOIN forums f ON f.edition_id = e.id ORDER BY e.id
            """)
        for row in editions {
            let people: [Int64] = try row["people"]
            guard people.count >= 2 else { continue }
            let language = DemoDebates.language(try row["language"])
            let teacher: Int64 = try row["instructor"] ?? admin
            let topic = try createTopic(
                db, forum: try row["forum_id"], author: teacher, lines: DemoDebates.prompt(language), language: language,
                session: try row["session"], daysAgo: debateLength / 2 + 2)
            try seedDebate(db, topic: topic, people: people, teacher: teacher, language: language)
        }
        try seedOpenForums(db, people: try db.query("SELECT id FROM users WHERE verified_at IS NOT NULL ORDER BY id").map { try $0["id"] })
    }

    /// A topic and its opening post, `daysAgo` days back; a prompt when `session` is given.
    static func createTopic(
        _ db: Connection, forum: Int64, author: Int64, lines: (title: String, body: String), language: Language, session: Int64?, daysAgo: Int
    ) throws -> Int64 {
        let topic: Int64 = try db.query("""
            INSERT INTO forum_topics (forum_id, author_id, title, language, session_id, answer_by, created_at)
            VALUES (\(forum), \(author), \(lines.title), \(language.rawValue), \(session),
                    CASE WHEN \(session) IS NOT NULL THEN now() + interval '7 days' END, now() - make_interval(days => \(daysAgo)::int))
            RETURNING id
            """).first?["id"] ?? 0
        try insertPost(db, topic: topic, author: author, body: lines.body, language: language, replyTo: nil, hoursAgo: daysAgo * 24)
        return topic
    }

    /// The debate: participants in turn, every third post quoting an earlier one, the
    /// teaching team now and then; one post flagged by a participant for a moderator to see.
    static func seedDebate(_ db: Connection, topic: Int64, people: [Int64], teacher: Int64, language: Language) throws {
        let lines = DemoDebates.replies(language)
        var posts: [(id: Int64, author: Int64)] = []
        for index in 0..<debateLength {
            let author = index % 7 == 6 ? teacher : people[index % people.count]
            let quoted = index % 3 == 2 ? posts.last(where: { $0.author != author }) : nil
            let body = lines[index % lines.count]
            let id = try insertPost(db, topic: topic, author: author, body: body, language: language, replyTo: quoted?.id,
                                    hoursAgo: (debateLength - index) * 11)
            posts.append((id, author))
        }
        let offTopic = try insertPost(db, topic: topic, author: people[0], body: DemoDebates.offTopic(language), language: language,
                                      replyTo: nil, hoursAgo: 3)
        try db.execute("""
            INSERT INTO flags (post_id, user_id, reason, note, created_at) VALUES (\(offTopic), \(people[1]), 'off_topic', '', now() - interval '2 hours')
            """)
        try db.execute("UPDATE posts SET queued_at = now() - interval '2 hours' WHERE id = \(offTopic)")
    }

    /// Two forums open to every signed-in person: one by theme, one of a territorial network.
    static func seedOpenForums(_ db: Connection, people: [Int64]) throws {
        guard people.count >= 3 else { return }
        for (index, forum) in DemoDebates.openForums.enumerated() {
            let id: Int64 = try db.query("""
                INSERT INTO forums (title, description, network, language) VALUES (\(forum.title), \(forum.description), \(forum.network), \(forum.language.rawValue))
                RETURNING id
                """).first?["id"] ?? 0
            for (number, topic) in forum.topics.enumerated() {
                let opener = people[(index + number) % people.count]
                let topicID = try createTopic(db, forum: id, author: opener, lines: (topic.title, topic.body), language: forum.language,
                                              session: nil, daysAgo: 10 - number)
                var previous: Int64?
                for (offset, reply) in topic.replies.enumerated() {
                    let author = people[(index + number + offset + 1) % people.count]
                    previous = try insertPost(db, topic: topicID, author: author, body: reply, language: forum.language,
                                              replyTo: offset % 2 == 1 ? previous : nil, hoursAgo: (topic.replies.count - offset) * 9)
                }
            }
        }
    }

    @discardableResult
    static func insertPost(_ db: Connection, topic: Int64, author: Int64, body: String, language: Language, replyTo: Int64?, hoursAgo: Int) throws -> Int64 {
        let cooked = PostCooking.cook(body, language: language.rawValue)
        return try db.query("""
            INSERT INTO posts (topic_id, author_id, reply_to, body, language, created_at, cooked, cooked_version, excerpt)
            VALUES (\(topic), \(author), \(replyTo), \(body), \(language.rawValue), now() - make_interval(hours => \(hoursAgo)::int),
                    \(cooked.html), \(PostCooking.version), \(cooked.excerpt))
            RETURNING id
            """).first?["id"] ?? 0
    }
}
