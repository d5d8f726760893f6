-- 0007: documents, files attached to courses and editions, their bytes kept apart.

-- Files attached to a course or an edition (later capsules and applications): a
-- syllabus, an image for a description. What a file is was decided by its bytes; who
-- may read it follows from what it is attached to. The bytes live in
-- document_contents, so lists never read them.
CREATE TABLE documents (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_kind text NOT NULL CHECK (owner_kind IN ('course', 'edition')),
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
    UNIQUE (owner_kind, owner_id, sha256)
);
CREATE INDEX documents_owner ON documents (owner_kind, owner_id, created_at, id);

CREATE TABLE document_contents (
    document_id bigint PRIMARY KEY REFERENCES documents ON DELETE CASCADE,
    bytes bytea NOT NULL
);
-- PDFs and images come compressed: stored as they are, not compressed again.
ALTER TABLE document_contents ALTER COLUMN bytes SET STORAGE EXTERNAL;
