import { describe, expect, it } from "vitest";
import { effectiveStorageQuota, quotaLevel, storageQuotaRefusal } from "@/lib/authz/rules/storage-quota";
import { namespaceQuotaFormSchema, namespaceQuotaSettingSchema } from "@/lib/validations/namespace-quota";

describe("storageQuotaRefusal", () => {
  const base = { namespace: "alice", quotaBytes: 10_000_000, usedBytes: 6_000_000, reservedBytes: 0, addingBytes: 0 };
  it("lets through what fits, counting what pushes just let through reserved", () => {
    expect(storageQuotaRefusal({ ...base, addingBytes: 4_000_000 })).toBeNull();
    expect(storageQuotaRefusal({ ...base, addingBytes: 3_000_000, reservedBytes: 1_000_000 })).toBeNull();
    expect(storageQuotaRefusal({ ...base, addingBytes: 3_000_001, reservedBytes: 1_000_000 })).not.toBeNull();
  });
  it("refuses past the quota with 403 DENIED naming usage, quota and the push's size", () => {
    expect(storageQuotaRefusal({ ...base, addingBytes: 4_500_000 })).toEqual({
      status: 403,
      code: "DENIED",
      message:
        "alice uses 6.0 MB of its 10.0 MB storage quota, and this push adds 4.5 MB. Delete tags alice no longer needs, or ask an operator for a larger quota.",
    });
  });
  it("never refuses a push adding nothing (even over the quota), nor anything without a quota", () => {
    expect(storageQuotaRefusal({ ...base, usedBytes: 20_000_000, addingBytes: 0 })).toBeNull();
    expect(storageQuotaRefusal({ ...base, quotaBytes: null, addingBytes: 1e12 })).toBeNull();
  });
});

describe("effectiveStorageQuota", () => {
  it("is the namespace's own quota when an operator set one (bytes or no limit), else the site default", () => {
    expect(effectiveStorageQuota({ override: false, bytes: null }, 5e9)).toEqual({ bytes: 5e9, source: "site" });
    expect(effectiveStorageQuota({ override: false, bytes: null }, null)).toEqual({ bytes: null, source: "site" });
    expect(effectiveStorageQuota({ override: true, bytes: 2e6 }, 5e9)).toEqual({ bytes: 2e6, source: "namespace" });
    expect(effectiveStorageQuota({ override: true, bytes: null }, 5e9)).toEqual({ bytes: null, source: "namespace" });
  });
});

describe("quotaLevel", () => {
  it("is 80 from 80 % of the quota, 100 from the quota itself, 0 below or without a quota", () => {
    expect(quotaLevel(7_999_999, 10_000_000)).toBe(0);
    expect(quotaLevel(8_000_000, 10_000_000)).toBe(80);
    expect(quotaLevel(9_999_999, 10_000_000)).toBe(80);
    expect(quotaLevel(10_000_000, 10_000_000)).toBe(100);
    expect(quotaLevel(50_000_000, 10_000_000)).toBe(100);
    expect(quotaLevel(1e15, null)).toBe(0);
  });
});

describe("a namespace's quota as the form and the API send it", () => {
  const form = (fields: Record<string, string>) =>
    namespaceQuotaFormSchema.safeParse({ namespace: "acme", amount: "", unit: "GB", ...fields });
  it("reads the site default, no limit, or a size of its own", () => {
    expect(form({ mode: "site_default" }).data).toEqual({ namespace: "acme", quota: "site_default" });
    expect(form({ mode: "unlimited", amount: "3" }).data).toEqual({ namespace: "acme", quota: "unlimited" });
    expect(form({ mode: "custom", amount: "2.5" }).data).toEqual({ namespace: "acme", quota: 2.5e9 });
  });
  it("explains a bad size on its field, even when the size is not used", () => {
    const issue = (fields: Record<string, string>) => form(fields).error?.issues[0];
    expect(issue({ mode: "custom", amount: "" })).toMatchObject({ path: ["amount"], message: "Enter a size, e.g. 10" });
    expect(issue({ mode: "custom", amount: "0.5", unit: "MB" })?.message).toBe("At least 1 MB");
    expect(issue({ mode: "custom", amount: "2000", unit: "TB" })?.message).toBe("At most 1,000 TB");
    expect(issue({ mode: "site_default", amount: "lots" })?.message).toBe("Enter a size, e.g. 10");
    expect(issue({ mode: "bytes" })?.path).toEqual(["mode"]);
  });
  it("takes whole bytes from 1 MB to 1,000 TB over the API", () => {
    for (const ok of ["site_default", "unlimited", 1e6, 1e15])
      expect(namespaceQuotaSettingSchema.safeParse(ok).success).toBe(true);
    for (const bad of [0, 999_999, 1e15 + 1, 1.5e6 + 0.5, "none", null])
      expect(namespaceQuotaSettingSchema.safeParse(bad).success).toBe(false);
  });
});
