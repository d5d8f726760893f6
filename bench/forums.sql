-- A busy network's forums for `make bench` (scripts/bench.sh loads it after the demo data):
-- 1,000 more people with verified accounts, 20 open forums of 100 topics each with 48 posts,
-- and one topic of 5,000 posts (title "Debate de la red: 5.000 mensajes") — 101,000 posts in
-- all, every fourth one quoting the one before. Posts come with their places already set,
-- so the counters the triggers keep for single posts are set here, once, at the end. SQL
-- cannot render Markdown: `campus forums cook` stores the posts' HTML afterwards.
\set ON_ERROR_STOP on
BEGIN;

CREATE TEMP TABLE bench_people ON COMMIT DROP AS
WITH made AS (
    INSERT INTO users (email, name, locale, verified_at, created_at)
    SELECT 'persona' || n || '@red.bench.example', 'Persona ' || n, (ARRAY['es', 'pt', 'en', 'fr'])[1 + n % 4], now(), now() - interval '400 days'
    FROM generate_series(1, 1000) n
    RETURNING id
)
SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM made;

CREATE TEMP TABLE bench_forums ON COMMIT DROP AS
WITH made AS (
    INSERT INTO forums (title, description, language, network)
    SELECT 'Foro temático ' || n, 'Un foro de la red con mucha actividad.', 'es',
           (ARRAY['andina', 'brasil', 'centroamerica', 'conosur', 'iberica', 'mexicana', NULL])[1 + n % 7]
    FROM generate_series(1, 20) n
    RETURNING id
)
SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM made;

-- The long topic first (in the first forum), then 100 topics a forum.
CREATE TEMP TABLE bench_topics (id bigint, size int) ON COMMIT DROP;
WITH made AS (
    INSERT INTO forum_topics (forum_id, author_id, title, language, created_at)
    SELECT f.id, p.id, 'Debate de la red: 5.000 mensajes', 'es', now() - interval '200 days'
    FROM bench_forums f, bench_people p WHERE f.n = 0 AND p.n = 0
    RETURNING id
)
INSERT INTO bench_topics SELECT id, 5000 FROM made;
WITH made AS (
    INSERT INTO forum_topics (forum_id, author_id, title, language, created_at)
    SELECT f.id, p.id, 'Experiencias municipales número ' || (f.n * 100 + t), 'es', now() - make_interval(days => 100 - t)
    FROM bench_forums f CROSS JOIN generate_series(1, 100) t JOIN bench_people p ON p.n = (f.n * 100 + t) % 1000
    RETURNING id
)
INSERT INTO bench_topics SELECT id, 48 FROM made;

INSERT INTO posts (topic_id, author_id, position, body, language, created_at)
SELECT t.id, p.id, g.n,
       (ARRAY['La movilidad sostenible exige **datos abiertos** y presupuesto estable.',
              'En nuestro municipio el presupuesto participativo llegó a los barrios periféricos.',
              'Sin equipos técnicos que acompañen, las propuestas vecinales se quedan en el papel.',
              'Publicar cada mes el avance de las obras votadas sostuvo la participación.',
              'Las consultas en línea atrajeron a jóvenes; las asambleas, a personas mayores.',
              'La gestión de residuos mejoró con un consorcio de cinco municipios.',
              'Medimos el tráfico antes y después de los carriles bici: bajaron los accidentes.'])[1 + (t.id + g.n) % 7]
       || E'\n\n' ||
       (ARRAY['¿Cómo lo resolvieron en sus ciudades?', 'Comparto el informe en la próxima sesión.',
              'Gracias por los aportes, aprendo mucho de este foro.', 'Estoy de acuerdo con lo que se dijo arriba.',
              'Me interesa conocer los costos de mantenimiento.'])[1 + g.n % 5],
       'es', now() - interval '200 days' + make_interval(mins => g.n)
FROM bench_topics t CROSS JOIN LATERAL generate_series(1, t.size) g(n)
JOIN bench_people p ON p.n = (t.id * 7 + g.n) % 1000;

UPDATE posts r SET reply_to = q.id
FROM bench_topics t, posts q
WHERE r.topic_id = t.id AND r.position % 4 = 0 AND q.topic_id = r.topic_id AND q.position = r.position - 1;

UPDATE forum_topics ft SET post_count = t.size, last_post_at = ft.created_at + make_interval(mins => t.size)
FROM bench_topics t WHERE ft.id = t.id;
UPDATE forums f SET topic_count = s.topics, post_count = s.posts, last_post_at = s.last
FROM (SELECT forum_id, count(*) AS topics, sum(post_count) AS posts, max(last_post_at) AS last
      FROM forum_topics WHERE id IN (SELECT id FROM bench_topics) GROUP BY forum_id) s
WHERE f.id = s.forum_id;

COMMIT;
ANALYZE users;
ANALYZE forums;
ANALYZE forum_topics;
ANALYZE posts;
