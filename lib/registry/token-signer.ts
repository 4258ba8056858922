import crypto from "node:crypto";
import fs from "node:fs";
import { getEnv } from "@/lib/env";

export type AccessEntry = { type: string; name: string; actions: string[] };

export type MintedToken = { token: string; expiresIn: number; issuedAt: string };

type Signer = { key: crypto.KeyObject; x5c: string };
let signer: Signer | undefined;

let certificate: crypto.X509Certificate | undefined;

/** The token-signing certificate, read once: the signer sends it, the front door checks tokens with it. */
export function signingCertificate(): crypto.X509Certificate {
  certificate ??= new crypto.X509Certificate(fs.readFileSync(getEnv().REGISTRY_TOKEN_CERT_FILE));
  return certificate;
}

/** Reads the signing key and certificate once; the cert travels in `x5c` so the registry can chain it. */
function loadSigner(): Signer {
  if (signer) return signer;
  const key = crypto.createPrivateKey(fs.readFileSync(getEnv().REGISTRY_TOKEN_KEY_FILE));
  signer = { key, x5c: signingCertificate().raw.toString("base64") };
  return signer;
}

const b64url = (v: string | Buffer) => Buffer.from(v).toString("base64url");

/**
 * An ES256 JWT the registry accepts: `aud` a single string (an array is rejected as malformed),
 * signature in raw r||s form (JOSE), not DER.
 */
export function mintRegistryToken(subject: string, access: AccessEntry[], ttlSeconds?: number): MintedToken {
  const env = getEnv();
  const { key, x5c } = loadSigner();
  const ttl = ttlSeconds ?? env.TOKEN_TTL_SECONDS;
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: "ES256", typ: "JWT", x5c: [x5c] };
  const claims = {
    iss: env.REGISTRY_ISSUER,
    sub: subject,
    aud: env.REGISTRY_SERVICE,
    exp: now + ttl,
    nbf: now - 1,
    iat: now,
    jti: crypto.randomUUID(),
    access,
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = crypto.sign("sha256", Buffer.from(input), { key, dsaEncoding: "ieee-p1363" });
  return { token: `${input}.${b64url(signature)}`, expiresIn: ttl, issuedAt: new Date(now * 1000).toISOString() };
}
