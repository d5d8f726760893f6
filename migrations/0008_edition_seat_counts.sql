-- 0008: seats taken, waitlisted and pending kept on each edition instead of counted
-- on every page.

ALTER TABLE editions
    ADD COLUMN seats_taken integer NOT NULL DEFAULT 0 CHECK (seats_taken >= 0),
    ADD COLUMN waitlisted integer NOT NULL DEFAULT 0 CHECK (waitlisted >= 0),
    ADD COLUMN pending integer NOT NULL DEFAULT 0 CHECK (pending >= 0);

UPDATE editions e SET
    seats_taken = (SELECT count(*) FROM enrollments x WHERE x.edition_id = e.id AND x.status IN ('enrolled', 'completed')),
    waitlisted = (SELECT count(*) FROM enrollments x WHERE x.edition_id = e.id AND x.status = 'waitlisted'),
    pending = (SELECT count(*) FROM enrollments x WHERE x.edition_id = e.id AND x.status = 'pending');

-- Keeps editions.seats_taken, waitlisted and pending equal to the counts of enrollments
-- in those statuses. The UPDATE takes the edition's row lock, which every change to its
-- seats already holds, so concurrent changes queue rather than lose a count.
CREATE FUNCTION enrollments_count_seats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE editions SET
            seats_taken = seats_taken - (OLD.status IN ('enrolled', 'completed'))::int,
            waitlisted = waitlisted - (OLD.status = 'waitlisted')::int,
            pending = pending - (OLD.status = 'pending')::int
        WHERE id = OLD.edition_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        UPDATE editions SET
            seats_taken = seats_taken + (NEW.status IN ('enrolled', 'completed'))::int,
            waitlisted = waitlisted + (NEW.status = 'waitlisted')::int,
            pending = pending + (NEW.status = 'pending')::int
        WHERE id = NEW.edition_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER enrollments_count_seats AFTER INSERT OR DELETE ON enrollments
    FOR EACH ROW EXECUTE FUNCTION enrollments_count_seats();
CREATE TRIGGER enrollments_count_seats_on_change AFTER UPDATE OF status, edition_id ON enrollments
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.edition_id IS DISTINCT FROM NEW.edition_id)
    EXECUTE FUNCTION enrollments_count_seats();
