import crypto from "node:crypto";

/**
 * A deploy key for a build source: a fresh ed25519 key pair whose public half is shown to the
 * admin (to paste into the Git host) in OpenSSH's one-line format, and whose private half is kept
 * in OpenSSH's own private key format (what `ssh -i` and GIT_SSH_COMMAND read), unencrypted here
 * because the caller seals it at rest (lib/security/crypto.ts).
 */
export type DeployKey = { publicKey: string; privateKey: string; fingerprint: string };

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const sshString = (v: Buffer | string) => {
  const b = typeof v === "string" ? Buffer.from(v) : v;
  return Buffer.concat([u32(b.length), b]);
};

export function generateDeployKey(comment: string): DeployKey {
  const { publicKey, privateKey } = crypto.generateKeyPairSync("ed25519");
  const pub = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");
  const seed = Buffer.from(privateKey.export({ format: "jwk" }).d!, "base64url");
  const blob = Buffer.concat([sshString("ssh-ed25519"), sshString(pub)]);
  const check = crypto.randomBytes(4);
  let section = Buffer.concat([
    check,
    check,
    sshString("ssh-ed25519"),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(comment),
  ]);
  const pad = [];
  for (let i = 1; (section.length + pad.length) % 8 !== 0; i++) pad.push(i);
  section = Buffer.concat([section, Buffer.from(pad)]);
  const body = Buffer.concat([
    Buffer.from("openssh-key-v1\0"),
    sshString("none"),
    sshString("none"),
    sshString(""),
    u32(1),
    sshString(blob),
    sshString(section),
  ]).toString("base64");
  const lines = body.match(/.{1,70}/g)!.join("\n");
  return {
    publicKey: `ssh-ed25519 ${blob.toString("base64")} ${comment}`,
    privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines}\n-----END OPENSSH PRIVATE KEY-----\n`,
    fingerprint: `SHA256:${crypto.createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`,
  };
}
