import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateDeployKey } from "@/lib/builds/deploy-key";
import { parseGitUrl } from "@/lib/builds/git-url";
import {
  matchSource,
  normalizeRepoPath,
  parseRef,
  renderTagTemplate,
  rulesForRef,
  templateError,
  type RuleSpec,
} from "@/lib/builds/rules";
import { createBuildRuleFormSchema, buildSourceFormSchema, parseBuildArgLines } from "@/lib/validations/build-settings";

const SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
const DAY = new Date("2026-12-04T15:00:00Z");
const rule = (v: Partial<RuleSpec>): RuleSpec => ({
  sourceType: "branch",
  sourceName: "main",
  sourceRegex: false,
  tagTemplate: "latest",
  enabled: true,
  ...v,
});

describe("refs", () => {
  it("refs/heads is a branch, refs/tags a tag, anything else nothing", () => {
    expect(parseRef("refs/heads/feature/login")).toEqual({ type: "branch", name: "feature/login" });
    expect(parseRef("refs/tags/v1.2.3")).toEqual({ type: "tag", name: "v1.2.3" });
    expect(parseRef("refs/pull/1/head")).toBeNull();
    expect(parseRef("main")).toBeNull();
    expect(parseRef("refs/heads/")).toBeNull();
  });
});

describe("matching rules to a pushed ref", () => {
  it("exact names match only themselves; patterns are found anywhere unless anchored, with their groups", () => {
    expect(matchSource({ sourceName: "main", sourceRegex: false }, "main")).toEqual([]);
    expect(matchSource({ sourceName: "main", sourceRegex: false }, "main2")).toBeNull();
    expect(matchSource({ sourceName: "^v([0-9]+)\\.([0-9]+)", sourceRegex: true }, "v1.22.3")).toEqual(["1", "22"]);
    expect(matchSource({ sourceName: "^v([0-9]+)$", sourceRegex: true }, "v1.2")).toBeNull();
    expect(matchSource({ sourceName: "rel", sourceRegex: true }, "pre-release")).toEqual([]);
    // An alternative not taken renders empty, not "undefined".
    expect(matchSource({ sourceName: "^(a)|(b)$", sourceRegex: true }, "b")).toEqual(["", "b"]);
  });

  it("fires every enabled rule of the ref's type, each with its rendered tag, in rule order", () => {
    const rules = [
      rule({ id: "1", tagTemplate: "latest" }),
      rule({ id: "2", sourceName: "^(main|dev)$", sourceRegex: true, tagTemplate: "{1}-{sha7}" }),
      rule({ id: "3", tagTemplate: "off", enabled: false }),
      rule({ id: "4", sourceType: "tag", sourceName: ".*", sourceRegex: true, tagTemplate: "{tag}" }),
      rule({ id: "5", sourceName: "^feature/(.+)$", sourceRegex: true, tagTemplate: "f-{1}-{date}" }),
    ];
    const fired = (ref: string) =>
      rulesForRef(rules, ref, SHA, DAY).map((f) => [f.rule.id, "tag" in f ? f.tag : f.error]);
    expect(fired("refs/heads/main")).toEqual([
      ["1", "latest"],
      ["2", "main-a1b2c3d"],
    ]);
    expect(fired("refs/tags/v2.0.0")).toEqual([["4", "v2.0.0"]]);
    // Characters a tag cannot hold become "-".
    expect(fired("refs/heads/feature/log in")).toEqual([["5", "f-log-in-20261204"]]);
    expect(fired("refs/heads/other")).toEqual([]);
    expect(fired("refs/pull/3/head")).toEqual([]);
  });

  it("a ref whose rendered tag is invalid fires with the reason instead of a tag", () => {
    const long = "x".repeat(140);
    const [f] = rulesForRef(
      [rule({ sourceName: ".*", sourceRegex: true, tagTemplate: "{branch}" })],
      `refs/heads/${long}`,
      SHA,
    );
    expect(f && "error" in f && f.error).toBe("Renders a tag of 140 characters; at most 128");
    const [g] = rulesForRef(
      [rule({ sourceName: "^(.*)$", sourceRegex: true, tagTemplate: "{1}" })],
      "refs/heads/-x",
      SHA,
    );
    expect(g && "error" in g && g.error).toMatch(/^Renders "-x", not a valid tag/);
  });
});

