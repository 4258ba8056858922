import "server-only";
import { eq } from "drizzle-orm";
import { getDb, transaction } from "@/db";
import { namespaces, organizationMembers, organizations, teamMembers, teams } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { ValidationError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit-event/record";

/** Creates an organization: its namespace, the built-in `owners` team, and the creator in it. */
export async function createOrganization(
  userId: string,
  input: { name: string; displayName: string; ip?: string | null },
): Promise<{ name: string }> {
  const db = getDb();
  const taken = await db.select({ id: namespaces.id }).from(namespaces).where(eq(namespaces.name, input.name)).limit(1);
  if (taken.length > 0)
    throw new ValidationError("Please correct the highlighted fields.", { name: ["This name is already taken"] });
  try {
    await transaction(async (tx) => {
      const [ns] = await tx
        .insert(namespaces)
        .values({ name: input.name, kind: "org" })
        .returning({ id: namespaces.id });
      await tx
        .insert(organizations)
        .values({ namespaceId: ns!.id, displayName: input.displayName || null, createdById: userId });
      const [owners] = await tx
        .insert(teams)
        .values({
          organizationId: ns!.id,
          name: "owners",
          description: "Full control of the organization",
          isOwners: true,
        })
        .returning({ id: teams.id });
      await tx.insert(organizationMembers).values({ organizationId: ns!.id, userId });
      await tx.insert(teamMembers).values({ teamId: owners!.id, userId });
      accessChanged(tx);
      await recordAudit(
        { actorId: userId, namespaceId: ns!.id, action: "organization_created", target: input.name, ip: input.ip },
        tx,
      );
    });
  } catch (err) {
    // Lost a race for the name against another sign-up or organization.
    if (
      (err as { code?: string; cause?: { code?: string } }).code === "23505" ||
      (err as { cause?: { code?: string } }).cause?.code === "23505"
    ) {
      throw new ValidationError("Please correct the highlighted fields.", { name: ["This name is already taken"] });
    }
    throw err;
  }
  return { name: input.name };
}
