// GET /api/health — database and registry status as JSON (200 when ok, 503 when degraded).
import { getHealth } from "@/lib/data/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await getHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
