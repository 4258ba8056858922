import { beforeEach, describe, expect, it, vi } from "vitest";
import { parseIPv4, parseIPv6 } from "@/lib/webhooks/ip-address";
import {
  checkWebhookTargetForSave,
  isPublicAddress,
  resolveWebhookTarget,
  UnresolvedHostError,
  UnsafeTargetError,
} from "@/lib/webhooks/ssrf";

// Only IP literals are resolved here; a DNS lookup would mean a literal was not recognised as one.
const lookup = vi.hoisted(() =>
  vi.fn(async (): Promise<Array<{ address: string; family: number }>> => {
    throw new Error("no DNS in unit tests");
  }),
);
vi.mock("node:dns/promises", () => ({ default: { lookup } }));

beforeEach(() => {
  lookup.mockClear();
});

const ALL_ONES_64 = "ffff:ffff:ffff:ffff";

describe("IPv6 text parsing", () => {
  const hex = (text: string) => Buffer.from(parseIPv6(text) ?? []).toString("hex");

  it("reads every compression, case and dotted-tail spelling of one address alike", () => {
    const loopbackMapped = "00000000000000000000ffff7f000001";
    for (const text of [
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::FFFF:7F00:0001",
      "0:0:0:0:0:ffff:7f00:1",
      "0000:0000:0000:0000:0000:ffff:127.0.0.1",
      "0::ffff:127.0.0.1",
      "::0:ffff:7f00:1",
    ]) {
      expect(hex(text), text).toBe(loopbackMapped);
    }
    expect(hex("::")).toBe("0".repeat(32));
    expect(hex("1::")).toBe(`0001${"0".repeat(28)}`);
    expect(hex("1:2:3:4:5:6:7::")).toBe("00010002000300040005000600070000");
    expect(hex("::2:3:4:5:6:7:8")).toBe("00000002000300040005000600070008");
    expect(hex("2606:4700:4700::1111")).toBe("26064700470000000000000000001111");
  });

  it("rejects malformed text, zone ids and non-canonical IPv4", () => {
    for (const text of [
      "",
      ":",
      ":::",
      "1:::2",
      "1::2::3",
      ":1::",
      "1::2:",
      "1:2:3:4:5:6:7",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7:8::",
      "::1:2:3:4:5:6:7:8",
      "12345::",
      "g::1",
      "::1.2.3.4:5",
      "[::1]",
      " ::1",
      "::1 ",
      "fe80::1%eth0",
      "fe80::1%",
      "::ffff:0127.0.0.1",
      "::ffff:1.2.3",
      "1.2.3.4",
    ]) {
      expect(parseIPv6(text), JSON.stringify(text)).toBeNull();
    }
    for (const text of [
      "",
      "1.2.3",
      "1.2.3.4.",
      "1.2.3.4.5",
      "01.2.3.4",
      "1.2.3.256",
      "0x7f.0.0.1",
      "2130706433",
      "127.1",
      " 1.2.3.4",
      "１.2.3.4",
    ]) {
      expect(parseIPv4(text), JSON.stringify(text)).toBeNull();
    }
    expect(parseIPv4("255.255.255.255")).toBe(0xffffffff);
  });
});

