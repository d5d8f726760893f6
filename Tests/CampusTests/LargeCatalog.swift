import Postgres

/// A catalog the size of a busy year on top of the demo data — 2,000 courses, 10,000
/// editions, 20,000 people with 100,000 enrollments, a session each and 100,000
/// notifications — for checking plans where a sequential scan would really cost.
enum LargeCatalog {
    static let script = """
        INSERT INTO courses (slug, kind, title, summary, description, language, published)
        SELECT 'generado-' || g,
               (ARRAY['programme', 'course', 'course', 'adhoc', 'capsule'])[1 + g % 5],
               (ARRAY['Taller', 'Curso', 'Seminario', 'Laboratorio'])[1 + g % 4] || ' ' || g || ' de '
                   || (ARRAY['movilidad urbana', 'gobernanza local', 'resiliencia costera', 'innovación pública', 'vivienda asequible',
                             'agua y saneamiento', 'presupuesto participativo', 'datos abiertos'])[1 + g % 8],
               'Herramientas prácticas para equipos municipales, edición ' || g || '.',
               repeat('Casos de ciudades de la red, ejercicios y un proyecto aplicado al municipio de cada participante. ', 8),
               (ARRAY['es', 'pt', 'en', 'fr'])[1 + g % 4], g % 20 <> 0
        FROM generate_series(1, 2000) g;
        INSERT INTO course_topics (course_id, topic_id)
        SELECT c.id, t.id FROM courses c JOIN LATERAL (
            SELECT id FROM topics ORDER BY (id * 7919 + c.id) % 101 LIMIT 2) t ON true
        WHERE c.slug LIKE 'generado-%';
        INSERT INTO editions (course_id, name, language, starts_on, ends_on, enrollment_opens_at, enrollment_closes_at, capacity)
        SELECT c.id, 'Edición ' || k, c.language, d, d + 60, d - 90, d - 7, 20 + (c.id * k) % 200
        FROM courses c CROSS JOIN generate_series(1, 5) k
        CROSS JOIN LATERAL (SELECT current_date + ((c.id * 37 + k * 173) % 900 - 600)::int AS d) s
        WHERE c.slug LIKE 'generado-%';
        INSERT INTO users (email, name, password_hash, locale, verified_at)
        SELECT 'generada' || g || '@example.org', (ARRAY['Ana', 'Bruno', 'Carmen', 'Diego', 'Elena', 'Fabio'])[1 + g % 6] || ' Generada ' || g,
               NULL, (ARRAY['es', 'pt', 'en', 'fr'])[1 + g % 4], now()
        FROM generate_series(1, 20000) g;
        -- The seat counters are set once afterwards: a trigger per row would take half a minute.
        ALTER TABLE enrollments DISABLE TRIGGER USER;
        INSERT INTO enrollments (edition_id, user_id, status, requested_at, assessed_at)
        SELECT e.id, u.id,
               (ARRAY['enrolled', 'enrolled', 'enrolled', 'enrolled', 'enrolled', 'enrolled', 'waitlisted', 'pending', 'withdrawn', 'completed'])[1 + (u.n + k) % 10],
               now() - make_interval(mins => ((u.n * 13 + k) % 100000)::int),
               CASE WHEN (u.n + k) % 10 = 9 THEN now() END
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM users WHERE email LIKE 'generada%') u
        CROSS JOIN generate_series(0, 4) k
        JOIN (SELECT e.id, row_number() OVER (ORDER BY e.id) - 1 AS n FROM editions e JOIN courses c ON c.id = e.course_id
              WHERE c.slug LIKE 'generado-%') e ON e.n = (u.n * 7 + k * 2003) % 10000;
        ALTER TABLE enrollments ENABLE TRIGGER USER;
        UPDATE editions e SET seats_taken = n.taken, waitlisted = n.waiting, pending = n.pending
        FROM (SELECT edition_id, count(*) FILTER (WHERE status IN ('enrolled', 'completed')) AS taken,
                     count(*) FILTER (WHERE status = 'waitlisted') AS waiting, count(*) FILTER (WHERE status = 'pending') AS pending
              FROM enrollments GROUP BY edition_id) n
        WHERE n.edition_id = e.id;
        INSERT INTO sessions (token_hash, user_id, expires_at)
        SELECT sha256(('generada' || id)::bytea), id, now() + interval '1 day' FROM users WHERE email LIKE 'generada%';
        INSERT INTO notifications (user_id, kind, message, created_at, read_at)
        SELECT u.id, 'enrollment', 'notice.enrolled', now() - make_interval(hours => k), CASE WHEN k > 1 THEN now() END
        FROM users u CROSS JOIN generate_series(1, 5) k WHERE u.email LIKE 'generada%';
        ANALYZE courses, course_topics, topics, editions, users, enrollments, sessions, notifications, role_grants, search_words
        """

    static func fill(_ db: Connection) throws { try db.run(script) }
}
