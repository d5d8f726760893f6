-- Campus: the whole current schema, for a fresh database (`campus migrate` runs it
-- once and records every file in migrations/ as applied). Every change to this file
-- also comes as migrations/NNNN_what.sql, so existing databases upgrade in place.
--
-- Conventions: timestamps are timestamptz in UTC; money is numeric; text is `text`
-- with CHECK constraints on its length; states are text with CHECK lists.

SET client_min_messages = warning;

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Which numbered migrations this database has.
CREATE TABLE schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- Secrets shared by every responder (CSRF and cookie signing), made by `campus migrate`.
CREATE TABLE app_secrets (
    name text PRIMARY KEY,
    value bytea NOT NULL CHECK (octet_length(value) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Full-text search that forgives accents: each language's stemmer behind unaccent.
CREATE TEXT SEARCH CONFIGURATION campus_es (COPY = pg_catalog.spanish);
ALTER TEXT SEARCH CONFIGURATION campus_es
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
CREATE TEXT SEARCH CONFIGURATION campus_pt (COPY = pg_catalog.portuguese);
ALTER TEXT SEARCH CONFIGURATION campus_pt
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, portuguese_stem;
CREATE TEXT SEARCH CONFIGURATION campus_en (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION campus_en
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION campus_fr (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION campus_fr
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

-- Member cities and entities of the network. Active while active_until >= current_date.
CREATE TABLE organizations (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
    country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    network text NOT NULL CHECK (network IN ('andina', 'brasil', 'centroamerica', 'conosur', 'iberica', 'mexicana')),
    active_until date,
    email_domains text[] NOT NULL DEFAULT '{}'
        CHECK (array_position(email_domains, NULL) IS NULL),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (name, country)
);
CREATE INDEX organizations_network_name ON organizations (network, name);

-- Themes that tag courses; names in every interface language.
CREATE TABLE topics (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
    names jsonb NOT NULL CHECK (names ?& ARRAY['es', 'pt', 'en', 'fr']),
    -- Each name stemmed in its own language, accents folded: a search in any language
    -- finds the courses a topic tags.
    search tsvector GENERATED ALWAYS AS (
        to_tsvector('campus_es'::regconfig, names->>'es') || to_tsvector('campus_pt'::regconfig, names->>'pt')
        || to_tsvector('campus_en'::regconfig, names->>'en') || to_tsvector('campus_fr'::regconfig, names->>'fr')
    ) STORED
);

-- Programmes, specialization courses, capsules and ad-hoc training.
-- Title, summary and description are written in the course's own language; the
-- description in Markdown (the safe subset of Sources/Web/Markdown).
CREATE TABLE courses (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
    kind text NOT NULL CHECK (kind IN ('programme', 'course', 'capsule', 'adhoc')),
    title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
    summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 600),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
    language text NOT NULL CHECK (language IN ('es', 'pt', 'en', 'fr')),
    pathways text[] NOT NULL DEFAULT '{}'
        CHECK (pathways <@ ARRAY['low-carbon', 'nature-based', 'circular', 'resilient', 'equitable', 'people-centred']),
    published boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Stemmed in the course's language, accents folded; queried through a GIN index.
    search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector(CASE language
            WHEN 'pt' THEN 'campus_pt'::regconfig WHEN 'en' THEN 'campus_en'::regconfig
            WHEN 'fr' THEN 'campus_fr'::regconfig ELSE 'campus_es'::regconfig END, title), 'A')
        || setweight(to_tsvector(CASE language
            WHEN 'pt' THEN 'campus_pt'::regconfig WHEN 'en' THEN 'campus_en'::regconfig
            WHEN 'fr' THEN 'campus_fr'::regconfig ELSE 'campus_es'::regconfig END, summary), 'B')
        || setweight(to_tsvector(CASE language
            WHEN 'pt' THEN 'campus_pt'::regconfig WHEN 'en' THEN 'campus_en'::regconfig
            WHEN 'fr' THEN 'campus_fr'::regconfig ELSE 'campus_es'::regconfig END, description), 'C')
    ) STORED,
    -- The estimated workload, in hours (capsules say it; courses may).
    workload_hours integer CHECK (workload_hours BETWEEN 1 AND 2000)
);
CREATE INDEX courses_search ON courses USING gin (search);
CREATE INDEX courses_kind_title ON courses (kind, title) WHERE published;
-- The catalog browsed without words, in its own order: its page and the next come straight
-- from here.
CREATE INDEX courses_catalog_order ON courses
    ((CASE kind WHEN 'programme' THEN 0 WHEN 'course' THEN 1 ELSE 2 END), lower(title), id)
    WHERE published AND kind <> 'capsule';

CREATE TABLE course_topics (
    course_id bigint NOT NULL REFERENCES courses ON DELETE CASCADE,
    topic_id bigint NOT NULL REFERENCES topics ON DELETE CASCADE,
    PRIMARY KEY (course_id, topic_id)
);
CREATE INDEX course_topics_topic ON course_topics (topic_id);

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

-- One run of a course: taught in one language, with dates, an enrollment window and seats.
CREATE TABLE editions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id bigint NOT NULL REFERENCES courses ON DELETE CASCADE,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    language text NOT NULL CHECK (language IN ('es', 'pt', 'en', 'fr')),
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    enrollment_opens_at timestamptz NOT NULL,
    enrollment_closes_at timestamptz NOT NULL,
    capacity integer NOT NULL CHECK (capacity BETWEEN 0 AND 100000),
    modality text NOT NULL DEFAULT 'online' CHECK (modality IN ('online', 'hybrid')),
    seminar_organization_id bigint REFERENCES organizations,
    admission text NOT NULL DEFAULT 'open' CHECK (admission IN ('open', 'members', 'approval')),
    fee numeric(10, 2) NOT NULL DEFAULT 0 CHECK (fee >= 0),
    fee_currency text NOT NULL DEFAULT 'EUR' CHECK (fee_currency ~ '^[A-Z]{3}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- How many enrollments hold a seat (enrolled, completed, held for an award), wait, or await a decision:
    -- kept by a trigger on enrollments in the transaction that changes them, so pages
    -- read them instead of counting rows (a test checks they always equal the counts).
    seats_taken integer NOT NULL DEFAULT 0 CHECK (seats_taken >= 0),
    waitlisted integer NOT NULL DEFAULT 0 CHECK (waitlisted >= 0),
    pending integer NOT NULL DEFAULT 0 CHECK (pending >= 0),
    -- Markdown (the safe subset), shown under the edition's facts.
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
    CHECK (ends_on >= starts_on),
    CHECK (enrollment_closes_at > enrollment_opens_at),
    CHECK (modality = 'online' OR seminar_organization_id IS NOT NULL),
    UNIQUE (course_id, name, language)
);
CREATE INDEX editions_course_start ON editions (course_id, starts_on);
-- The home page's "starting soon" list.
CREATE INDEX editions_start ON editions (starts_on, id);
-- The catalog's language filter: courses with an edition in that language.
CREATE INDEX editions_language_course ON editions (language, course_id);

-- People who use Campus. Email is unique whatever its case; a deleted account keeps
-- its row (posts and audit entries point at it) with the personal data removed.
CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    -- Argon2id, in libsodium's self-describing string form; NULL once deleted.
    password_hash text CHECK (length(password_hash) <= 255),
    organization_id bigint REFERENCES organizations ON DELETE SET NULL,
    -- An admin confirmed the affiliation (else it counts only by verified email domain).
    affiliation_confirmed_at timestamptz,
    affiliation_confirmed_by bigint REFERENCES users ON DELETE SET NULL,
    affiliation_rejected_at timestamptz,
    position text NOT NULL DEFAULT 'other' CHECK (position IN ('mayor', 'councilor', 'manager', 'technician', 'other')),
    locale text NOT NULL DEFAULT 'es' CHECK (locale IN ('es', 'pt', 'en', 'fr')),
    time_zone text NOT NULL DEFAULT 'UTC' CHECK (length(time_zone) BETWEEN 1 AND 64),
    verified_at timestamptz,
    disabled_at timestamptz,
    deleted_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE INDEX users_organization ON users (organization_id);
-- Admin search by any part of a name or an email address.
CREATE INDEX users_search ON users USING gin ((lower(name) || ' ' || lower(email)) gin_trgm_ops);
CREATE INDEX users_name_order ON users (lower(name), id);
-- The affiliation queue: chosen, not yet confirmed or rejected.
CREATE INDEX users_affiliation_pending ON users (created_at)
    WHERE organization_id IS NOT NULL AND affiliation_confirmed_at IS NULL AND affiliation_rejected_at IS NULL;

-- Signed-in browsers. Only a hash of the cookie's 32 random bytes is kept.
CREATE TABLE sessions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    address text NOT NULL DEFAULT '' CHECK (length(address) <= 64),
    user_agent text NOT NULL DEFAULT '' CHECK (length(user_agent) <= 300)
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Single-use links sent by email (verify the address, reset the password, finish
-- signing in to an account under attack). Hashed.
CREATE TABLE email_tokens (
    token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    purpose text NOT NULL CHECK (purpose IN ('verify', 'reset', 'sign_in')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose, created_at);

-- Every rate limit's counters (sign-in failures, registrations, emailed links…): one
-- row per limit and key, counting hits in a window that starts at the first hit.
-- Rows whose window is over are swept as new windows start.
CREATE TABLE rate_limits (
    name text NOT NULL CHECK (length(name) <= 64),
    key text NOT NULL CHECK (length(key) <= 400),
    hits integer NOT NULL CHECK (hits >= 0),
    resets_at timestamptz NOT NULL,
    PRIMARY KEY (name, key)
);
CREATE INDEX rate_limits_resets_at ON rate_limits (resets_at);

-- Roles beyond learner: (role, scope kind, scope id). Later features add scopes.
CREATE TABLE role_grants (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('admin', 'moderator', 'instructor', 'reviewer')),
    scope_kind text NOT NULL DEFAULT 'global' CHECK (scope_kind IN ('global', 'forum', 'edition', 'call', 'course')),
    scope_id bigint,
    granted_by bigint REFERENCES users ON DELETE SET NULL,
    granted_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((scope_kind = 'global') = (scope_id IS NULL)),
    CHECK (role <> 'admin' OR scope_kind = 'global'),
    -- An instructor teaches an edition, or authors a capsule (scope kind `course`).
    CHECK (role <> 'instructor' OR scope_kind IN ('edition', 'course')),
    CHECK (role <> 'reviewer' OR scope_kind = 'call'),
    CHECK (role <> 'moderator' OR scope_kind IN ('global', 'forum'))
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants (user_id, role, scope_kind, coalesce(scope_id, 0));
CREATE INDEX role_grants_scope ON role_grants (scope_kind, scope_id, role);

-- Every staff action: who, what, on what, when and from where.
CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id bigint REFERENCES users ON DELETE SET NULL,
    action text NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
    subject_kind text CHECK (length(subject_kind) <= 40),
    subject_id bigint,
    details jsonb NOT NULL DEFAULT '{}',
    address text NOT NULL DEFAULT '' CHECK (length(address) <= 64),
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at DESC, id DESC);
CREATE INDEX audit_log_action ON audit_log (action, at DESC, id DESC);
CREATE INDEX audit_log_subject ON audit_log (subject_kind, subject_id, id DESC);

-- Email waiting to go out; `campus mail` delivers it and retries failures later.
-- A message is a template (`mail.<template>.subject` and `.body` in the catalogs) with its
-- values, written when it is delivered: to a user's current address, in their current
-- language (a deleted user's is dropped), or to `recipient` in `language` for an address
-- without an account. `texts` are catalog keys filled with the values and translated then
-- too. Once sent, `subject` and `recipient` record what went where. Rows queued before
-- templates carry their rendered subject and body instead.
CREATE TABLE outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint REFERENCES users ON DELETE SET NULL,
    recipient text CHECK (length(recipient) BETWEEN 3 AND 254),
    subject text CHECK (length(subject) BETWEEN 1 AND 300),
    body text CHECK (length(body) <= 50000),
    created_at timestamptz NOT NULL DEFAULT now(),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    sent_at timestamptz,
    language text CHECK (language IN ('es', 'pt', 'en', 'fr')),
    template text CHECK (template ~ '^[a-z_]+$'),
    params jsonb NOT NULL DEFAULT '{}',
    texts jsonb NOT NULL DEFAULT '{}',
    CONSTRAINT outbox_content CHECK (template IS NOT NULL OR (subject IS NOT NULL AND body IS NOT NULL))
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at, id) WHERE sent_at IS NULL;
CREATE INDEX outbox_recipient ON outbox (lower(recipient), created_at);

-- In-app notifications: a message key and its values, rendered in the reader's language.
CREATE TABLE notifications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    kind text NOT NULL CHECK (length(kind) <= 60),
    message text NOT NULL CHECK (message ~ '^[a-z_]+(\.[a-z0-9_]+)+$'),
    params jsonb NOT NULL DEFAULT '{}',
    link text CHECK (link LIKE '/%'),
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at timestamptz
);
CREATE INDEX notifications_user ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- Which kinds of notification also come by email, where the reader changed the default.
CREATE TABLE email_preferences (
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    kind text NOT NULL CHECK (length(kind) <= 60),
    by_email boolean NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- One person's place in one edition. Seats are enrolled + completed; the waitlist is
-- ordered by requested_at (first come, first served) and its positions are computed.
CREATE TABLE enrollments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    edition_id bigint NOT NULL REFERENCES editions ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    -- `held`: a seat kept for a scholarship award until the awardee accepts it.
    status text NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'pending', 'withdrawn', 'rejected', 'completed', 'held')),
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