describe("isPublicAddress", () => {
  it.each([
    ["security report: IPv4-compatible, dotted", "::127.0.0.1"],
    ["security report: IPv4-compatible, hex", "::7f00:1"],
    ["security report: IPv4-translated (RFC 2765)", "::ffff:0:7f00:1"],
    ["security report: local-use NAT64 (RFC 8215)", "64:ff9b:1::7f00:1"],
    ["security report: 6to4", "2002:7f00:1::"],
    ["IPv4-mapped, dotted", "::ffff:127.0.0.1"],
    ["IPv4-mapped, hex", "::ffff:7f00:1"],
    ["IPv4-mapped, upper case, uncompressed", "0:0:0:0:0:FFFF:7F00:0001"],
    ["IPv4-mapped metadata service", "::ffff:169.254.169.254"],
    ["IPv4-mapped private", "::ffff:10.0.0.1"],
    ["IPv4-translated, dotted", "::ffff:0:127.0.0.1"],
    ["IPv4-translated metadata service", "::ffff:0:a9fe:a9fe"],
    ["IPv4-compatible metadata service", "::a9fe:a9fe"],
    ["IPv4-compatible private", "::10.0.0.1"],
    ["IPv4-compatible 0.0.0.2", "::2"],
    ["NAT64 well-known, hex", "64:ff9b::7f00:1"],
    ["NAT64 well-known, dotted", "64:ff9b::127.0.0.1"],
    ["NAT64 well-known metadata service", "64:ff9b::a9fe:a9fe"],
    ["NAT64 well-known prefix with bits 64-95 set (not the /96)", "64:ff9b::1:808:808"],
    ["local-use NAT64, 127.0.0.1 laid out for a /48 (RFC 6052)", "64:ff9b:1:7f00:0:100::"],
    ["local-use NAT64 carrying a public 8.8.8.8: the translator is local", "64:ff9b:1:808:8:800::"],
    ["6to4 loopback, interface id set", "2002:7f00:0001::1"],
    ["6to4 metadata service", "2002:a9fe:a9fe::1"],
    ["6to4 private", "2002:c0a8:101::1"],
    ["6to4 of the 6to4 relay anycast", "2002:c058:6301::"],
    ["Teredo, client 127.0.0.1 (obfuscated 80ff:fffe), public server", "2001:0:4136:e378:8000:63bf:80ff:fffe"],
    ["Teredo, client 192.0.2.45 (RFC 4380 example)", "2001:0000:4136:e378:8000:63bf:3fff:fdd2"],
    ["Teredo, private server 10.0.0.1", "2001:0:a00:1:8000:63bf:f7f7:f7f7"],
    ["Teredo, public server and client: refused outright (see ssrf.ts)", "2001:0:4136:e378:8000:63bf:f7f7:f7f7"],
  ])("refuses %s: %s", (_form, address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    ["IPv4", "8.8.8.8"],
    ["IPv4", "1.1.1.1"],
    ["IPv6", "2606:4700:4700::1111"],
    ["IPv6, upper case", "2606:4700:4700::1111".toUpperCase()],
    ["IPv6, uncompressed with leading zeros", "2606:4700:4700:0000:0000:0000:0000:1111"],
    ["IPv4-mapped", "::ffff:8.8.8.8"],
    ["IPv4-mapped, hex", "::ffff:808:808"],
    ["IPv4-translated", "::ffff:0:808:808"],
    ["IPv4-compatible", "::8.8.8.8"],
    ["NAT64 well-known", "64:ff9b::808:808"],
    ["NAT64 well-known, dotted", "64:ff9b::8.8.8.8"],
    ["6to4", "2002:0808:0808::1"],
  ])("allows public %s: %s", (_form, address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it("refuses malformed text that would read as public if parsed leniently", () => {
    for (const text of [
      "2606:4700:4700:::1111",
      "2606:4700:4700::1111::",
      "2606:4700:4700:1:2:3:4:5:6",
      "2606:4700:4700:1111",
      "12606::1",
      "2606:470g::1",
      "2606:4700:4700::1111%eth0",
      "[2606:4700:4700::1111]",
      " 2606:4700:4700::1111",
      "2606:4700:4700::1111\n",
      "::ffff:8.8.8",
      "::ffff:8.8.8.8.8",
      "::ffff:8.8.8.256",
      "::ffff:08.8.8.8",
      "::8.8.8.8:1",
      "8.8.8.8.",
      "8.8.8",
      "08.8.8.8",
      "134744072",
      "0x8.8.8.8",
      "",
      "example.com",
    ]) {
      expect(isPublicAddress(text), JSON.stringify(text)).toBe(false);
    }
  });

  // [block, first, last, neighbours outside the block that are public]
  it.each([
    ["0.0.0.0/8", "0.0.0.0", "0.255.255.255", ["1.0.0.0"]],
    ["10.0.0.0/8", "10.0.0.0", "10.255.255.255", ["9.255.255.255", "11.0.0.0"]],
    ["100.64.0.0/10", "100.64.0.0", "100.127.255.255", ["100.63.255.255", "100.128.0.0"]],
    ["127.0.0.0/8", "127.0.0.0", "127.255.255.255", ["126.255.255.255", "128.0.0.0"]],
    ["169.254.0.0/16", "169.254.0.0", "169.254.255.255", ["169.253.255.255", "169.255.0.0"]],
    ["172.16.0.0/12", "172.16.0.0", "172.31.255.255", ["172.15.255.255", "172.32.0.0"]],
    ["192.0.0.0/24", "192.0.0.0", "192.0.0.255", ["191.255.255.255", "192.0.1.0"]],
    ["192.0.2.0/24", "192.0.2.0", "192.0.2.255", ["192.0.1.255", "192.0.3.0"]],
    ["192.31.196.0/24", "192.31.196.0", "192.31.196.255", ["192.31.195.255", "192.31.197.0"]],
    ["192.52.193.0/24", "192.52.193.0", "192.52.193.255", ["192.52.192.255", "192.52.194.0"]],
    ["192.88.99.0/24", "192.88.99.0", "192.88.99.255", ["192.88.98.255", "192.88.100.0"]],
    ["192.168.0.0/16", "192.168.0.0", "192.168.255.255", ["192.167.255.255", "192.169.0.0"]],
    ["192.175.48.0/24", "192.175.48.0", "192.175.48.255", ["192.175.47.255", "192.175.49.0"]],
    ["198.18.0.0/15", "198.18.0.0", "198.19.255.255", ["198.17.255.255", "198.20.0.0"]],
    ["198.51.100.0/24", "198.51.100.0", "198.51.100.255", ["198.51.99.255", "198.51.101.0"]],
    ["203.0.113.0/24", "203.0.113.0", "203.0.113.255", ["203.0.112.255", "203.0.114.0"]],
    ["224.0.0.0/4", "224.0.0.0", "239.255.255.255", ["223.255.255.255"]],
    ["240.0.0.0/4", "240.0.0.0", "255.255.255.255", []],
  ])("refuses IPv4 %s from %s to %s", (_block, first, last, outside) => {
    expect(isPublicAddress(first), first).toBe(false);
    expect(isPublicAddress(last), last).toBe(false);
    for (const address of outside) expect(isPublicAddress(address), address).toBe(true);
  });

  // Neighbours are only listed where they are public: next to a block outside 2000::/3 lies more of
  // the not-global space, and next to a block inside 2001::/23 more of that /23.
  it.each([
    ["::1/128", "::1", "::1", []],
    ["::/128", "::", "::", []],
    [
      "::ffff:0:0/96 (judged by its IPv4: 0.0.0.0 and 255.255.255.255 here)",
      "::ffff:0.0.0.0",
      "::ffff:255.255.255.255",
      [],
    ],
    ["64:ff9b:1::/48", "64:ff9b:1::", `64:ff9b:1:ffff:${ALL_ONES_64}:ffff`, []],
    ["100::/64", "100::", `100::${ALL_ONES_64}`, []],
    ["100:0:0:1::/64", "100:0:0:1::", `100::1:${ALL_ONES_64}`, []],
    ["2001::/23", "2001::", `2001:1ff:ffff:ffff:${ALL_ONES_64}`, [`2000:ffff:ffff:ffff:${ALL_ONES_64}`, "2001:200::"]],
    [
      "2001:db8::/32",
      "2001:db8::",
      `2001:db8:ffff:ffff:${ALL_ONES_64}`,
      [`2001:db7:ffff:ffff:${ALL_ONES_64}`, "2001:db9::"],
    ],
    ["2001:2::/48", "2001:2::", `2001:2:0:ffff:${ALL_ONES_64}`, []],
    ["2001:10::/28", "2001:10::", `2001:1f:ffff:ffff:${ALL_ONES_64}`, []],
    ["2001:20::/28", "2001:20::", `2001:2f:ffff:ffff:${ALL_ONES_64}`, []],
    ["3fff::/20", "3fff::", `3fff:fff:ffff:ffff:${ALL_ONES_64}`, [`3ffe:ffff:ffff:ffff:${ALL_ONES_64}`, "3fff:1000::"]],
    ["5f00::/16", "5f00::", `5f00:ffff:ffff:ffff:${ALL_ONES_64}`, []],
    ["fc00::/7", "fc00::", `fdff:ffff:ffff:ffff:${ALL_ONES_64}`, []],
    ["fe80::/10", "fe80::", `febf:ffff:ffff:ffff:${ALL_ONES_64}`, []],
    ["fec0::/10", "fec0::", `feff:ffff:ffff:ffff:${ALL_ONES_64}`, []],
    ["ff00::/8", "ff00::", `ffff:ffff:ffff:ffff:${ALL_ONES_64}`, []],
    [
      "6to4 2002::/16 (judged by its IPv4: 0.0.0.0 and 255.255.255.255 here)",
      "2002::",
      `2002:ffff:ffff:ffff:${ALL_ONES_64}`,
      [`2001:ffff:ffff:ffff:${ALL_ONES_64}`, "2003::"],
    ],
    [
      "NAT64 64:ff9b::/96 (judged by its IPv4: 0.0.0.0 and 255.255.255.255 here)",
      "64:ff9b::",
      "64:ff9b::ffff:ffff",
      [],
    ],
  ])("refuses IPv6 %s from %s to %s", (_block, first, last, outside) => {
    expect(isPublicAddress(first), first).toBe(false);
    expect(isPublicAddress(last), last).toBe(false);
    for (const address of outside) expect(isPublicAddress(address), address).toBe(true);
  });

  it("allows only global unicast 2000::/3 among IPv6 addresses that carry no IPv4 one", () => {
    for (const address of ["2000::", `3fff:ffff:ffff:ffff:${ALL_ONES_64}`])
      expect(isPublicAddress(address), address).toBe(true);
    for (const address of [`1fff:ffff:ffff:ffff:${ALL_ONES_64}`, "4000::", "8000::1", "e000::1", "101::1"])
      expect(isPublicAddress(address), address).toBe(false);
  });
});

describe("resolveWebhookTarget", () => {
  const refused = async (url: string, address: string) => {
    const attempt = resolveWebhookTarget(url, false);
    await expect(attempt, url).rejects.toBeInstanceOf(UnsafeTargetError);
    await expect(attempt, url).rejects.toThrow(`resolves to ${address},`);
  };

  it.each([
    ["http://[::127.0.0.1]:3000/", "::7f00:1"],
    ["http://[::7f00:1]/", "::7f00:1"],
    ["http://[::ffff:0:7f00:1]/", "::ffff:0:7f00:1"],
    ["http://[64:ff9b:1::7f00:1]/", "64:ff9b:1::7f00:1"],
    ["http://[2002:7f00:1::]/", "2002:7f00:1::"],
  ])("refuses the security report's %s without a DNS lookup", async (url, address) => {
    await refused(url, address);
    expect(lookup).not.toHaveBeenCalled();
  });

  // The WHATWG URL parser turns each of these into a canonical IPv4 or IPv6 literal before we look.
  it.each([
    ["http://2130706433/", "127.0.0.1"],
    ["http://0x7f.0.0.1/", "127.0.0.1"],
    ["http://0x7f000001/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
    ["http://0177.0.0.1/", "127.0.0.1"],
    ["http://017700000001/", "127.0.0.1"],
    ["http://127.0.0.1./", "127.0.0.1"],
    ["http://127.0.0.1%2e/", "127.0.0.1"],
    ["http://１２７.０.０.１/", "127.0.0.1"],
    ["http://0/", "0.0.0.0"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["http://[0:0:0:0:0:FFFF:7F00:1]/", "::ffff:7f00:1"],
  ])("refuses the odd loopback spelling %s without a DNS lookup", async (url, address) => {
    await refused(url, address);
    expect(lookup).not.toHaveBeenCalled();
  });

  it("connects to public literals, however spelled", async () => {
    await expect(resolveWebhookTarget("http://134744072/", false)).resolves.toMatchObject({
      address: "8.8.8.8",
      family: 4,
    });
    await expect(resolveWebhookTarget("https://[2606:4700:4700:0:0:0:0:1111]/hook", false)).resolves.toMatchObject({
      address: "2606:4700:4700::1111",
      family: 6,
    });
    await expect(resolveWebhookTarget("http://[::ffff:8.8.8.8]/", false)).resolves.toMatchObject({
      address: "::ffff:808:808",
      family: 6,
    });
    expect(lookup).not.toHaveBeenCalled();
  });

  it("refuses a name when any of its addresses is not public, in any spelling", async () => {
    lookup.mockResolvedValueOnce([
      { address: "8.8.8.8", family: 4 },
      { address: "::FFFF:0:7F00:1", family: 6 },
    ]);
    await expect(resolveWebhookTarget("https://hooks.example.com/", false)).rejects.toThrow(
      "resolves to ::FFFF:0:7F00:1,",
    );
    lookup.mockResolvedValueOnce([{ address: "fe80::1%eth0", family: 6 }]);
    await expect(resolveWebhookTarget("https://hooks.example.com/", false)).rejects.toBeInstanceOf(UnsafeTargetError);
  });
});

describe("checkWebhookTargetForSave", () => {
  it("saves a host that does not resolve yet, naming it; delivery sees an UnresolvedHostError, not an unsafe target", async () => {
    lookup.mockRejectedValueOnce(
      Object.assign(new Error("getaddrinfo ENOTFOUND example.invalid"), { code: "ENOTFOUND" }),
    );
    await expect(checkWebhookTargetForSave("https://example.invalid/hook", false)).resolves.toEqual({
      unresolvedHost: "example.invalid",
    });
    lookup.mockRejectedValueOnce(
      Object.assign(new Error("getaddrinfo ENOTFOUND example.invalid"), { code: "ENOTFOUND" }),
    );
    const attempt = resolveWebhookTarget("https://example.invalid/hook", false);
    await expect(attempt).rejects.toBeInstanceOf(UnresolvedHostError);
    await expect(attempt).rejects.not.toBeInstanceOf(UnsafeTargetError);
    lookup.mockResolvedValueOnce([]);
    await expect(checkWebhookTargetForSave("https://empty.example/", false)).resolves.toEqual({
      unresolvedHost: "empty.example",
    });
  });

  it("still refuses literal and resolved private addresses, and accepts them when the operator allows private targets", async () => {
    await expect(checkWebhookTargetForSave("http://10.0.0.1/hook", false)).rejects.toBeInstanceOf(UnsafeTargetError);
    lookup.mockResolvedValueOnce([{ address: "127.0.0.1", family: 4 }]);
    await expect(checkWebhookTargetForSave("http://localhost/hook", false)).rejects.toThrow("resolves to 127.0.0.1,");
    await expect(checkWebhookTargetForSave("http://10.0.0.1/hook", true)).resolves.toEqual({ unresolvedHost: null });
    lookup.mockResolvedValueOnce([{ address: "93.184.215.14", family: 4 }]);
    await expect(checkWebhookTargetForSave("https://hooks.example.com/", false)).resolves.toEqual({
      unresolvedHost: null,
    });
  });

  it("refuses a bad URL outright", async () => {
    await expect(checkWebhookTargetForSave("ftp://example.com/", false)).rejects.toThrow(/http/);
  });
});
