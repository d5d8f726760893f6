-- 0014: scholarship calls, applications, committee review and awards that hold a seat.

-- An award holds a seat in its edition from the moment it is made until the awardee
-- accepts (the seat becomes theirs) or it is declined, expires or is withdrawn.
ALTER TABLE enrollments DROP CONSTRAINT enrollments_status_check;
ALTER TABLE enrollments ADD CONSTRAINT enrollments_status_check
    CHECK (status IN ('enrolled', 'waitlisted', 'pending', 'withdrawn', 'rejected', 'completed', 'held'));

CREATE OR REPLACE FUNCTION enrollments_count_seats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE editions SET
            seats_taken = seats_taken - (OLD.status IN ('enrolled', 'completed', 'held'))::int,
            waitlisted = waitlisted - (OLD.status = 'waitlisted')::int,
            pending = pending - (OLD.status = 'pending')::int
        WHERE id = OLD.edition_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        UPDATE editions SET
            seats_taken = seats_taken + (NEW.status IN ('enrolled', 'completed', 'held'))::int,
            waitlisted = waitlisted + (NEW.status = 'waitlisted')::int,
            pending = pending + (NEW.status = 'pending')::int
        WHERE id = NEW.edition_id;
    END IF;
    RETURN NULL;
END
$$;

-- Documents attached to an application: the applicant's letters and endorsements.
ALTER TABLE documents DROP CONSTRAINT documents_owner_kind_check;
ALTER TABLE documents ADD CONSTRAINT documents_owner_kind_check CHECK (owner_kind IN ('course', 'edition', 'application'));
ALTER TABLE documents ADD COLUMN application_id bigint
    GENERATED ALWAYS AS (CASE WHEN owner_kind = 'application' THEN owner_id END) STORED;

-- A call for scholarships to one edition: its window, how many awards it makes and
-- what they cover, who may apply, what it asks, and how the committee reviews.
CREATE TABLE scholarship_calls (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    edition_id bigint NOT NULL REFERENCES editions ON DELETE CASCADE,
    title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
    opens_at timestamptz NOT NULL,
    closes_at timestamptz NOT NULL,
    -- The number of awards; the share of the fee they cover, in percent.
    quota integer NOT NULL CHECK (quota BETWEEN 1 AND 10000),
    coverage_percent integer NOT NULL DEFAULT 100 CHECK (coverage_percent BETWEEN 1 AND 100),
    -- At most this many awards to officials of one organization; NULL: no limit.
    max_per_organization integer CHECK (max_per_organization BETWEEN 1 AND 10000),
    -- Reviewers never see who applied nor from where.
    blind boolean NOT NULL DEFAULT false,
    reviews_per_application integer NOT NULL DEFAULT 2 CHECK (reviews_per_application BETWEEN 1 AND 10),
    -- Days an awardee has to accept, from the award.
    acceptance_days integer NOT NULL DEFAULT 10 CHECK (acceptance_days BETWEEN 1 AND 90),
    -- Days the documents of applications not awarded are kept after the decisions are
    -- released; then `campus scholarships sweep` deletes them.
    retention_days integer NOT NULL DEFAULT 180 CHECK (retention_days BETWEEN 0 AND 3650),
    published boolean NOT NULL DEFAULT false,
    released_at timestamptz,
    released_by bigint REFERENCES users ON DELETE SET NULL,
    -- Awards standing (made and not yet accepted, or accepted), kept by a trigger on
    -- applications: the CHECK below is the quota, whatever code path makes an award.
    awards integer NOT NULL DEFAULT 0 CHECK (awards >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (closes_at > opens_at),
    CONSTRAINT scholarship_calls_quota CHECK (awards <= quota)
);
CREATE INDEX scholarship_calls_edition ON scholarship_calls (edition_id);
CREATE INDEX scholarship_calls_listed ON scholarship_calls (closes_at DESC, id) WHERE published;

-- What a call asks in words, each answer at most max_length characters.
CREATE TABLE call_questions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id bigint NOT NULL REFERENCES scholarship_calls ON DELETE CASCADE,
    prompt text NOT NULL CHECK (length(prompt) BETWEEN 3 AND 1000),
    max_length integer NOT NULL DEFAULT 3000 CHECK (max_length BETWEEN 50 AND 20000),
    required boolean NOT NULL DEFAULT true
);
CREATE INDEX call_questions_call ON call_questions (call_id, id);