describe("tag templates", () => {
  const values = { ref: { type: "tag" as const, name: "v1.2" }, sha: SHA, date: DAY, groups: ["1", "2"] };
  it("renders each placeholder", () => {
    expect(renderTagTemplate("{tag}_{sha}", values)).toEqual({ ok: true, tag: `v1.2_${SHA}` });
    expect(renderTagTemplate("{2}.{1}-{sha7}-{date}", values)).toEqual({ ok: true, tag: "2.1-a1b2c3d-20261204" });
  });
  it("refuses unknown placeholders, the other source type's and missing groups", () => {
    expect(renderTagTemplate("{commit}", values)).toEqual({
      ok: false,
      error: "Unknown placeholder {commit}: use {branch}, {tag}, {sha}, {sha7}, {date} or {1}…{9}",
    });
    expect(renderTagTemplate("{branch}", values)).toMatchObject({ ok: false, error: /only known for branch rules/ });
    expect(renderTagTemplate("{3}", values)).toMatchObject({ ok: false, error: /does not have \(it has 2\)/ });
  });

  it("is checked without a push: the rule's own name or a sample, groups of the pattern, the OCI grammar", () => {
    const branch = { sourceType: "branch" as const, sourceName: "main", sourceRegex: false };
    expect(templateError("{branch}-{sha7}", branch)).toBeNull();
    expect(templateError("", branch)).toMatch(/Enter a tag template/);
    expect(templateError("release candidate", branch)).toMatch(/^Renders "release candidate", not a valid tag/);
    expect(templateError(".{branch}", branch)).toMatch(/not a valid tag/);
    expect(templateError("{sha}{sha}{sha}{sha}", branch)).toMatch(/160 characters; at most 128/);
    expect(templateError("{1}", branch)).toBe("{1} needs a regular expression with capture groups");
    expect(templateError("{tag}", branch)).toMatch(/only known for tag rules/);
    const pattern = { sourceType: "tag" as const, sourceName: "^v(\\d+)\\.(\\d+)", sourceRegex: true };
    expect(templateError("{1}.{2}", pattern)).toBeNull();
    expect(templateError("{3}", pattern)).toMatch(/does not have \(it has 2\)/);
    // An exact branch name with a slash renders tag-safe.
    expect(templateError("{branch}", { ...branch, sourceName: "feature/x" })).toBeNull();
  });
});

describe("paths inside the repository", () => {
  it("normalises, and refuses absolute paths, backslashes, .git and any .. that leaves", () => {
    expect(normalizeRepoPath("./docker//Dockerfile", "file")).toEqual({ ok: true, path: "docker/Dockerfile" });
    expect(normalizeRepoPath("a/../Dockerfile", "file")).toEqual({ ok: true, path: "Dockerfile" });
    expect(normalizeRepoPath("", "dir")).toEqual({ ok: true, path: "." });
    expect(normalizeRepoPath("./app/", "dir")).toEqual({ ok: true, path: "app" });
    expect(normalizeRepoPath("", "file")).toMatchObject({ ok: false });
    expect(normalizeRepoPath(".", "file")).toMatchObject({ ok: false });
    for (const bad of ["../Dockerfile", "a/../../etc/passwd", "..", "/etc/passwd", "C:/x", "a\\b", ".git/config"])
      expect(normalizeRepoPath(bad, "file"), bad).toMatchObject({ ok: false });
    expect(normalizeRepoPath("../", "dir")).toEqual({ ok: false, error: "The path leaves the repository (..)" });
  });
});

describe("Git URLs", () => {
  it("takes https, ssh:// and scp-like SSH; refuses http, credentials in the URL and other schemes", () => {
    expect(parseGitUrl("https://github.com/acme/app.git")).toEqual({ transport: "https", host: "github.com" });
    expect(parseGitUrl("ssh://git@gitlab.example:2222/acme/app.git")).toEqual({
      transport: "ssh",
      host: "gitlab.example",
    });
    expect(parseGitUrl("git@github.com:acme/app.git")).toEqual({ transport: "ssh", host: "github.com" });
    expect(parseGitUrl("git@[::1]:acme/app.git")).toEqual({ transport: "ssh", host: "::1" });
    expect(parseGitUrl("http://github.com/acme/app.git")).toMatchObject({ error: /Use https/ });
    expect(parseGitUrl("https://user:pw@github.com/acme/app.git")).toMatchObject({ error: /no credentials/ });
    expect(parseGitUrl("git://github.com/acme/app.git")).toMatchObject({ error: /https:\/\/ URL, an ssh/ });
    expect(parseGitUrl("file:///srv/git/app")).toMatchObject({ error: /https:\/\/ URL, an ssh/ });
    expect(parseGitUrl("/srv/git/app")).toMatchObject({ error: /https:\/\/ URL, an ssh/ });
    expect(parseGitUrl("https://github.com")).toMatchObject({ error: /path/ });
  });
});

