import { Secret, TOTP } from "otpauth";
import { afterEach, describe, expect, it, vi } from "vitest";
import { newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, totpFor, verifyTotp } from "@/lib/security/totp";

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890"; its 8-digit codes end in these 6 digits.
const RFC_SECRET = Secret.fromUTF8("12345678901234567890").base32;
const at = (seconds: number) => vi.setSystemTime(seconds * 1000);

afterEach(() => {
  vi.useRealTimers();
});

describe("TOTP", () => {
  it("produces the RFC 6238 SHA-1 codes (6 digits, 30-second steps)", () => {
    vi.useFakeTimers();
    at(59);
    expect(verifyTotp("alice", RFC_SECRET, "287082")).toBe(true);
    at(1111111109);
    expect(verifyTotp("alice", RFC_SECRET, "081804")).toBe(true);
    at(1234567890);
    expect(verifyTotp("alice", RFC_SECRET, "005924")).toBe(true);
  });

  it("accepts the current code and one step either side, and nothing further", () => {
    vi.useFakeTimers();
    const now = 1_700_000_010; // 10 s into a step, so ±30 s lands in exactly the neighbouring steps
    const t = new TOTP({ secret: Secret.fromBase32(RFC_SECRET), digits: 6, period: 30, algorithm: "SHA1" });
    const codeAt = (offset: number) => t.generate({ timestamp: (now + offset) * 1000 });
    at(now);
    expect(verifyTotp("alice", RFC_SECRET, codeAt(0))).toBe(true);
    expect(verifyTotp("alice", RFC_SECRET, codeAt(-30))).toBe(true);
    expect(verifyTotp("alice", RFC_SECRET, codeAt(30))).toBe(true);
    expect(verifyTotp("alice", RFC_SECRET, codeAt(-60))).toBe(false);
    expect(verifyTotp("alice", RFC_SECRET, codeAt(60))).toBe(false);
    expect(verifyTotp("alice", RFC_SECRET, codeAt(-3600))).toBe(false);
  });

  it("rejects malformed codes and codes of another secret", () => {
    vi.useFakeTimers();
    at(1111111109);
    expect(verifyTotp("alice", RFC_SECRET, "81804")).toBe(false);
    expect(verifyTotp("alice", RFC_SECRET, "0818045")).toBe(false);
    expect(verifyTotp("alice", RFC_SECRET, "")).toBe(false);
    expect(verifyTotp("alice", RFC_SECRET, "abcdef")).toBe(false);
    const ours = new TOTP({ secret: Secret.fromBase32(RFC_SECRET), digits: 6, period: 30, algorithm: "SHA1" });
    const window = [-30, 0, 30].map((o) => ours.generate({ timestamp: (1111111109 + o) * 1000 }));
    const otherCode = new TOTP({
      secret: Secret.fromBase32(newTotpSecret()),
      digits: 6,
      period: 30,
      algorithm: "SHA1",
    }).generate();
    // A random secret's code equals one of ours by chance 3 times in a million; only assert when it does not.
    if (!window.includes(otherCode)) expect(verifyTotp("alice", RFC_SECRET, otherCode)).toBe(false);
  });

  it("makes 160-bit base32 secrets and an otpauth URI an authenticator app can read", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpFor("alice", secret).toString());
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Dockyard:alice");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Dockyard");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
    expect(uri.searchParams.get("algorithm")).toBe("SHA1");
  });
});

describe("recovery codes", () => {
  it("are ten unique codes shaped xxxxx-xxxxx", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
  });

  it("avoid look-alike characters and do not repeat across sets", () => {
    const all = Array.from({ length: 100 }, () => newRecoveryCodes()).flat();
    expect(new Set(all).size).toBe(all.length);
    for (const c of all) expect(c).not.toMatch(/[01ilo]/);
  });

  it("normalize upper case, a missing dash and stray spaces to the stored form", () => {
    expect(normalizeRecoveryCode("K3J9X-2MQ8D")).toBe("k3j9x-2mq8d");
    expect(normalizeRecoveryCode("k3j9x2mq8d")).toBe("k3j9x-2mq8d");
    expect(normalizeRecoveryCode("K3J9X2MQ8D")).toBe("k3j9x-2mq8d");
    expect(normalizeRecoveryCode("  k3j9x 2mq8d \n")).toBe("k3j9x-2mq8d");
    for (const c of newRecoveryCodes()) expect(normalizeRecoveryCode(c)).toBe(c);
  });

  it("normalize different codes to different values", () => {
    expect(normalizeRecoveryCode("k3j9x-2mq8d")).not.toBe(normalizeRecoveryCode("k3j9x-2mq8e"));
  });
});
