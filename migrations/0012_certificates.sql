-- 0012: certificates of completion, their name corrections, and each course's
-- estimated workload (stated on its certificates).

-- The same column may come with the capsules' migration: whichever runs second keeps it.
ALTER TABLE courses ADD COLUMN IF NOT EXISTS workload_hours integer CHECK (workload_hours BETWEEN 1 AND 2000);

-- Certificates of completion: an edition the teaching team marked completed, or a
-- capsule finished. What the certificate claims is copied at issue time, so editing
-- a course later never changes a certificate already handed out; only an approved
-- name correction changes the holder's name, on the same code.
CREATE TABLE certificates (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- 128 random bits in Crockford's base32 (no I, L, O, U): the public address.
    code text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{26}$'),
    user_id bigint NOT NULL REFERENCES users,
    kind text NOT NULL CHECK (kind IN ('capsule', 'edition')),
    course_id bigint NOT NULL REFERENCES courses,
    edition_id bigint REFERENCES editions,
    holder_name text NOT NULL CHECK (length(holder_name) BETWEEN 1 AND 120),
    course_title text NOT NULL CHECK (length(course_title) BETWEEN 1 AND 200),
    edition_name text CHECK (length(edition_name) BETWEEN 1 AND 120),
    language text NOT NULL CHECK (language IN ('es', 'pt', 'en', 'fr')),
    workload_hours integer CHECK (workload_hours BETWEEN 1 AND 2000),
    completed_on date NOT NULL,
    issued_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    revoked_by bigint REFERENCES users ON DELETE SET NULL,
    revocation_reason text CHECK (length(revocation_reason) BETWEEN 1 AND 1000),
    -- `staff`: an admin revoked it; `completion`: the teaching team withdrew the completion,
    -- so marking it completed again reinstates the same certificate.
    revocation_kind text CHECK (revocation_kind IN ('staff', 'completion')),
    CHECK ((kind = 'edition') = (edition_id IS NOT NULL)),
    CHECK ((kind = 'edition') = (edition_name IS NOT NULL)),
    CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL)),
    CHECK ((revoked_at IS NULL) = (revocation_kind IS NULL))
);
-- One certificate per person and thing completed: issuing twice finds the first.
CREATE UNIQUE INDEX certificates_once ON certificates (user_id, course_id, (coalesce(edition_id, 0)));
CREATE INDEX certificates_user ON certificates (user_id, issued_at DESC);
-- The staff page's latest certificates.
CREATE INDEX certificates_issued ON certificates (issued_at DESC, id DESC);

-- A holder's request to correct the name on a certificate, decided by an admin.
CREATE TABLE certificate_name_corrections (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    certificate_id bigint NOT NULL REFERENCES certificates ON DELETE CASCADE,
    previous_name text NOT NULL CHECK (length(previous_name) BETWEEN 1 AND 120),
    requested_name text NOT NULL CHECK (length(requested_name) BETWEEN 1 AND 120),
    reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    requested_at timestamptz NOT NULL DEFAULT now(),
    decided_by bigint REFERENCES users ON DELETE SET NULL,
    decided_at timestamptz,
    decision_note text CHECK (length(decision_note) <= 1000),
    CHECK ((status = 'pending') = (decided_at IS NULL))
);
-- At most one request waiting per certificate; the admin queue reads the oldest first.
CREATE UNIQUE INDEX certificate_name_corrections_pending ON certificate_name_corrections (certificate_id) WHERE status = 'pending';
CREATE INDEX certificate_name_corrections_queue ON certificate_name_corrections (requested_at, id) WHERE status = 'pending';
CREATE INDEX certificate_name_corrections_certificate ON certificate_name_corrections (certificate_id, id DESC);
