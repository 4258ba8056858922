// GET /api/v1/user — the account a personal access token belongs to.
import { handle } from "@/lib/api/handle";
import { getCurrentUser } from "@/lib/api/endpoints/user";

export const dynamic = "force-dynamic";
export const GET = handle(getCurrentUser);
