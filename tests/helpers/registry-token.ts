import { expect } from "vitest";

/**
 * A registry bearer token from the console's token service, as docker gets one: Basic auth with
 * `creds` (or none: anonymous), for each of `scopes` (`repository:<name>:<actions>`).
 */
export async function fetchRegistryToken(
  consoleUrl: string,
  scopes: string[],
  creds: { username: string; password: string } | null,
  headers: Record<string, string> = {},
): Promise<string> {
  const url = new URL("/api/registry/token", consoleUrl);
  url.searchParams.set("service", "registry-console");
  for (const s of scopes) url.searchParams.append("scope", s);
  const auth: Record<string, string> = creds
    ? { authorization: `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}` }
    : {};
  const res = await fetch(url, { headers: { ...auth, ...headers } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}