describe("the forms' schemas", () => {
  const path = { namespace: "acme", name: "web" };
  const ruleForm = {
    ...path,
    sourceType: "tag",
    sourceName: "^v(\\d+)$",
    sourceRegex: "on",
    tagTemplate: "{1}",
    dockerfilePath: "./Dockerfile",
    contextDir: "",
    buildArgs: "A=1\nB = two=2\n",
    enabled: "on",
  };
  const errors = (v: Record<string, unknown>) => {
    const r = createBuildRuleFormSchema.safeParse({ ...ruleForm, ...v });
    return r.success ? {} : (r.error.flatten().fieldErrors as Record<string, string[]>);
  };
  it("normalises a good rule and parses KEY=value lines", () => {
    expect(createBuildRuleFormSchema.parse(ruleForm).rule).toEqual({
      sourceType: "tag",
      sourceName: "^v(\\d+)$",
      sourceRegex: true,
      tagTemplate: "{1}",
      dockerfilePath: "Dockerfile",
      contextDir: ".",
      buildArgs: [
        { key: "A", value: "1" },
        { key: "B", value: " two=2" },
      ],
      enabled: true,
    });
    expect(parseBuildArgLines("no-equals")).toEqual([{ key: "no-equals", value: "" }]);
  });
  it("explains every error on its field", () => {
    expect(errors({ sourceName: "^(?=v)" }).sourceName![0]).toMatch(/Not a valid RE2/);
    expect(errors({ tagTemplate: "{2}" }).tagTemplate![0]).toMatch(/it has 1/);
    expect(errors({ dockerfilePath: "../Dockerfile" }).dockerfilePath).toEqual(["The path leaves the repository (..)"]);
    expect(errors({ contextDir: "/srv" }).contextDir![0]).toMatch(/not an absolute one/);
    expect(errors({ buildArgs: "1X=a\nA=1\nA=2" }).buildArgs).toEqual([
      '"1X" is not a build argument name (letters, digits, _)',
      "A is given twice",
    ]);
    expect(errors({ sourceRegex: undefined, sourceName: "bad name" }).sourceName![0]).toMatch(/Not a valid Git/);
  });
  it("matches the credential to the URL's transport", () => {
    const src = (v: Record<string, unknown>) => {
      const r = buildSourceFormSchema.safeParse({ ...path, accessToken: "", ...v });
      return r.success ? {} : r.error.flatten().fieldErrors;
    };
    expect(src({ gitUrl: "https://h.example/a.git", credentialKind: "token", accessToken: "t" })).toEqual({});
    expect(src({ gitUrl: "git@h.example:a.git", credentialKind: "token" })).toEqual({
      credentialKind: ["An access token works over https:// only (or http:// on loopback)"],
    });
    // Plain http:// on loopback only (a Git server on the console's machine), with a token too.
    expect(src({ gitUrl: "http://127.0.0.1:8080/a.git", credentialKind: "token", accessToken: "t" })).toEqual({});
    expect(src({ gitUrl: "http://localhost/a.git", credentialKind: "none" })).toEqual({});
    expect(src({ gitUrl: "http://10.0.0.5/a.git", credentialKind: "none" }).gitUrl?.[0]).toMatch(/Use https/);
    expect(src({ gitUrl: "http://user@127.0.0.1/a.git", credentialKind: "none" }).gitUrl?.[0]).toMatch(
      /no credentials/,
    );
    expect(src({ gitUrl: "https://h.example/a.git", credentialKind: "deploy_key" })).toEqual({
      credentialKind: ["A deploy key works over SSH only (ssh:// or git@host:path)"],
    });
    expect(src({ gitUrl: "https://h.example/a.git", credentialKind: "none", accessToken: "t" })).toHaveProperty(
      "accessToken",
    );
  });
});

describe("deploy keys", () => {
  it("are ed25519 pairs OpenSSH reads: the private key gives back the shown public key", () => {
    const key = generateDeployKey("dockyard-build-acme-web");
    expect(key.publicKey).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43} dockyard-build-acme-web$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-key-"));
    try {
      fs.writeFileSync(path.join(dir, "id"), key.privateKey, { mode: 0o600 });
      expect(execFileSync("ssh-keygen", ["-y", "-f", path.join(dir, "id")], { encoding: "utf8" }).trim()).toBe(
        key.publicKey,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(generateDeployKey("x").publicKey).not.toBe(key.publicKey);
  });
});
