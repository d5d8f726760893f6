-- 0001: the platform baseline (organizations, topics, courses, editions,
-- text search). Identical to schema.sql when the platform landed.
-- Conventions: timestamps are timestamptz in UTC; money is numeric; text is `text`
-- with CHECK constraints on its length; states are text with CHECK lists.

SET client_min_messages = warning;

CREATE EXTENSION IF NOT EXISTS unaccent;

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
    names jsonb NOT NULL CHECK (names ?& ARRAY['es', 'pt', 'en', 'fr'])
);

-- Programmes, specialization courses, capsules and ad-hoc training.
-- Title, summary and description are written in the course's own language.
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
    ) STORED
);
CREATE INDEX courses_search ON courses USING gin (search);
CREATE INDEX courses_kind_title ON courses (kind, title) WHERE published;

CREATE TABLE course_topics (
    course_id bigint NOT NULL REFERENCES courses ON DELETE CASCADE,
    topic_id bigint NOT NULL REFERENCES topics ON DELETE CASCADE,
    PRIMARY KEY (course_id, topic_id)
);
CREATE INDEX course_topics_topic ON course_topics (topic_id);

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
    CHECK (ends_on >= starts_on),
    CHECK (enrollment_closes_at > enrollment_opens_at),
    CHECK (modality = 'online' OR seminar_organization_id IS NOT NULL),
    UNIQUE (course_id, name, language)
);
CREATE INDEX editions_course_start ON editions (course_id, starts_on);
-- The home page's "starting soon" list.
CREATE INDEX editions_start ON editions (starts_on, id);