-- Keeps editions.seats_taken, waitlisted and pending equal to the counts of enrollments
-- in those statuses. The UPDATE takes the edition's row lock, which every change to its
-- seats already holds, so concurrent changes queue rather than lose a count.
CREATE FUNCTION enrollments_count_seats() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER enrollments_count_seats AFTER INSERT OR DELETE ON enrollments
    FOR EACH ROW EXECUTE FUNCTION enrollments_count_seats();
CREATE TRIGGER enrollments_count_seats_on_change AFTER UPDATE OF status, edition_id ON enrollments
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.edition_id IS DISTINCT FROM NEW.edition_id)
    EXECUTE FUNCTION enrollments_count_seats();

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
    -- Markdown (the safe subset), shown under the session on the edition's page.
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    CHECK (place IS NOT NULL OR link IS NOT NULL)
);
CREATE INDEX edition_sessions_edition ON edition_sessions (edition_id, starts_at);

-- Files attached to a course, an edition or an application (later capsules): a
-- syllabus, an image for a description, an applicant's letters. What a file is was decided by its bytes; who
-- may read it follows from what it is attached to. The bytes live in
-- document_contents, so lists never read them.
CREATE TABLE documents (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_kind text NOT NULL CHECK (owner_kind IN ('course', 'edition', 'application')),
    owner_id bigint NOT NULL,
    -- The owner's row, so a document exists only while what it is attached to does.
    course_id bigint GENERATED ALWAYS AS (CASE WHEN owner_kind = 'course' THEN owner_id END) STORED
        REFERENCES courses ON DELETE CASCADE,
    edition_id bigint GENERATED ALWAYS AS (CASE WHEN owner_kind = 'edition' THEN owner_id END) STORED
        REFERENCES editions ON DELETE CASCADE,
    uploaded_by bigint REFERENCES users ON DELETE SET NULL,
    -- Shown and offered for saving: no folders, no control characters.
    filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 120 AND position('/' IN filename) = 0
                                  AND position('\' IN filename) = 0 AND filename !~ '[[:cntrl:]]'),
    title text NOT NULL DEFAULT '' CHECK (length(title) <= 200),
    media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg', 'image/webp')),
    size integer NOT NULL CHECK (size > 0),
    sha256 bytea NOT NULL CHECK (octet_length(sha256) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    -- The same file attached twice to the same thing is a form sent twice.
    UNIQUE (owner_kind, owner_id, sha256),
    -- Its foreign key is added with the applications table, further down.
    application_id bigint GENERATED ALWAYS AS (CASE WHEN owner_kind = 'application' THEN owner_id END) STORED
);
CREATE INDEX documents_owner ON documents (owner_kind, owner_id, created_at, id);

CREATE TABLE document_contents (
    document_id bigint PRIMARY KEY REFERENCES documents ON DELETE CASCADE,
    bytes bytea NOT NULL
);
-- PDFs and images come compressed: stored as they are, not compressed again.
ALTER TABLE document_contents ALTER COLUMN bytes SET STORAGE EXTERNAL;

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
-- A capsule's lessons, in order. The position is the n of /capsules/{slug}/lessons/{n};
-- its uniqueness is checked at the end of each statement, so two lessons swap places in
-- one UPDATE.
CREATE TABLE lessons (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id bigint NOT NULL REFERENCES courses ON DELETE CASCADE,
    position integer NOT NULL CHECK (position >= 1),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    -- In the platform's Markdown subset.
    body text NOT NULL DEFAULT '' CHECK (length(body) <= 50000),
    -- A link to the video on its host: shown as a link, never embedded.
    video_url text CHECK (video_url ~ '^https://[^[:space:]]+$' AND length(video_url) <= 500),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT lessons_course_position UNIQUE (course_id, position) DEFERRABLE INITIALLY IMMEDIATE
);

-- What a lesson gives to read: a link, or (once documents exist) a document uploaded to
-- the capsule, served through the documents' own access rules.
CREATE TABLE lesson_readings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lesson_id bigint NOT NULL REFERENCES lessons ON DELETE CASCADE,
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    url text CHECK (url ~ '^https?://[^[:space:]]+$' AND length(url) <= 500),
    document_id bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(url, document_id) = 1)
);
CREATE INDEX lesson_readings_lesson ON lesson_readings (lesson_id, id);

