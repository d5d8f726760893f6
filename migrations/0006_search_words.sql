-- 0006: the catalog search finds courses by their topics' names in every language, and
-- suggests a correction for a misspelt word.

-- Topic names, each stemmed in its own language, accents folded.
ALTER TABLE topics ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('campus_es'::regconfig, names->>'es') || to_tsvector('campus_pt'::regconfig, names->>'pt')
    || to_tsvector('campus_en'::regconfig, names->>'en') || to_tsvector('campus_fr'::regconfig, names->>'fr')
) STORED;

-- The words of the listed catalog's titles and topic names, for "did you mean…?". Only
-- words that find their course when searched for, so a suggestion never leads nowhere.
-- Rebuilt whole when courses, topics or their links change: a few hundred rows.
CREATE TABLE search_words (
    -- Lower case, accents removed: what a misspelt word is compared with.
    folded text PRIMARY KEY,
    -- As written in the title or topic name, for the suggestion.
    word text NOT NULL
);
CREATE INDEX search_words_trigrams ON search_words USING gin (folded gin_trgm_ops);

CREATE FUNCTION refresh_search_words() RETURNS void LANGUAGE plpgsql
SET client_min_messages = warning AS $$
BEGIN
    -- One rebuild at a time: concurrent catalog edits cannot interleave deletes and inserts.
    PERFORM pg_advisory_xact_lock(hashtext('campus search words'));
    DELETE FROM search_words;
    INSERT INTO search_words (folded, word)
    SELECT lower(unaccent(w)), min(w)
    FROM (
        SELECT w, c.search AS document
        FROM courses c, unnest(tsvector_to_array(to_tsvector('simple'::regconfig, c.title))) w
        WHERE c.published AND c.kind <> 'capsule'
        UNION ALL
        SELECT w, t.search
        FROM topics t, jsonb_each_text(t.names) n, unnest(tsvector_to_array(to_tsvector('simple'::regconfig, n.value))) w
        WHERE EXISTS (SELECT 1 FROM course_topics ct JOIN courses c ON c.id = ct.course_id
                      WHERE ct.topic_id = t.id AND c.published AND c.kind <> 'capsule')
    ) found
    WHERE length(w) >= 4 AND w !~ '[0-9_-]'
      AND document @@ (websearch_to_tsquery('campus_es'::regconfig, w) || websearch_to_tsquery('campus_pt'::regconfig, w)
                       || websearch_to_tsquery('campus_en'::regconfig, w) || websearch_to_tsquery('campus_fr'::regconfig, w))
    GROUP BY 1;
END $$;

CREATE FUNCTION search_words_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_search_words();
    RETURN NULL;
END $$;

CREATE TRIGGER courses_search_words AFTER INSERT OR DELETE OR UPDATE OF title, language, kind, published ON courses
    FOR EACH STATEMENT EXECUTE FUNCTION search_words_changed();
CREATE TRIGGER topics_search_words AFTER INSERT OR DELETE OR UPDATE OF names ON topics
    FOR EACH STATEMENT EXECUTE FUNCTION search_words_changed();
CREATE TRIGGER course_topics_search_words AFTER INSERT OR DELETE OR UPDATE ON course_topics
    FOR EACH STATEMENT EXECUTE FUNCTION search_words_changed();

SELECT refresh_search_words();
