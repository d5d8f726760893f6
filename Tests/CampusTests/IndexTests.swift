import Foundation
import Postgres
import Testing
import TestSupport

/// Every lookup a page makes has an index: with sequential scans discouraged, the planner
/// still falls back to one only where no index can serve. Checked with EXPLAIN on the
/// demo data, so a query or an index that drifts apart fails here, not in production.
@Suite struct IndexTests {
    let db: Connection

    init() throws {
        db = try TestDatabase(.demo).connect()
        try db.run("SET enable_seqscan = off; ANALYZE")
    }

    func plan(_ sql: String) throws -> String {
        try db.query(SQL(stringLiteral: "EXPLAIN " + sql)).map { try $0["QUERY PLAN"] as String }.joined(separator: "\n")
    }

    @Test(arguments: [
        ("sessions", "SELECT * FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = '\\x00'::bytea"),
        ("users", "SELECT id FROM users WHERE lower(email) = lower('admin@campus.example')"),
        ("users", "SELECT id FROM users WHERE lower(name) || ' ' || lower(email) LIKE '%torres%'"),
        ("rate_limits", "UPDATE rate_limits SET hits = hits + 1 WHERE name = 'login.address' AND key = '127.0.0.1'"),
        ("rate_limits", "DELETE FROM rate_limits WHERE name = 'login.account_address' AND starts_with(key, 'x@example.org ')"),
        ("rate_limits", "SELECT name, key FROM rate_limits WHERE resets_at < now() ORDER BY resets_at LIMIT 100"),
        ("enrollments", "SELECT count(*) FROM enrollments WHERE edition_id = 1 AND status IN ('enrolled', 'completed')"),
        ("enrollments", "SELECT * FROM enrollments WHERE user_id = 1 ORDER BY updated_at DESC"),
        ("notifications", "SELECT count(*) FROM notifications WHERE user_id = 1 AND read_at IS NULL"),
        ("notifications", "SELECT * FROM notifications WHERE user_id = 1 ORDER BY id DESC LIMIT 31"),
        ("audit_log", "SELECT * FROM audit_log WHERE actor_id = 1 ORDER BY at DESC, id DESC LIMIT 51"),
        ("audit_log", "SELECT * FROM audit_log WHERE subject_kind = 'user' AND subject_id = 1 ORDER BY id DESC LIMIT 20"),
        ("outbox", "SELECT * FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT 100"),
        ("editions", "SELECT * FROM editions WHERE course_id = 1 ORDER BY starts_on, id"),
        ("editions", "SELECT * FROM editions WHERE starts_on >= current_date ORDER BY starts_on, id LIMIT 6"),
        ("edition_sessions", "SELECT * FROM edition_sessions WHERE edition_id = 1 ORDER BY starts_at"),
        ("role_grants", "SELECT * FROM role_grants WHERE user_id = 1"),
        ("courses", "SELECT id FROM courses WHERE search @@ websearch_to_tsquery('campus_es', 'movilidad sostenible')"),
        ("courses", "SELECT id FROM courses WHERE slug = 'x'"),
        ("email_tokens", "SELECT user_id FROM email_tokens WHERE token_hash = '\\x00'::bytea"),
        ("certificates", "SELECT * FROM certificates WHERE code = 'X'"),
        ("certificates", "SELECT * FROM certificates WHERE user_id = 1 ORDER BY issued_at DESC, id DESC"),
        ("certificates", "SELECT * FROM certificates WHERE user_id = 1 AND course_id = 1 AND coalesce(edition_id, 0) = 0"),
        ("certificates", "SELECT * FROM certificates ORDER BY issued_at DESC, id DESC LIMIT 50"),
        ("certificate_name_corrections", "SELECT * FROM certificate_name_corrections WHERE status = 'pending' ORDER BY requested_at, id"),
        ("certificate_name_corrections", "SELECT * FROM certificate_name_corrections WHERE certificate_id = 1 ORDER BY id DESC"),
    ])
    func lookupsUseAnIndex(_ table: String, _ sql: String) throws {
        let explained = try plan(sql)
        #expect(!explained.contains("Seq Scan on \(table)"), "no index serves: \(sql)\n\(explained)")
    }
}
