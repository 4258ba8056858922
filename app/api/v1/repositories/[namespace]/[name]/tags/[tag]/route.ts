// GET|DELETE /api/v1/repositories/{namespace}/{name}/tags/{tag} — one tag.
import { handle } from "@/lib/api/handle";
import { deleteTagEndpoint, getTagEndpoint } from "@/lib/api/endpoints/repositories";

export const dynamic = "force-dynamic";
export const GET = handle(getTagEndpoint);
export const DELETE = handle(deleteTagEndpoint);