-- A lesson's quiz (a final quiz is the quiz of the last lesson): its settings. Its
-- questions are the pool each attempt draws from.
CREATE TABLE quizzes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lesson_id bigint NOT NULL UNIQUE REFERENCES lessons ON DELETE CASCADE,
    -- The share of questions answered right that passes, in percent.
    passing_score integer NOT NULL DEFAULT 70 CHECK (passing_score BETWEEN 1 AND 100),
    -- Attempts each learner has; NULL: as many as they want.
    max_attempts integer CHECK (max_attempts BETWEEN 1 AND 50),
    -- Questions each attempt draws from the pool; NULL: all of them.
    draw_count integer CHECK (draw_count BETWEEN 1 AND 100),
    shuffle_answers boolean NOT NULL DEFAULT true,
    -- What a failed attempt shows: the score alone, which questions were wrong, or that and
    -- the feedback on the answers chosen.
    review text NOT NULL DEFAULT 'questions' CHECK (review IN ('score', 'questions', 'feedback')),
    -- Show the right answers once the learner passed or has no attempt left.
    reveal_key boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- The question bank of a quiz, single or multiple choice.
CREATE TABLE questions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    quiz_id bigint NOT NULL REFERENCES quizzes ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('single', 'multiple')),
    prompt text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 2000),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX questions_quiz ON questions (quiz_id, id);

