import { z } from "zod";

/** `GET /api/registry/token?service=…&scope=…&scope=…&account=…` (distribution token spec). */
export const tokenQuerySchema = z.object({
  service: z.string().min(1, "service is required").max(200),
  scope: z.array(z.string().max(1000)).max(20).default([]),
  account: z.string().max(255).optional(),
  client_id: z.string().max(255).optional(),
  offline_token: z.enum(["true", "false"]).optional(),
});

export type TokenQuery = z.infer<typeof tokenQuerySchema>;

export function tokenQueryFromUrl(url: URL): unknown {
  const p = url.searchParams;
  return {
    service: p.get("service") ?? undefined,
    scope: p.getAll("scope"),
    account: p.get("account") ?? undefined,
    client_id: p.get("client_id") ?? undefined,
    offline_token: p.get("offline_token") ?? undefined,
  };
}
