import "server-only";
import { eq } from "drizzle-orm";
import { transaction } from "@/db";
import { namespaces, organizations } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { requireOrgRole } from "@/lib/authz/require-org-role";

export type OrgSettingsInput = {
  displayName: string;
  company: string;
  location: string;
  website: string;
  defaultVisibility: "public" | "private";
  privateRepoQuota: string;
};

/** Owners edit the profile, default visibility for new repositories and the private-repository quota. */
export async function updateOrgSettings(input: { org: string; actorId: string } & OrgSettingsInput): Promise<void> {
  const m = await requireOrgRole(input.org, input.actorId, "owner");
  const orNull = (v: string) => (v === "" ? null : v);
  await transaction(async (tx) => {
    await tx
      .update(organizations)
      .set({
        displayName: orNull(input.displayName),
        company: orNull(input.company),
        location: orNull(input.location),
        website: orNull(input.website),
        privateRepoQuota: input.privateRepoQuota === "" ? null : Number(input.privateRepoQuota),
        updatedAt: new Date(),
      })
      .where(eq(organizations.namespaceId, m.organizationId));
    await tx
      .update(namespaces)
      .set({ defaultVisibility: input.defaultVisibility })
      .where(eq(namespaces.id, m.organizationId));
    accessChanged(tx);
  });
}
