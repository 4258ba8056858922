import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signTicket } from "@/lib/security/crypto";
import { newUser } from "@/tests/helpers/accounts";
import { startConsoleInstance, type ConsoleInstance } from "@/tests/harness/console-instance";

/**
 * A console configured for HTTPS (CONSOLE_URL https://…, as behind a TLS-terminating proxy) sets
 * its cookies Secure with the __Secure-/__Host- prefixes, so a browser never sends the session over
 * plain HTTP. Another process on the shared database and registry, with the same keys.
 */
const c = inject("console");
let s: ConsoleInstance;

beforeAll(async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "rcp-https-"));
  await fs.cp(path.join(c.dataDir, "keys"), path.join(dataDir, "keys"), { recursive: true });
  s = await startConsoleInstance({
    databaseUrl: c.databaseUrl,
    dataDir,
    env: { REGISTRY_URL: c.registryUrl, CONSOLE_URL: "https://console.example.test" },
  });
}, 120_000);
afterAll(() => s?.stop());

describe("cookies over HTTPS", () => {
  it("the session cookie is __Secure-, Secure, HttpOnly and SameSite=Lax; the CSRF cookie is __Host-", async () => {
    const u = await newUser("hc");
    const csrf = await fetch(`${s.url}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookies = csrf.headers.getSetCookie();
    const csrfCookie = csrfCookies.find((k) => k.includes("authjs.csrf-token="));
    expect(csrfCookie, csrfCookies.join("\n")).toMatch(/^__Host-authjs\.csrf-token=/);
    expect(csrfCookie).toMatch(/;\s*Secure/i);
    expect(csrfCookie).toMatch(/;\s*HttpOnly/i);

    const jar = csrfCookies.map((k) => k.split(";")[0]).join("; ");
    const res = await fetch(`${s.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar, Origin: s.url },
      body: new URLSearchParams({ csrfToken, ticket: signTicket("session", u.id, 60), callbackUrl: s.url }),
    });
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((k) => k.includes("authjs.session-token="));
    expect(session, `${res.status}\n${cookies.join("\n")}`).toMatch(/^__Secure-authjs\.session-token=/);
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
  });
});
