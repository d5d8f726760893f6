-- 0017: quotes show a post's words as readers see them (the text of its HTML, without
-- Markdown's marks), so every stored excerpt is made again: posts are uncooked here and
-- `campus mail` (or `campus forums cook`) cooks them again with renderer version 2; until
-- then pages render them at view time.

UPDATE posts SET cooked = NULL, cooked_version = NULL, excerpt = NULL WHERE cooked IS NOT NULL OR excerpt IS NOT NULL;
