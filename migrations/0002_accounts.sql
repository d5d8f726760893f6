-- 0002: accounts, sessions, roles, audit log, outbox and notifications.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

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

-- Single-use links sent by email (verify the address, reset the password). Hashed.
CREATE TABLE email_tokens (
    token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    purpose text NOT NULL CHECK (purpose IN ('verify', 'reset')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose, created_at);

-- Failed sign-ins, counted per account and per address over a sliding window.
CREATE TABLE login_failures (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL CHECK (length(email) <= 320),
    address text NOT NULL CHECK (length(address) <= 64),
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_address ON login_failures (address, at);

-- Roles beyond learner: (role, scope kind, scope id). Later features add scopes.
CREATE TABLE role_grants (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('admin', 'moderator', 'instructor', 'reviewer')),
    scope_kind text NOT NULL DEFAULT 'global' CHECK (scope_kind IN ('global', 'forum', 'edition', 'call')),
    scope_id bigint,
    granted_by bigint REFERENCES users ON DELETE SET NULL,
    granted_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((scope_kind = 'global') = (scope_id IS NULL)),
    CHECK (role <> 'admin' OR scope_kind = 'global'),
    CHECK (role <> 'instructor' OR scope_kind = 'edition'),
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
CREATE TABLE outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint REFERENCES users ON DELETE SET NULL,
    recipient text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 254),
    subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    body text NOT NULL CHECK (length(body) <= 50000),
    created_at timestamptz NOT NULL DEFAULT now(),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    sent_at timestamptz
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
