import { describe, expect, it } from "vitest";
import { evaluateRetention, type RetentionManifest, type RetentionRepository } from "@/lib/retention/evaluate";
import type { RetentionRule } from "@/lib/retention/rules";

const NOW = new Date("2026-06-30T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const digest = (s: string) => `sha256:${s.padEnd(64, "0")}`;

/** A tagged image: tags `names`, pushed `pushed` days ago, last pulled `pulled` days ago (null: never). */
function img(id: string, names: string[], pushed: number, pulled: number | null = null, children: string[] = []) {
  return {
    digest: digest(id),
    tags: names.map((name) => ({
      name,
      pushedAt: daysAgo(pushed),
      lastPulledAt: pulled === null ? null : daysAgo(pulled),
    })),
    children: children.map(digest),
    pushedAt: null,
  } satisfies RetentionManifest;
}
const untagged = (id: string, pushed: number, children: string[] = []): RetentionManifest => ({
  digest: digest(id),
  tags: [],
  children: children.map(digest),
  pushedAt: daysAgo(pushed),
});

let ids = 0;
function rule(over: Partial<RetentionRule>): RetentionRule {
  return {
    id: String(++ids),
    repositoryPattern: "**",
    repositoryMode: "match",
    tagPattern: "**",
    tagMode: "match",
    includeUntagged: false,
    criterion: "latest_pushed",
    n: 1,
    ...over,
  };
}

function run(
  repositories: RetentionRepository[],
  rules: RetentionRule[],
  opts: { immutable?: (r: string, t: string) => string | null; untaggedListed?: boolean } = {},
) {
  const out = evaluateRetention({
    repositories,
    rules,
    immutable: opts.immutable ?? (() => null),
    untaggedListed: opts.untaggedListed ?? true,
    now: NOW,
  });
  return Object.fromEntries(
    out.map((v) => [
      v.repository,
      {
        kept: v.retained.map((a) => a.digest.slice(7, 8)).sort(),
        deleted: v.deleted.map((a) => `${a.digest.slice(7, 8)}${a.kind === "tagged" ? "" : `:${a.kind}`}`).sort(),
        v,
      },
    ]),
  );
}

const app = (...manifests: RetentionManifest[]): RetentionRepository => ({ name: "app", manifests });

describe("retention evaluation", () => {
  it("keeps the N most recently pushed per repository and deletes the rest with all their tags", () => {
    const r = run(
      [
        app(img("a", ["v1", "stable"], 30), img("b", ["v2"], 20), img("c", ["v3"], 10)),
        { name: "web", manifests: [img("d", ["x"], 50), img("e", ["y"], 40)] },
      ],
      [rule({ criterion: "latest_pushed", n: 2 })],
    );
    expect(r.app!.kept).toEqual(["b", "c"]);
    expect(r.app!.deleted).toEqual(["a"]);
    expect(r.app!.v.deleted[0]!.tags).toEqual(["stable", "v1"]);
    expect(r.web!.kept).toEqual(["d", "e"]);
    expect(r.app!.v.retained.find((a) => a.digest === digest("c"))!.reasons).toEqual([
      "rule 1: keep the 2 most recently pushed",
    ]);
  });

  it("an artifact's push time is its latest tag push; one kept tag keeps every tag on the digest", () => {
    // a's `latest` was pushed a day ago: a is the most recent, so v1 survives with it.
    const a = img("a", ["v1"], 30);
    a.tags.push({ name: "latest", pushedAt: daysAgo(1), lastPulledAt: null });
    const r = run([app(a, img("b", ["v2"], 5))], [rule({ n: 1 })]);
    expect(r.app!.kept).toEqual(["a"]);
    expect(r.app!.deleted).toEqual(["b"]);
  });

  it("keeps the N most recently pulled, never pulled counting as the oldest", () => {
    const r = run(
      [app(img("a", ["1"], 1, null), img("b", ["2"], 9, 3), img("c", ["3"], 9, 1), img("d", ["4"], 2, 8))],
      [rule({ criterion: "latest_pulled", n: 2 })],
    );
    expect(r.app!.kept).toEqual(["b", "c"]);
    expect(r.app!.deleted).toEqual(["a", "d"]);
  });

  it("keeps those pushed or pulled within N days", () => {
    const repo = app(img("a", ["1"], 2, 40), img("b", ["2"], 8, 3), img("c", ["3"], 6, null));
    expect(run([repo], [rule({ criterion: "pushed_within_days", n: 7 })]).app!.kept).toEqual(["a", "c"]);
    expect(run([repo], [rule({ criterion: "pulled_within_days", n: 7 })]).app!.kept).toEqual(["b"]);
  });

  it("combines rules with OR; tag selectors match or exclude (any tag decides, as Harbor)", () => {
    const repo = app(
      img("a", ["v1.0"], 30),
      img("b", ["v2.0", "latest"], 20),
      img("c", ["dev-1"], 10),
      img("d", ["dev-2"], 5),
    );
    const r = run(
      [repo],
      [
        rule({ tagPattern: "v*", criterion: "always" }),
        rule({ tagPattern: "dev-*", criterion: "latest_pushed", n: 1 }),
      ],
    );
    expect(r.app!.kept).toEqual(["a", "b", "d"]);
    expect(r.app!.deleted).toEqual(["c"]);
    // exclude "v*": artifacts having some tag not matching v* (b has `latest`) are candidates.
    const ex = run([repo], [rule({ tagPattern: "v*", tagMode: "exclude", criterion: "always" })]);
    expect(ex.app!.kept).toEqual(["b", "c", "d"]);
    expect(ex.app!.deleted).toEqual(["a"]);
  });

  it("repositories no rule selects are untouched; repository selectors match or exclude", () => {
    const repos = [app(img("a", ["1"], 3)), { name: "team/web", manifests: [img("b", ["1"], 3)] }];
    const only = run(repos, [rule({ repositoryPattern: "team/**", criterion: "latest_pushed", n: 5 })]);
    expect(Object.keys(only)).toEqual(["team/web"]);
    const ex = run(repos, [rule({ repositoryPattern: "team/**", repositoryMode: "exclude", tagPattern: "nothing" })]);
    expect(Object.keys(ex)).toEqual(["app"]);
    // A rule selecting no tags in a selected repository: everything tagged there goes.
    expect(ex.app!.deleted).toEqual(["a"]);
  });

  it("never deletes an artifact with an immutable tag, and says why", () => {
    const r = run([app(img("a", ["v1", "x"], 30), img("b", ["v2"], 1))], [rule({ n: 1 })], {
      immutable: (repo, tag) => (repo === "app" && tag === "v1" ? 'repositories "**", tags "v1"' : null),
    });
    expect(r.app!.kept).toEqual(["a", "b"]);
    expect(r.app!.v.retained.find((a) => a.digest === digest("a"))!.reasons).toEqual([
      'tag v1 is immutable (repositories "**", tags "v1")',
    ]);
  });

  it("untagged manifests are candidates only of rules that include them", () => {
    const repo = app(img("a", ["1"], 1), untagged("u", 40), untagged("w", 2));
    const without = run([repo], [rule({ criterion: "always" })]);
    expect(without.app!.deleted).toEqual([]);
    expect(without.app!.v.untouchedUntagged).toBe(2);
    const withU = run([repo], [rule({ includeUntagged: true, criterion: "pushed_within_days", n: 7 })]);
    expect(withU.app!.kept).toEqual(["a", "w"]);
    expect(withU.app!.deleted).toEqual(["u:untagged"]);
    // Not listable (external registry): none considered, none deleted.
    const unlisted = run([repo], [rule({ includeUntagged: true, criterion: "pushed_within_days", n: 7 })], {
      untaggedListed: false,
    });
    expect(unlisted.app!.deleted).toEqual([]);
  });

  it("children of a kept index are kept; of a deleted index deleted with it unless a kept manifest references them", () => {
    // i1 (old) and i2 (new) are indexes; i1 → c1, s; i2 → c2, s. Keep the newest one.
    const repo = app(
      img("1", ["old"], 30, null, ["c", "s"]),
      img("2", ["new"], 1, null, ["d", "s"]),
      untagged("c", 30),
      untagged("d", 1),
      untagged("s", 30),
    );
    const r = run([repo], [rule({ n: 1, includeUntagged: true })]);
    expect(r.app!.kept).toEqual(["2"]);
    expect(r.app!.deleted).toEqual(["1", "c:child"]);
    // Children are never candidates of their own, even for rules including untagged.
    expect(r.app!.v.untouchedUntagged).toBe(0);
    // Unlisted untagged manifests: the children of a deleted index stay (an unseen index may use them).
    const unlisted = run([repo], [rule({ n: 1 })], { untaggedListed: false });
    expect(unlisted.app!.deleted).toEqual(["1"]);
  });

  it("a tagged manifest referenced by a kept index is kept", () => {
    const repo = app(img("i", ["multi"], 1, null, ["p"]), img("p", ["amd64-only"], 30));
    const r = run([repo], [rule({ tagPattern: "multi", criterion: "always" })]);
    expect(r.app!.kept).toEqual(["i", "p"]);
    expect(r.app!.deleted).toEqual([]);
    expect(r.app!.v.retained.find((a) => a.digest === digest("p"))!.reasons[0]).toMatch(/referenced by the kept index/);
  });

  it("a stored pattern that no longer compiles selects nothing", () => {
    expect(run([app(img("a", ["1"], 1))], [rule({ repositoryPattern: "broken-{" })])).toEqual({});
  });
});
