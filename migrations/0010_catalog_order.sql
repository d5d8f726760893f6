-- 0010: the catalog browsed without words reads its page straight from an index in the
-- list's own order (programmes, then courses, then ad-hoc training, by title), and the
-- next page seeks it; the language filter finds the courses with an edition in a language
-- without reading every edition.

CREATE INDEX courses_catalog_order ON courses
    ((CASE kind WHEN 'programme' THEN 0 WHEN 'course' THEN 1 ELSE 2 END), lower(title), id)
    WHERE published AND kind <> 'capsule';

CREATE INDEX editions_language_course ON editions (language, course_id);
