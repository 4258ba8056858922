-- repositories.tag_count follows repository_tags exactly: statement-level triggers with transition
-- tables add and subtract per statement (one UPDATE per repository touched, however many rows an
-- envelope, a reconciliation or a deletion changes). ON CONFLICT DO UPDATE rows are updates, not
-- inserts, so re-pushing a tag does not count it twice.
CREATE FUNCTION repository_tags_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE repositories r SET tag_count = r.tag_count + n.c
  FROM (SELECT repository_id, count(*)::int AS c FROM inserted_tags GROUP BY repository_id) n
  WHERE r.id = n.repository_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION repository_tags_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE repositories r SET tag_count = greatest(0, r.tag_count - n.c)
  FROM (SELECT repository_id, count(*)::int AS c FROM deleted_tags GROUP BY repository_id) n
  WHERE r.id = n.repository_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER repository_tags_count_insert AFTER INSERT ON repository_tags
  REFERENCING NEW TABLE AS inserted_tags FOR EACH STATEMENT EXECUTE FUNCTION repository_tags_count_inserted();
--> statement-breakpoint
CREATE TRIGGER repository_tags_count_delete AFTER DELETE ON repository_tags
  REFERENCING OLD TABLE AS deleted_tags FOR EACH STATEMENT EXECUTE FUNCTION repository_tags_count_deleted();
--> statement-breakpoint
UPDATE repositories r SET tag_count = c.n FROM (SELECT repository_id, count(*)::int AS n FROM repository_tags GROUP BY repository_id) c WHERE r.id = c.repository_id;
