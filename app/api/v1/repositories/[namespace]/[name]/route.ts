// GET|PATCH|DELETE /api/v1/repositories/{namespace}/{name} — one repository.
import { handle } from "@/lib/api/handle";
import {
  deleteRepositoryEndpoint,
  getRepositoryEndpoint,
  updateRepositoryEndpoint,
} from "@/lib/api/endpoints/repositories";

export const dynamic = "force-dynamic";
export const GET = handle(getRepositoryEndpoint);
export const PATCH = handle(updateRepositoryEndpoint);
export const DELETE = handle(deleteRepositoryEndpoint);
