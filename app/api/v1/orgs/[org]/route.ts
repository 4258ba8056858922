// GET|PATCH|DELETE /api/v1/orgs/{org} — one organization: profile, settings, deletion.
import { handle } from "@/lib/api/handle";
import {
  deleteOrganizationEndpoint,
  getOrganizationEndpoint,
  updateOrganizationEndpoint,
} from "@/lib/api/endpoints/organizations";

export const dynamic = "force-dynamic";
export const GET = handle(getOrganizationEndpoint);
export const PATCH = handle(updateOrganizationEndpoint);
export const DELETE = handle(deleteOrganizationEndpoint);
