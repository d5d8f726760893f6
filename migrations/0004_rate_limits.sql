-- 0004: one rate limiter for every feature, in place of the sign-in failure log; and
-- links that finish a sign-in to an account under attack.

DROP TABLE login_failures;

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

ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_check;
ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check CHECK (purpose IN ('verify', 'reset', 'sign_in'));
