-- A garbage-collection run's read-only window is read by the front door on every write it judges
-- (lib/front-door/rules.ts), cached per process like the site settings: each change to whether a
-- window is open empties every console's cache at commit (lib/data/access-cache.ts).
CREATE TRIGGER registry_gc_runs_access_changed AFTER INSERT OR UPDATE OF status, read_only_since, read_only_until OR DELETE OR TRUNCATE ON registry_gc_runs
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
