import "server-only";
import { getOrgMembership, type OrgMembership } from "@/lib/data/organizations";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { isOrgMember, isOrgOwner } from "./rules/organization-access";

/**
 * Loads the caller's membership and insists on `level`. Non-members get NotFound (an organization's
 * internals are not theirs to probe); members who are not owners get Forbidden.
 */
export async function requireOrgRole(
  orgName: string,
  userId: string,
  level: "member" | "owner",
): Promise<OrgMembership> {
  const m = await getOrgMembership(orgName, userId);
  if (!isOrgMember(m)) throw new NotFoundError("Organization not found");
  if (level === "owner" && !isOrgOwner(m)) throw new ForbiddenError("Only owners of this organization can do that.");
  return m;
}
