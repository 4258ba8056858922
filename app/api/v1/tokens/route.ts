// GET|POST /api/v1/tokens — the user's personal access tokens: list and create.
import { handle } from "@/lib/api/handle";
import { createTokenEndpoint, listTokensEndpoint } from "@/lib/api/endpoints/tokens";

export const dynamic = "force-dynamic";
export const GET = handle(listTokensEndpoint);
export const POST = handle(createTokenEndpoint);
