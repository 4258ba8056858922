-- Site settings the front door reads on every request it judges (pull rate limits, read-only
-- windows) are cached per process like access lookups, and emptied by the same notification.
CREATE TRIGGER site_settings_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON site_settings
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
