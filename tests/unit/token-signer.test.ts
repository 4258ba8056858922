import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureSigningKeys } from "@/lib/runtime/signing-keys";

let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rcp-keys-"));
  const keys = await ensureSigningKeys(dir);
  Object.assign(process.env, {
    DATABASE_URL: "postgres://unused@127.0.0.1:1/unused",
    REGISTRY_TOKEN_KEY_FILE: keys.keyFile,
    REGISTRY_TOKEN_CERT_FILE: keys.certFile,
    REGISTRY_EVENTS_SECRET: "unit-test-secret-0123456789",
    REGISTRY_SERVICE: "unit-svc",
    REGISTRY_ISSUER: "unit-iss",
    AUTH_SECRET: "unit-test-auth-secret-0123456789",
  });
});

const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));

describe("mintRegistryToken", () => {
  it("signs an ES256 JWT the certificate verifies, with the claims the registry checks", async () => {
    const { mintRegistryToken } = await import("@/lib/registry/token-signer");
    const access = [{ type: "repository", name: "acme/web", actions: ["pull", "push"] }];
    const { token, expiresIn } = mintRegistryToken("alice", access, 120);
    const [h, c, s] = token.split(".") as [string, string, string];
    const header = decode(h);
    const claims = decode(c);
    expect(header.alg).toBe("ES256");
    const cert = new crypto.X509Certificate(fs.readFileSync(path.join(dir, "token-signing-cert.pem")));
    expect(header.x5c).toEqual([cert.raw.toString("base64")]);
    expect(
      crypto.verify(
        "sha256",
        Buffer.from(`${h}.${c}`),
        { key: cert.publicKey, dsaEncoding: "ieee-p1363" },
        Buffer.from(s, "base64url"),
      ),
    ).toBe(true);
    expect(claims).toMatchObject({ iss: "unit-iss", sub: "alice", aud: "unit-svc", access });
    expect(typeof claims.aud).toBe("string");
    expect(claims.exp - claims.iat).toBe(120);
    expect(expiresIn).toBe(120);
  });

  it("keeps the same key and certificate across restarts", async () => {
    const before = fs.readFileSync(path.join(dir, "token-signing-cert.pem"), "utf8");
    await ensureSigningKeys(dir);
    expect(fs.readFileSync(path.join(dir, "token-signing-cert.pem"), "utf8")).toBe(before);
    expect(fs.statSync(path.join(dir, "token-signing-key.pem")).mode & 0o777).toBe(0o600);
  });
});
