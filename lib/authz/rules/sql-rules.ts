import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { repositories, teamMembers, teams } from "@/db/schema";

// The rules of lib/authz that list and fact queries need inside SQL. Only the schema is imported,
// so lib/data can use them without depending on the rest of lib/authz (which loads facts from lib/data).

/** "This user owns this organization" (is in its owners team): the one spelling of the rule. */
export function ownsOrganization(organizationId: SQLWrapper | string, userId: SQLWrapper | string): SQL<boolean> {
  return sql<boolean>`exists(select 1 from ${teamMembers} tm join ${teams} t on t.id = tm.team_id where t.organization_id = ${organizationId} and t.is_owners and tm.user_id = ${userId})`;
}

/**
 * Repositories `viewerId` may see, as a SQL filter for lists: public ones, plus private ones where
 * the viewer has a role (site operator, personal owner, organization owner, or a team permission).
 * The rule of repository-permissions.ts (`allowedActions` gives `pull`) written for the database, so
 * lists never show what a pull would refuse.
 */
export function repositoryVisibleTo(viewerId: string | null): SQL {
  if (!viewerId) return sql`${repositories.visibility} = 'public'`;
  return sql`(${repositories.visibility} = 'public'
    or exists(select 1 from users u where u.id = ${viewerId} and (u.is_admin or u.namespace_id = ${repositories.namespaceId}))
    or ${ownsOrganization(repositories.namespaceId, viewerId)}
    or exists(select 1 from team_repository_permissions p join team_members tm on tm.team_id = p.team_id where p.repository_id = ${repositories.id} and tm.user_id = ${viewerId}))`;
}
