-- 0003: enrollment in editions (seats, waitlist, approval, completion) and the
-- sessions of an edition.

-- One person's place in one edition. Seats are enrolled + completed; the waitlist is
-- ordered by requested_at (first come, first served) and its positions are computed.
CREATE TABLE enrollments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    edition_id bigint NOT NULL REFERENCES editions ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    status text NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'pending', 'withdrawn', 'rejected', 'completed')),
    requested_at timestamptz NOT NULL DEFAULT now(),
    decided_at timestamptz,
    decided_by bigint REFERENCES users ON DELETE SET NULL,
    decision_note text CHECK (length(decision_note) <= 2000),
    assessed_at timestamptz,
    assessed_by bigint REFERENCES users ON DELETE SET NULL,
    completion_note text CHECK (length(completion_note) <= 2000),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (edition_id, user_id),
    CHECK (status <> 'completed' OR assessed_at IS NOT NULL)
);
CREATE INDEX enrollments_edition_status ON enrollments (edition_id, status, requested_at, id);
CREATE INDEX enrollments_user ON enrollments (user_id, updated_at DESC);

-- Master classes, expert dialogues and seminars, at a moment in a time zone.
CREATE TABLE edition_sessions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    edition_id bigint NOT NULL REFERENCES editions ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('master_class', 'expert_dialogue', 'seminar')),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    starts_at timestamptz NOT NULL,
    duration_minutes integer NOT NULL DEFAULT 90 CHECK (duration_minutes BETWEEN 15 AND 600),
    -- The zone the session was planned in; readers see it in their own.
    time_zone text NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
    place text CHECK (length(place) <= 300),
    link text CHECK (link ~ '^https?://' AND length(link) <= 500),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (place IS NOT NULL OR link IS NOT NULL)
);
CREATE INDEX edition_sessions_edition ON edition_sessions (edition_id, starts_at);
