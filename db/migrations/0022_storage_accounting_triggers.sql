-- Storage accounting (db/schema/storage.ts): every change that can move a storage figure is queued
-- in storage_changes by the transaction that makes it, and the roll-up (lib/services/storage/
-- roll-up.ts) applies the queue. Tags: every insert and delete, and every change of digest (a tag
-- moved by a push or a reconciliation); pull counters and timestamps change nothing here. Manifests:
-- a row that is written or completed with its references (total_size set) re-counts the tags on
-- that digest. Inserts and deletes are statement-level (a reconciliation or a repository deletion
-- queues 100,000 tags in one statement); a digest change is one row at a time (UPDATE OF with a
-- WHEN, so the pull roll-up's 20,000-row counter updates fire nothing).
CREATE FUNCTION storage_queue_inserted_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO storage_changes (repository_id, tag, namespace_id)
  SELECT t.repository_id, t.name, r.namespace_id FROM storage_inserted_tags t LEFT JOIN repositories r ON r.id = t.repository_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION storage_queue_deleted_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- When a repository's deletion cascades here its row is already gone: namespace_id is null, and
  -- the roll-up takes the namespace from storage_tags.
  INSERT INTO storage_changes (repository_id, tag, namespace_id)
  SELECT t.repository_id, t.name, r.namespace_id FROM storage_deleted_tags t LEFT JOIN repositories r ON r.id = t.repository_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION storage_queue_moved_tag() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO storage_changes (repository_id, tag, namespace_id)
  VALUES (NEW.repository_id, NEW.name, (SELECT r.namespace_id FROM repositories r WHERE r.id = NEW.repository_id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER repository_tags_storage_insert AFTER INSERT ON repository_tags
  REFERENCING NEW TABLE AS storage_inserted_tags FOR EACH STATEMENT EXECUTE FUNCTION storage_queue_inserted_tags();
--> statement-breakpoint
CREATE TRIGGER repository_tags_storage_delete AFTER DELETE ON repository_tags
  REFERENCING OLD TABLE AS storage_deleted_tags FOR EACH STATEMENT EXECUTE FUNCTION storage_queue_deleted_tags();
--> statement-breakpoint
CREATE TRIGGER repository_tags_storage_move AFTER UPDATE OF digest ON repository_tags
  FOR EACH ROW WHEN (OLD.digest IS DISTINCT FROM NEW.digest) EXECUTE FUNCTION storage_queue_moved_tag();
--> statement-breakpoint
CREATE FUNCTION storage_queue_described_manifests() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO storage_changes (manifest_digest) SELECT m.digest FROM storage_described_manifests m WHERE m.total_size IS NOT NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION storage_queue_completed_manifest() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO storage_changes (manifest_digest) VALUES (NEW.digest);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER image_manifests_storage_insert AFTER INSERT ON image_manifests
  REFERENCING NEW TABLE AS storage_described_manifests FOR EACH STATEMENT EXECUTE FUNCTION storage_queue_described_manifests();
--> statement-breakpoint
CREATE TRIGGER image_manifests_storage_complete AFTER UPDATE OF total_size ON image_manifests
  FOR EACH ROW WHEN (OLD.total_size IS NULL AND NEW.total_size IS NOT NULL) EXECUTE FUNCTION storage_queue_completed_manifest();
--> statement-breakpoint
-- The tags indexed before this migration: counted as pending until the sweep has re-read their
-- manifests with references (lib/services/image-manifest/index-manifests.ts).
INSERT INTO storage_changes (repository_id, tag, namespace_id)
SELECT t.repository_id, t.name, r.namespace_id FROM repository_tags t JOIN repositories r ON r.id = t.repository_id;