CREATE TABLE answers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    question_id bigint NOT NULL REFERENCES questions ON DELETE CASCADE,
    position integer NOT NULL CHECK (position BETWEEN 1 AND 10),
    text text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    correct boolean NOT NULL DEFAULT false,
    -- Shown to a learner who chose this answer, when the quiz's review allows it.
    feedback text NOT NULL DEFAULT '' CHECK (length(feedback) <= 1000),
    UNIQUE (question_id, position)
);

-- One learner in one capsule: when they started, where they left off, when they completed.
-- A completion, once recorded, stays whatever later edits add to the capsule.
CREATE TABLE capsule_progress (
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    course_id bigint NOT NULL REFERENCES courses ON DELETE CASCADE,
    started_at timestamptz NOT NULL DEFAULT now(),
    -- The lesson last opened: "continue" goes back there.
    last_lesson_id bigint REFERENCES lessons ON DELETE SET NULL,
    completed_at timestamptz,
    PRIMARY KEY (user_id, course_id),
    CHECK (completed_at >= started_at)
);
CREATE INDEX capsule_progress_course ON capsule_progress (course_id, completed_at);

-- The lessons a learner marked done. A lesson someone has done cannot be deleted.
CREATE TABLE lesson_progress (
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    lesson_id bigint NOT NULL REFERENCES lessons ON DELETE RESTRICT,
    done_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, lesson_id)
);
CREATE INDEX lesson_progress_lesson ON lesson_progress (lesson_id);

