-- 0011: self-paced capsules. Lessons with readings, quizzes whose attempts keep what
-- they asked, each learner's progress, and instructors of one capsule.

-- The estimated workload of a capsule or a course, in hours.
ALTER TABLE courses ADD COLUMN IF NOT EXISTS workload_hours integer CHECK (workload_hours BETWEEN 1 AND 2000);

-- An instructor may be scoped to a course (a capsule they author) as well as an edition.
ALTER TABLE role_grants
    DROP CONSTRAINT role_grants_scope_kind_check,
    ADD CONSTRAINT role_grants_scope_kind_check CHECK (scope_kind IN ('global', 'forum', 'edition', 'call', 'course')),
    DROP CONSTRAINT role_grants_check2,
    ADD CONSTRAINT role_grants_check2 CHECK (role <> 'instructor' OR scope_kind IN ('edition', 'course'));

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
