-- 0015: descriptions for editions and their sessions, written in Markdown (the safe
-- subset the course descriptions use too).

ALTER TABLE editions ADD COLUMN description text NOT NULL DEFAULT '' CHECK (length(description) <= 20000);
ALTER TABLE edition_sessions ADD COLUMN description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000);
