import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
// @peculiar/x509 uses tsyringe, which needs the Reflect metadata polyfill loaded first.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";

export type SigningKeyFiles = { keyFile: string; certFile: string };

x509.cryptoProvider.set(crypto.webcrypto as unknown as Crypto);

async function exists(file: string) {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/**
 * The key the console signs registry tokens with, and the self-signed certificate the registry
 * trusts (`auth.token.rootcertbundle`). Generated once and kept, so tokens and the registry config
 * stay valid across restarts. The registry refuses a bare public key: it must be an X.509 cert.
 */
export async function ensureSigningKeys(
  dir: string,
  commonName = "registry-console token signer",
): Promise<SigningKeyFiles> {
  const keyFile = path.join(dir, "token-signing-key.pem");
  const certFile = path.join(dir, "token-signing-cert.pem");
  if ((await exists(keyFile)) && (await exists(certFile))) return { keyFile, certFile };

  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
  const keys = (await crypto.webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as CryptoKeyPair;
  const now = new Date();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: crypto.randomBytes(8).toString("hex"),
    name: `CN=${commonName}`,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000),
    keys,
    signingAlgorithm: alg,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  const pkcs8 = Buffer.from(await crypto.webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .trimEnd()}\n-----END PRIVATE KEY-----\n`;
  await fs.writeFile(keyFile, keyPem, { mode: 0o600 });
  await fs.writeFile(certFile, cert.toString("pem") + "\n", { mode: 0o644 });
  return { keyFile, certFile };
}

/** A random secret kept in a file (created on first use), for values that must survive restarts. */
export async function ensureSecretFile(file: string, bytes = 32): Promise<string> {
  if (await exists(file)) return (await fs.readFile(file, "utf8")).trim();
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = crypto.randomBytes(bytes).toString("base64url");
  await fs.writeFile(file, secret + "\n", { mode: 0o600 });
  return secret;
}
