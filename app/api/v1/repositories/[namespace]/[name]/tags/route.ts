// GET /api/v1/repositories/{namespace}/{name}/tags — the tag list from the index.
import { handle } from "@/lib/api/handle";
import { listTagsEndpoint } from "@/lib/api/endpoints/repositories";

export const dynamic = "force-dynamic";
export const GET = handle(listTagsEndpoint);
