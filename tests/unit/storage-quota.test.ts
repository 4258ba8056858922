import { describe, expect, it } from "vitest";
import { storageQuotaRefusal } from "@/lib/authz/rules/storage-quota";

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
