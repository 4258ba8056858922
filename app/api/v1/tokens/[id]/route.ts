// PATCH|DELETE /api/v1/tokens/{id} — deactivate/activate or delete one of the user's tokens.
import { handle } from "@/lib/api/handle";
import { deleteTokenEndpoint, updateTokenEndpoint } from "@/lib/api/endpoints/tokens";

export const dynamic = "force-dynamic";
export const PATCH = handle(updateTokenEndpoint);
export const DELETE = handle(deleteTokenEndpoint);
