import "server-only";
import { getDb } from "@/db";
import { teams } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { ValidationError } from "@/lib/errors";
import { requireOrgRole } from "@/lib/authz/require-org-role";

export async function createTeam(input: {
  org: string;
  actorId: string;
  name: string;
  description: string;
}): Promise<{ id: string }> {
  const m = await requireOrgRole(input.org, input.actorId, "owner");
  const [row] = await getDb()
    .insert(teams)
    .values({ organizationId: m.organizationId, name: input.name, description: input.description })
    .onConflictDoNothing({ target: [teams.organizationId, teams.name] })
    .returning({ id: teams.id });
  if (!row)
    throw new ValidationError("Please correct the highlighted fields.", {
      name: ["A team with this name already exists"],
    });
  accessChanged(getDb());
  return row;
}
