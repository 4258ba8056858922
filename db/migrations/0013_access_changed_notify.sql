-- Every change to what token and permission lookups read announces itself on `access_changed`
-- (delivered at commit), so each console process can empty its in-memory access cache
-- (lib/data/access-cache.ts). Statement-level: one notification per statement, and PostgreSQL
-- folds identical notifications of one transaction into one. Columns that change all the time and
-- that no access decision reads (counters, last use, timestamps) are left out on purpose.
CREATE FUNCTION notify_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('access_changed', TG_TABLE_NAME);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER personal_access_tokens_access_changed AFTER UPDATE OF deactivated_at, expires_at, scope, token_hash, user_id OR DELETE OR TRUNCATE ON personal_access_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
--> statement-breakpoint
CREATE TRIGGER users_access_changed AFTER UPDATE OF deactivated_at, is_admin, username, email, namespace_id, display_name, totp_enabled_at OR INSERT OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
--> statement-breakpoint
CREATE TRIGGER namespaces_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON namespaces
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
--> statement-breakpoint
CREATE TRIGGER repositories_access_changed AFTER UPDATE OF visibility, status, name, namespace_id OR INSERT OR DELETE OR TRUNCATE ON repositories
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
--> statement-breakpoint
CREATE TRIGGER organizations_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
--> statement-breakpoint
CREATE TRIGGER organization_members_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organization_members
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
--> statement-breakpoint
CREATE TRIGGER teams_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON teams
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
--> statement-breakpoint
CREATE TRIGGER team_members_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON team_members
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
--> statement-breakpoint
CREATE TRIGGER team_repository_permissions_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON team_repository_permissions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
