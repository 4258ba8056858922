// GET|POST /api/v1/orgs — the token user's organizations, and creating one.
import { handle } from "@/lib/api/handle";
import { createOrganizationEndpoint, listOrganizationsEndpoint } from "@/lib/api/endpoints/organizations";

export const dynamic = "force-dynamic";
export const GET = handle(listOrganizationsEndpoint);
export const POST = handle(createOrganizationEndpoint);