-- The documents a call asks for (PDF), each seen by the reviewers or by staff only (an
-- endorsement names its city: in a blind call it stays with staff).
CREATE TABLE call_documents (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id bigint NOT NULL REFERENCES scholarship_calls ON DELETE CASCADE,
    label text NOT NULL CHECK (length(label) BETWEEN 3 AND 200),
    visibility text NOT NULL DEFAULT 'reviewers' CHECK (visibility IN ('reviewers', 'staff')),
    required boolean NOT NULL DEFAULT true
);
CREATE INDEX call_documents_call ON call_documents (call_id, id);

-- The review rubric: criteria scored 0 to 5, weighted.
CREATE TABLE call_criteria (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id bigint NOT NULL REFERENCES scholarship_calls ON DELETE CASCADE,
    name text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
    weight integer NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 100)
);
CREATE INDEX call_criteria_call ON call_criteria (call_id, id);

-- One person's application to one call, from draft to award. Eligibility is checked and
-- stored when they submit, and again when an award is made.
CREATE TABLE applications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id bigint NOT NULL REFERENCES scholarship_calls ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'under_review', 'withdrawn', 'awarded',
        'accepted', 'waitlisted', 'declined', 'award_declined', 'expired')),
    -- The organization the application counts for (per-organization maximum, statistics).
    organization_id bigint REFERENCES organizations ON DELETE SET NULL,
    submitted_at timestamptz,
    -- The eligibility check at submission: active, none, pending, rejected or lapsed.
    eligibility text CHECK (eligibility IN ('active', 'none', 'pending', 'rejected', 'lapsed')),
    eligibility_checked_at timestamptz,
    -- The same check when the award was made.
    award_eligibility text CHECK (award_eligibility IN ('active', 'none', 'pending', 'rejected', 'lapsed')),
    award_checked_at timestamptz,
    -- The award (or the offer from the call's waitlist) and its acceptance deadline.
    awarded_at timestamptz,
    accept_by timestamptz,
    from_waitlist boolean NOT NULL DEFAULT false,
    responded_at timestamptz,
    withdrawn_at timestamptz,
    documents_purged_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (call_id, user_id),
    CHECK (status = 'draft' OR status = 'withdrawn' OR submitted_at IS NOT NULL),
    CHECK (status <> 'awarded' OR accept_by IS NOT NULL)
);
CREATE INDEX applications_call_status ON applications (call_id, status, submitted_at, id);
CREATE INDEX applications_user ON applications (user_id, updated_at DESC);
CREATE INDEX applications_accept_by ON applications (accept_by) WHERE status = 'awarded';

-- Awards standing per call and organization, kept by the same trigger; `maximum` is the
-- call's max_per_organization, copied so that a CHECK can hold every count to it.
CREATE TABLE scholarship_organization_awards (
    call_id bigint NOT NULL REFERENCES scholarship_calls ON DELETE CASCADE,
    organization_id bigint NOT NULL REFERENCES organizations ON DELETE CASCADE,
    awards integer NOT NULL DEFAULT 0 CHECK (awards >= 0),
    maximum integer,
    PRIMARY KEY (call_id, organization_id),
    CONSTRAINT scholarship_organization_maximum CHECK (maximum IS NULL OR awards <= maximum)
);

