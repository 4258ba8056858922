// GET /api/v1/openapi.json — the OpenAPI 3.1 document of this API (public: it describes, it grants nothing).
import { API_ENDPOINTS } from "@/lib/api/catalog";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(buildOpenApiDocument(API_ENDPOINTS, new URL("/api/v1", getEnv().CONSOLE_URL).toString()), {
    headers: { "Cache-Control": "public, max-age=60" },
  });
}
