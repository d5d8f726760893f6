-- 0009: email queued as a template and its values, written in the recipient's language
-- when `campus mail` delivers it. Rows queued before keep their rendered subject and
-- body and are delivered as they are.

ALTER TABLE outbox
    ALTER COLUMN recipient DROP NOT NULL,
    ALTER COLUMN subject DROP NOT NULL,
    ALTER COLUMN body DROP NOT NULL,
    ADD COLUMN language text CHECK (language IN ('es', 'pt', 'en', 'fr')),
    ADD COLUMN template text CHECK (template ~ '^[a-z_]+$'),
    ADD COLUMN params jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN texts jsonb NOT NULL DEFAULT '{}',
    ADD CONSTRAINT outbox_content CHECK (template IS NOT NULL OR (subject IS NOT NULL AND body IS NOT NULL));
