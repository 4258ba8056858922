import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";

export type GettingStartedFacts = {
  dismissed: boolean;
  namespace: string;
  hasToken: boolean;
  hasDockerLogin: boolean;
  hasPushed: boolean;
  inOrganization: boolean;
};

/**
 * What the getting-started checklist ticks off, read from what happened rather than from clicks:
 * a personal access token was made (even if deleted since: it counts while its row exists), a
 * docker login happened (a refresh token, revoked or not), the user's namespace holds a tag (its
 * exact tag_count, no scan) or the user pushed one to an organization of theirs, and the user
 * belongs to an organization. One round trip.
 */
export async function getGettingStartedFacts(userId: string): Promise<GettingStartedFacts | null> {
  const result = await getDb().execute<{
    dismissed: boolean;
    namespace: string;
    has_token: boolean;
    has_docker_login: boolean;
    has_pushed: boolean;
    in_organization: boolean;
  }>(sql`
    select
      exists (select 1 from getting_started_dismissals d where d.user_id = u.id) as dismissed,
      n.name as namespace,
      exists (select 1 from personal_access_tokens t where t.user_id = u.id) as has_token,
      exists (select 1 from registry_refresh_tokens r where r.user_id = u.id) as has_docker_login,
      (exists (select 1 from repositories r where r.namespace_id = u.namespace_id and r.tag_count > 0)
        or exists (select 1 from organization_members m
                   join repositories r on r.namespace_id = m.organization_id
                   join repository_tags rt on rt.repository_id = r.id
                   where m.user_id = u.id and rt.pushed_by = u.username)) as has_pushed,
      exists (select 1 from organization_members m where m.user_id = u.id) as in_organization
    from users u join namespaces n on n.id = u.namespace_id
    where u.id = ${userId}`);
  const row = result.rows[0];
  if (!row) return null;
  return {
    dismissed: row.dismissed,
    namespace: row.namespace,
    hasToken: row.has_token,
    hasDockerLogin: row.has_docker_login,
    hasPushed: row.has_pushed,
    inOrganization: row.in_organization,
  };
}