-- One try at a quiz. A quiz someone has tried cannot be deleted.
CREATE TABLE quiz_attempts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    quiz_id bigint NOT NULL REFERENCES quizzes ON DELETE RESTRICT,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    number integer NOT NULL CHECK (number >= 1),
    -- The quiz's passing score when the attempt began: a later change alters no result.
    passing_score integer NOT NULL CHECK (passing_score BETWEEN 1 AND 100),
    started_at timestamptz NOT NULL DEFAULT now(),
    submitted_at timestamptz,
    score integer CHECK (score BETWEEN 0 AND 100),
    passed boolean,
    UNIQUE (quiz_id, user_id, number),
    CHECK ((submitted_at IS NULL) = (score IS NULL) AND (score IS NULL) = (passed IS NULL))
);
-- At most one attempt in progress per learner and quiz.
CREATE UNIQUE INDEX quiz_attempts_open ON quiz_attempts (quiz_id, user_id) WHERE submitted_at IS NULL;

-- What an attempt asked, copied from the bank when it began (the questions drawn, in the
-- order shown): editing a question or its key later never changes a past attempt.
CREATE TABLE attempt_questions (
    attempt_id bigint NOT NULL REFERENCES quiz_attempts ON DELETE CASCADE,
    position integer NOT NULL CHECK (position >= 1),
    question_id bigint REFERENCES questions ON DELETE SET NULL,
    kind text NOT NULL CHECK (kind IN ('single', 'multiple')),
    prompt text NOT NULL,
    -- Set when the attempt is graded.
    correct boolean,
    PRIMARY KEY (attempt_id, position)
);
CREATE INDEX attempt_questions_question ON attempt_questions (question_id);

