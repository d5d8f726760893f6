-- 0016: each post's words rendered once, when they are written or edited, instead of at
-- every view: the HTML of its Markdown ("cooked", with the renderer's version) and the
-- plain-text excerpt that quotes of it show.

ALTER TABLE posts ADD COLUMN cooked text, ADD COLUMN cooked_version integer, ADD COLUMN excerpt text;

-- Words changed by a statement that did not render them again (a deleted account's name
-- taken out of posts, words purged, a bulk import) leave the post uncooked: pages render it
-- at view time until `campus mail` or `campus forums cook` stores it again.
CREATE FUNCTION posts_uncook() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.cooked IS NOT DISTINCT FROM OLD.cooked AND NEW.excerpt IS NOT DISTINCT FROM OLD.excerpt THEN
        NEW.cooked := NULL;
        NEW.cooked_version := NULL;
        NEW.excerpt := NULL;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER posts_uncook BEFORE UPDATE OF body, language ON posts
    FOR EACH ROW WHEN (NEW.body IS DISTINCT FROM OLD.body OR NEW.language IS DISTINCT FROM OLD.language)
    EXECUTE FUNCTION posts_uncook();
-- The posts still to cook, for the job that cooks them.
CREATE INDEX posts_uncooked ON posts (id) WHERE cooked IS NULL AND body <> '';
