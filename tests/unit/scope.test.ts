import { describe, expect, it } from "vitest";
import { formatScope, parseScope, parseScopes, REPOSITORY_NAME_PATTERN } from "@/lib/registry/scope";
import { nextFromLink } from "@/lib/registry/client";

describe("parseScope", () => {
  it("parses repository scopes with several actions", () => {
    expect(parseScope("repository:acme/web:pull,push")).toEqual({
      type: "repository",
      name: "acme/web",
      actions: ["pull", "push"],
    });
  });
  it("parses the catalog scope and resource classes", () => {
    expect(parseScope("registry:catalog:*")).toEqual({ type: "registry", name: "catalog", actions: ["*"] });
    expect(parseScope("repository(plugin):acme/web:pull")).toEqual({
      type: "repository",
      class: "plugin",
      name: "acme/web",
      actions: ["pull"],
    });
  });
  it("rejects malformed scopes", () => {
    for (const bad of [
      "",
      "repository",
      "repository:acme/web",
      ":acme:pull",
      "repository::pull",
      "repository:acme/web:",
      "Repo!:x:pull",
    ]) {
      expect(parseScope(bad), bad).toBeNull();
    }
  });
  it("dedupes actions and splits space-joined scopes", () => {
    expect(parseScopes(["repository:a/b:pull,pull repository:c/d:push", "junk"])).toEqual([
      { type: "repository", name: "a/b", actions: ["pull"] },
      { type: "repository", name: "c/d", actions: ["push"] },
    ]);
  });
  it("round-trips through formatScope", () => {
    expect(formatScope(parseScope("repository:acme/web:pull,push")!)).toBe("repository:acme/web:pull,push");
  });
});

describe("repository names", () => {
  it("follows the distribution grammar", () => {
    for (const ok of ["acme/web", "a/b/c", "acme/web-app", "acme/web__x", "acme/web.v2", "library/alpine"])
      expect(REPOSITORY_NAME_PATTERN.test(ok), ok).toBe(true);
    for (const bad of [
      "Acme/web",
      "acme//web",
      "acme/-web",
      "acme/web-",
      "../etc",
      "acme/web/",
      "acme/wéb",
      "acme/web_",
    ])
      expect(REPOSITORY_NAME_PATTERN.test(bad), bad).toBe(false);
  });
});

describe("nextFromLink", () => {
  it("reads `last` from a relative next link", () => {
    expect(nextFromLink('</v2/_catalog?last=acme%2Fweb&n=100>; rel="next"')).toBe("acme/web");
    expect(nextFromLink(null)).toBeNull();
    expect(nextFromLink('<https://x/v2/_catalog?n=1>; rel="prev"')).toBeNull();
  });
});