-- The answers offered in an attempt, in the order shown, with the key as it was and what
-- the learner chose. The form sends each answer's token, random per attempt, so nothing
-- in the page hints at which answers are right.
CREATE TABLE attempt_answers (
    attempt_id bigint NOT NULL,
    question_position integer NOT NULL,
    position integer NOT NULL CHECK (position >= 1),
    token text NOT NULL CHECK (length(token) BETWEEN 8 AND 40),
    text text NOT NULL,
    correct boolean NOT NULL,
    feedback text NOT NULL DEFAULT '',
    chosen boolean NOT NULL DEFAULT false,
    PRIMARY KEY (attempt_id, question_position, position),
    UNIQUE (attempt_id, token),
    FOREIGN KEY (attempt_id, question_position) REFERENCES attempt_questions ON DELETE CASCADE
);

-- Attempts beyond the quiz's limit, granted to one learner by staff, with the reason.
CREATE TABLE quiz_extra_attempts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    quiz_id bigint NOT NULL REFERENCES quizzes ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    attempts integer NOT NULL CHECK (attempts BETWEEN 1 AND 10),
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    granted_by bigint REFERENCES users ON DELETE SET NULL,
    granted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quiz_extra_attempts_learner ON quiz_extra_attempts (quiz_id, user_id);

-- Forums: one per edition, made with it (private to its participants, its teaching team,
-- moderators and admins), and open network forums (edition_id NULL, with a title) that
-- every signed-in user reads and posts in. The counters are kept by triggers in the
-- transaction that changes topics and posts, so lists never count rows.
CREATE TABLE forums (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    edition_id bigint UNIQUE REFERENCES editions ON DELETE CASCADE,
    -- An open forum's own title; an edition's forum is named after its edition.
    title text CHECK (length(title) BETWEEN 3 AND 120),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    -- The territorial network an open forum is for, if any.
    network text CHECK (network IN ('andina', 'brasil', 'centroamerica', 'conosur', 'iberica', 'mexicana')),
    -- An open forum's language; an edition's forum speaks its edition's.
    language text CHECK (language IN ('es', 'pt', 'en', 'fr')),
    -- Posts by people with fewer approved posts in this forum wait for a moderator (0: none wait).
    premoderation integer NOT NULL DEFAULT 0 CHECK (premoderation BETWEEN 0 AND 100),
    topic_count integer NOT NULL DEFAULT 0 CHECK (topic_count >= 0),
    post_count integer NOT NULL DEFAULT 0 CHECK (post_count >= 0),
    last_post_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((edition_id IS NULL) = (title IS NOT NULL)),
    CHECK ((edition_id IS NULL) = (language IS NOT NULL))
);
CREATE INDEX forums_open ON forums (lower(title), id) WHERE edition_id IS NULL;

-- Every edition gets its forum in the transaction that creates it.
CREATE FUNCTION editions_create_forum() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO forums (edition_id) VALUES (NEW.id);
    RETURN NULL;
END
$$;
CREATE TRIGGER editions_create_forum AFTER INSERT ON editions
    FOR EACH ROW EXECUTE FUNCTION editions_create_forum();

-- A forum's topics (course themes are `topics`). A topic may be the reflection prompt that
-- opens a session's debate: shown first, linked from the session, optionally hiding the
-- others' posts until the reader has posted (`reply_first`), with a date to answer by.
CREATE TABLE forum_topics (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    forum_id bigint NOT NULL REFERENCES forums ON DELETE CASCADE,
    author_id bigint NOT NULL REFERENCES users,
    title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
    language text NOT NULL CHECK (language IN ('es', 'pt', 'en', 'fr')),
    created_at timestamptz NOT NULL DEFAULT now(),
    pinned_at timestamptz,
    locked_at timestamptz,
    -- Seconds each person waits between posts here, set by a moderator.
    slow_mode_seconds integer CHECK (slow_mode_seconds BETWEEN 10 AND 86400),
    session_id bigint UNIQUE REFERENCES edition_sessions ON DELETE SET NULL,
    reply_first boolean NOT NULL DEFAULT false,
    answer_by timestamptz,
    -- Posts in the thread (removed ones too: they keep their place), and the latest.
    post_count integer NOT NULL DEFAULT 0 CHECK (post_count >= 0),
    last_post_at timestamptz NOT NULL DEFAULT now(),
    search tsvector GENERATED ALWAYS AS (to_tsvector(CASE language
        WHEN 'pt' THEN 'campus_pt'::regconfig WHEN 'en' THEN 'campus_en'::regconfig
        WHEN 'fr' THEN 'campus_fr'::regconfig ELSE 'campus_es'::regconfig END, title)) STORED
);
-- A forum's topics, most recently active first.
CREATE INDEX forum_topics_forum ON forum_topics (forum_id, last_post_at DESC, id DESC);
CREATE INDEX forum_topics_author ON forum_topics (author_id);
CREATE INDEX forum_topics_search ON forum_topics USING gin (search);

