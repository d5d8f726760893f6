-- 0013: debate forums — one per edition (made with it, and for every edition already
-- there) and open network forums — with topics, posts, revisions, flags, suspensions,
-- follows and digest preferences. Counters are kept by triggers.

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

-- The editions already there get their forums.
INSERT INTO forums (edition_id) SELECT id FROM editions ORDER BY id;
