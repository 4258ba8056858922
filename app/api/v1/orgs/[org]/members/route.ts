// GET /api/v1/orgs/{org}/members — the organization's members.
import { handle } from "@/lib/api/handle";
import { listOrganizationMembersEndpoint } from "@/lib/api/endpoints/organizations";

export const dynamic = "force-dynamic";
export const GET = handle(listOrganizationMembersEndpoint);