-- Posts in the platform's Markdown. `position` is the post's place in its topic (1 opens
-- it), given as it enters the thread — at once, or when a moderator approves it — so a
-- page is a range of positions and a permalink knows its page without counting. Hidden and
-- deleted posts keep their place and show that they were removed.
CREATE TABLE posts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic_id bigint NOT NULL REFERENCES forum_topics ON DELETE CASCADE,
    author_id bigint NOT NULL REFERENCES users,
    position integer CHECK (position >= 1),
    -- The post this one answers, quoted by reference: the quote shows that post as it is now.
    reply_to bigint REFERENCES posts ON DELETE SET NULL,
    -- Empty once a post its author deleted is purged.
    body text NOT NULL CHECK (length(body) <= 20000),
    language text NOT NULL CHECK (language IN ('es', 'pt', 'en', 'fr')),
    status text NOT NULL DEFAULT 'visible' CHECK (status IN ('visible', 'pending', 'hidden', 'deleted', 'rejected')),
    -- Who hid it: a moderator, or enough people's flags (until a moderator reviews it).
    hidden_cause text CHECK (hidden_cause IN ('moderator', 'flags')),
    -- The last moderator's reason, shown to the author.
    moderation_reason text CHECK (length(moderation_reason) <= 1000),
    moderated_by bigint REFERENCES users ON DELETE SET NULL,
    moderated_at timestamptz,
    -- In the moderation queue since (flagged, waiting for approval, or asked to be reviewed
    -- again); a moderator who defers sends it to the back.
    queued_at timestamptz,
    review_requested_at timestamptz,
    -- Bumped by every moderation change; moderators' forms carry it, so two moderators
    -- acting on the same post cannot both succeed.
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    edited_at timestamptz,
    deleted_at timestamptz,
    purged_at timestamptz,
    search tsvector GENERATED ALWAYS AS (to_tsvector(CASE language
        WHEN 'pt' THEN 'campus_pt'::regconfig WHEN 'en' THEN 'campus_en'::regconfig
        WHEN 'fr' THEN 'campus_fr'::regconfig ELSE 'campus_es'::regconfig END, body)) STORED,
    -- The words rendered once, when written or edited (the HTML of the Markdown, by renderer
    -- version `cooked_version`), and the plain-text excerpt quotes of the post show; NULL
    -- when words changed without rendering them again (see posts_uncook): pages then
    -- render them at view time.
    cooked text,
    cooked_version integer,
    excerpt text,
    UNIQUE (topic_id, position),
    CHECK ((position IS NULL) = (status IN ('pending', 'rejected'))),
    CHECK ((status = 'hidden') = (hidden_cause IS NOT NULL)),
    CHECK ((status = 'deleted') = (deleted_at IS NOT NULL))
);
CREATE INDEX posts_author ON posts (author_id, created_at);
CREATE INDEX posts_reply_to ON posts (reply_to);
CREATE INDEX posts_queue ON posts (queued_at, id) WHERE queued_at IS NOT NULL;
-- One's own posts in a topic: a reply-first prompt answered, the people to @mention.
CREATE INDEX posts_topic_author ON posts (topic_id, author_id);
CREATE INDEX posts_deleted ON posts (deleted_at) WHERE status = 'deleted' AND purged_at IS NULL;
-- Search reads only what everyone allowed may read.
CREATE INDEX posts_search ON posts USING gin (search) WHERE status = 'visible';
-- The posts still to cook, for the job that cooks them.
CREATE INDEX posts_uncooked ON posts (id) WHERE cooked IS NULL AND body <> '';

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

-- Keeps the counters of topics and forums, and gives a post its place as it enters the
-- thread. The topic's row lock orders concurrent posts. A post inserted with its position
-- already set (a bulk import) is counted by whoever set it.
CREATE FUNCTION posts_enter_thread() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    forum bigint;
BEGIN
    IF NEW.position IS NULL AND NEW.status NOT IN ('pending', 'rejected') THEN
        UPDATE forum_topics SET post_count = post_count + 1, last_post_at = now()
        WHERE id = NEW.topic_id RETURNING post_count, forum_id INTO NEW.position, forum;
        UPDATE forums SET post_count = post_count + 1, last_post_at = now() WHERE id = forum;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER posts_enter_thread BEFORE INSERT OR UPDATE OF status ON posts
    FOR EACH ROW EXECUTE FUNCTION posts_enter_thread();

