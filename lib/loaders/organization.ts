import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getCurrentUser, requireUser } from "@/lib/auth/session";
import { isOrgMember, isOrgOwner } from "@/lib/authz/rules/organization-access";
import {
  getOrganization,
  getOrgMembership,
  type OrganizationProfile,
  type OrgMembership,
} from "@/lib/data/organizations";
import type { CurrentUser } from "@/lib/data/sessions";

/*
 * Loaders for `/orgs/[org]/*`: the organization and the viewer's membership are looked up once per
 * request, however many layouts and pages ask (the layout needs both for its header and tabs, the
 * pages again for their gates).
 *
 * Freshness: React's `cache()` memoizes only within one server render pass (Next's docs: "scoped to
 * the current request only"). A server action (lib/actions/organizations.ts) runs before, and outside, the
 * render that follows it — `cache()` outside a render is a plain call — and the re-render it returns
 * after revalidatePath or redirect is a new render pass with an empty cache, so it reads what the
 * action wrote. See lib/loaders/repository.ts.
 */

// Keyed by the name exactly as given: the pages ask with the URL's segment or with the stored name,
// as they did before (getOrganization lower-cases, getOrgMembership does not), so answers are unchanged.
const organizationNamed = cache((org: string) => getOrganization(org));
const membershipIn = cache((org: string, userId: string) => getOrgMembership(org, userId));

export type LoadedOrganization = {
  user: CurrentUser | null;
  organization: OrganizationProfile;
  membership: OrgMembership | null;
};

/** The organization for its layout and public page (anyone may see it), with the viewer's standing; else 404. */
export async function loadOrganization(org: string): Promise<LoadedOrganization> {
  const organization = await organizationNamed(org);
  if (!organization) notFound();
  const user = await getCurrentUser();
  const membership = user ? await membershipIn(organization.name, user.id) : null;
  return { user, organization, membership };
}

/** For members-only pages: anonymous visitors sign in and come back to `returnTo`; non-members get 404. */
export async function loadOrganizationAsMember(
  org: string,
  returnTo: string,
): Promise<{ user: CurrentUser; membership: OrgMembership }> {
  const user = await requireUser(returnTo);
  const membership = await membershipIn(org, user.id);
  if (!isOrgMember(membership)) notFound();
  return { user, membership };
}

/** For owners-only pages (settings): as loadOrganizationAsMember, with owners only and the profile. */
export async function loadOrganizationAsOwner(
  org: string,
  returnTo: string,
): Promise<{ user: CurrentUser; membership: OrgMembership; organization: OrganizationProfile }> {
  const user = await requireUser(returnTo);
  const membership = await membershipIn(org, user.id);
  const organization = await organizationNamed(org);
  if (!isOrgOwner(membership) || !organization) notFound();
  return { user, membership, organization };
}
