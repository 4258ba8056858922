-- Trigram indexes make "tag name contains …" filters an index lookup instead of a scan of every tag
-- (a repository may hold 100,000 tags). pg_trgm is a trusted extension, so the database owner may
-- create it; PGlite loads it from its contrib bundle (lib/runtime/embedded-db.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
