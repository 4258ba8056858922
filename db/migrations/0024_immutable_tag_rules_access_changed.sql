-- The front door reads a namespace's immutable tag rules on every manifest PUT and DELETE: they are
-- cached per process like access lookups (lib/data/access-cache.ts) and emptied by the same
-- notification, so a rule added or removed applies to the very next push on every console.
CREATE TRIGGER immutable_tag_rules_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON immutable_tag_rules
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