CREATE FUNCTION applications_count_awards() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN ('awarded', 'accepted') THEN
        UPDATE scholarship_calls SET awards = awards - 1 WHERE id = OLD.call_id;
        UPDATE scholarship_organization_awards SET awards = awards - 1
        WHERE call_id = OLD.call_id AND organization_id = OLD.organization_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status IN ('awarded', 'accepted') THEN
        UPDATE scholarship_calls SET awards = awards + 1 WHERE id = NEW.call_id;
        IF NEW.organization_id IS NOT NULL THEN
            INSERT INTO scholarship_organization_awards AS s (call_id, organization_id, awards, maximum)
            SELECT NEW.call_id, NEW.organization_id, 1, c.max_per_organization FROM scholarship_calls c WHERE c.id = NEW.call_id
            ON CONFLICT (call_id, organization_id) DO UPDATE SET awards = s.awards + 1;
        END IF;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER applications_count_awards AFTER INSERT OR DELETE ON applications
    FOR EACH ROW EXECUTE FUNCTION applications_count_awards();
CREATE TRIGGER applications_count_awards_on_change AFTER UPDATE OF status, organization_id ON applications
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
    EXECUTE FUNCTION applications_count_awards();

CREATE FUNCTION scholarship_calls_copy_maximum() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE scholarship_organization_awards SET maximum = NEW.max_per_organization WHERE call_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER scholarship_calls_copy_maximum AFTER UPDATE OF max_per_organization ON scholarship_calls
    FOR EACH ROW WHEN (OLD.max_per_organization IS DISTINCT FROM NEW.max_per_organization)
    EXECUTE FUNCTION scholarship_calls_copy_maximum();

CREATE TABLE application_answers (
    application_id bigint NOT NULL REFERENCES applications ON DELETE CASCADE,
    question_id bigint NOT NULL REFERENCES call_questions ON DELETE CASCADE,
    answer text NOT NULL CHECK (length(answer) <= 20000),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (application_id, question_id)
);

-- Which document answers which of the call's requests.
CREATE TABLE application_documents (
    application_id bigint NOT NULL REFERENCES applications ON DELETE CASCADE,
    requirement_id bigint NOT NULL REFERENCES call_documents ON DELETE CASCADE,
    document_id bigint NOT NULL UNIQUE REFERENCES documents ON DELETE CASCADE,
    PRIMARY KEY (application_id, requirement_id)
);

-- A reviewer assigned to an application, by an admin or automatically. A declared
-- conflict ends the assignment (the application goes to someone else) but keeps its record.
CREATE TABLE review_assignments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint NOT NULL REFERENCES applications ON DELETE CASCADE,
    reviewer_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    assigned_by bigint REFERENCES users ON DELETE SET NULL,
    assigned_at timestamptz NOT NULL DEFAULT now(),
    conflict_at timestamptz,
    conflict_reason text CHECK (length(conflict_reason) <= 1000),
    UNIQUE (application_id, reviewer_id)
);
CREATE INDEX review_assignments_reviewer ON review_assignments (reviewer_id, application_id);

-- A reviewer's scores, one per criterion, and a comment for the committee.
CREATE TABLE reviews (
    assignment_id bigint PRIMARY KEY REFERENCES review_assignments ON DELETE CASCADE,
    comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 5000),
    submitted_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE review_scores (
    assignment_id bigint NOT NULL REFERENCES reviews ON DELETE CASCADE,
    criterion_id bigint NOT NULL REFERENCES call_criteria ON DELETE CASCADE,
    score integer NOT NULL CHECK (score BETWEEN 0 AND 5),
    PRIMARY KEY (assignment_id, criterion_id)
);
CREATE INDEX review_scores_criterion ON review_scores (criterion_id);

-- The committee's decision on an application: provisional until the call's decisions
-- are released, which tells every applicant at once.
CREATE TABLE decisions (
    application_id bigint PRIMARY KEY REFERENCES applications ON DELETE CASCADE,
    decision text NOT NULL CHECK (decision IN ('award', 'waitlist', 'decline')),
    note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    decided_by bigint REFERENCES users ON DELETE SET NULL,
    decided_at timestamptz NOT NULL DEFAULT now(),
    released_at timestamptz
);

ALTER TABLE documents ADD CONSTRAINT documents_application_id_fkey
    FOREIGN KEY (application_id) REFERENCES applications ON DELETE CASCADE;
-- What an application has attached, and the cascade when it goes.
CREATE INDEX documents_application ON documents (application_id) WHERE application_id IS NOT NULL;