-- A forum's topic count, and its counts when a topic moves to another forum or goes.
CREATE FUNCTION forum_topics_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE forums SET topic_count = topic_count - 1, post_count = post_count - OLD.post_count,
               last_post_at = (SELECT max(t.last_post_at) FROM forum_topics t WHERE t.forum_id = OLD.forum_id AND t.id <> OLD.id)
        WHERE id = OLD.forum_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        UPDATE forums SET topic_count = topic_count + 1, post_count = post_count + NEW.post_count,
               last_post_at = greatest(last_post_at, NEW.last_post_at)
        WHERE id = NEW.forum_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER forum_topics_count AFTER INSERT OR DELETE ON forum_topics
    FOR EACH ROW EXECUTE FUNCTION forum_topics_count();
CREATE TRIGGER forum_topics_move AFTER UPDATE OF forum_id ON forum_topics
    FOR EACH ROW WHEN (OLD.forum_id IS DISTINCT FROM NEW.forum_id) EXECUTE FUNCTION forum_topics_count();

-- The text a post had before each edit (and the topic's title, when the edit changed it).
-- Moderators read them; those of a post its author deleted are purged after a while.
CREATE TABLE post_revisions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_id bigint NOT NULL REFERENCES posts ON DELETE CASCADE,
    editor_id bigint REFERENCES users ON DELETE SET NULL,
    body text NOT NULL,
    title text,
    replaced_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX post_revisions_post ON post_revisions (post_id, id);

-- People a post names with @: their name leaves those posts if they delete their account.
CREATE TABLE post_mentions (
    post_id bigint NOT NULL REFERENCES posts ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    PRIMARY KEY (post_id, user_id)
);
CREATE INDEX post_mentions_user ON post_mentions (user_id);

-- A reader's flag on a post. Open until a moderator agrees (the post is hidden) or
-- disagrees (the flags are cleared); one open flag per person and post.
CREATE TABLE flags (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_id bigint NOT NULL REFERENCES posts ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users,
    reason text NOT NULL CHECK (reason IN ('spam', 'offensive', 'off_topic', 'other')),
    note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    created_at timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz,
    resolved_by bigint REFERENCES users ON DELETE SET NULL,
    resolution text CHECK (resolution IN ('agreed', 'disagreed')),
    CHECK ((resolved_at IS NULL) = (resolution IS NULL)),
    CHECK (reason <> 'other' OR note <> '')
);
CREATE UNIQUE INDEX flags_open ON flags (post_id, user_id) WHERE resolved_at IS NULL;
CREATE INDEX flags_user ON flags (user_id);

-- Moderators' suspensions from posting (never from reading), until `ends_at` or lifted early.
CREATE TABLE forum_suspensions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users,
    ends_at timestamptz NOT NULL,
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    created_by bigint REFERENCES users ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    lifted_at timestamptz,
    lifted_by bigint REFERENCES users ON DELETE SET NULL,
    lift_reason text CHECK (length(lift_reason) <= 1000),
    CHECK (ends_at > created_at)
);
CREATE INDEX forum_suspensions_user ON forum_suspensions (user_id, ends_at) WHERE lifted_at IS NULL;

-- What a reader follows. Writing in a topic follows it; `following = false` keeps a
-- topic muted even when they write in it again.
CREATE TABLE topic_follows (
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    topic_id bigint NOT NULL REFERENCES forum_topics ON DELETE CASCADE,
    following boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, topic_id)
);
CREATE INDEX topic_follows_topic ON topic_follows (topic_id) WHERE following;

CREATE TABLE forum_follows (
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    forum_id bigint NOT NULL REFERENCES forums ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, forum_id)
);
CREATE INDEX forum_follows_forum ON forum_follows (forum_id);

-- How forum news reaches a reader by email: at once (no row), or once a day in a digest.
CREATE TABLE forum_preferences (
    user_id bigint PRIMARY KEY REFERENCES users ON DELETE CASCADE,
    digest boolean NOT NULL DEFAULT false,
    -- The last digest: the next one tells what came after it, a day later at the soonest.
    digest_sent_at timestamptz
);
CREATE INDEX forum_preferences_digest ON forum_preferences (digest_sent_at) WHERE digest;
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
