import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDeletionImpacts } from "@/lib/data/storage";
import { getRegistryClient } from "@/lib/registry";
import { openApiClient } from "@/tests/helpers/api";
import { apiUser, orgWithMember, type ApiUser } from "@/tests/helpers/api-fixtures";
import { buildImage, buildMultiPlatformImage, pushImage, uniqueImage } from "@/tests/helpers/oci-image";
import { startDockerDaemon, type DockerDaemon } from "@/tests/harness/docker-daemon";

// Tag retention: the policy over /api/v1 (who, bad input), and the done-when test: real pushes
// (skopeo and docker) with known push and pull times, a dry run, then a real run that deletes
// exactly what the dry run listed and frees the bytes it predicted (storage figures after the
// roll-up), with what the registry still serves, audit entries and tag_deleted webhooks.
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
let api: Awaited<ReturnType<typeof openApiClient>>;
let owner: ApiUser, member: ApiUser, stranger: ApiUser;
let org: string;

beforeAll(async () => {
  api = await openApiClient(c.url);
  [owner, member, stranger] = await Promise.all([apiUser("rto"), apiUser("rtm"), apiUser("rtx")]);
  org = await orgWithMember(api, owner, member, "rtorg");
});
afterAll(() => db.end());

const rule = (over: Record<string, unknown> = {}) => ({
  repository_pattern: "**",
  tag_pattern: "**",
  criterion: "latest_pushed",
  n: 5,
  ...over,
});
const putPolicy = (namespace: string, token: string, body: Record<string, unknown>) =>
  api.call("replaceRetentionPolicy", token, { params: { namespace }, body });

type Run = {
  id: string;
  status: string;
  bytes_freed: number;
  deleted: number;
  retained: number;
  untagged_listed: boolean | null;
  results: Array<{
    repository: string;
    bytes_freed: number;
    retained: Array<{ digest: string; tags: string[]; reasons?: string[] }>;
    deleted: Array<{ digest: string; tags: string[]; kind?: string }>;
  }>;
};

async function finished(namespace: string, token: string, id: string): Promise<Run> {
  let run: Run | null = null;
  await expect
    .poll(
      async () => {
        run = (await api.call("getRetentionRun", token, { params: { namespace, id } })).body as Run;
        return run.status;
      },
      { timeout: 60_000, interval: 200 },
    )
    .toMatch(/succeeded|failed/);
  return run!;
}

describe("the policy over /api/v1", () => {
  it("owners and operators manage it; a member is told no, others see nothing", async () => {
    const empty = await api.call("getRetentionPolicy", owner.tokens.read, { params: { namespace: org } });
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ rules: [], schedule: { kind: "none", cron: null }, untagged_listable: true });

    const saved = await putPolicy(org, owner.tokens.read_write, {
      rules: [rule(), rule({ tag_pattern: "v*", tag_mode: "exclude", criterion: "always", include_untagged: true })],
      schedule: { kind: "cron", cron: "0 3 * * *" },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.rules).toHaveLength(2);
    expect(saved.body.rules[1]).toMatchObject({
      tag_mode: "exclude",
      criterion: "always",
      n: null,
      include_untagged: true,
    });
    expect(saved.body.schedule).toEqual({ kind: "cron", cron: "0 3 * * *" });
    expect(new Date(saved.body.next_run_at).getUTCHours()).toBe(3);

    for (const op of ["getRetentionPolicy", "listRetentionRuns"] as const) {
      expect((await api.call(op, member.tokens.read, { params: { namespace: org } })).status, op).toBe(403);
      for (const ns of [org, owner.username])
        expect((await api.call(op, stranger.tokens.read, { params: { namespace: ns } })).status, op).toBe(404);
    }
    expect((await putPolicy(org, member.tokens.read_write, { rules: [] })).status).toBe(403);
    const byMember = await api.call("startRetentionRun", member.tokens.read_write, {
      params: { namespace: org },
      body: { dry_run: true },
    });
    expect(byMember.status).toBe(403);
    const { rows } = await db.query<{ n: number }>(
      "select count(*)::int as n from audit_events where action = 'retention_policy_updated' and target = $1",
      [org],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it("a pattern that cannot compile, N ≤ 0, a 16th rule or a schedule that cannot be parsed is a field error, and nothing is saved", async () => {
    const before = (await api.call("getRetentionPolicy", owner.tokens.read, { params: { namespace: org } })).body;
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ rules: [rule({ tag_pattern: "release-{1,2" })] }, "rules.0.tag_pattern", /Unbalanced "\{"/],
      [{ rules: [rule(), rule({ repository_pattern: " " })] }, "rules.1.repository_pattern", /Enter a pattern/],
      [{ rules: [rule({ n: 0 })] }, "rules.0.n", /whole number from 1/],
      [{ rules: [rule({ criterion: "pushed_within_days", n: -3 })] }, "rules.0.n", /whole number from 1/],
      [{ rules: [rule({ n: 2.5 })] }, "rules.0.n", /whole number from 1/],
      [{ rules: [rule({ n: null })] }, "rules.0.n", /whole number from 1/],
      [{ rules: [rule({ criterion: "keep_forever" })] }, "rules.0.criterion", /Choose what the rule keeps/],
      [{ rules: Array.from({ length: 16 }, (_, i) => rule({ tag_pattern: `r${i}-*` })) }, "rules", /at most 15 rules/],
      [
        { rules: [rule()], schedule: { kind: "cron", cron: "61 * * * *" } },
        "schedule.cron",
        /minute 61 is out of range/,
      ],
      [{ rules: [rule()], schedule: { kind: "cron", cron: "every day" } }, "schedule.cron", /five fields/],
      [{ rules: [rule()], schedule: { kind: "monthly" } }, "schedule.kind", /./],
    ];
    for (const [body, field, message] of cases) {
      const res = await putPolicy(org, owner.tokens.read_write, body);
      expect([res.status, res.body.error.code], field).toEqual([400, "VALIDATION_FAILED"]);
      expect(res.body.error.details.fieldErrors[field]?.[0], JSON.stringify(res.body.error.details)).toMatch(message);
    }
    const after = (await api.call("getRetentionPolicy", owner.tokens.read, { params: { namespace: org } })).body;
    expect(after).toEqual(before);
  });

  it("runs: a real run needs a delete token; one run at a time per namespace; runs are listed newest first", async () => {
    const real = await api.call("startRetentionRun", owner.tokens.read_write, {
      params: { namespace: org },
      body: { dry_run: false },
    });
    expect([real.status, real.body.error.code]).toEqual([403, "INSUFFICIENT_SCOPE"]);
    // Another run still running (as another console would hold it): refused.
    const { rows } = await db.query<{ id: string }>(
      `insert into retention_runs (namespace_id, dry_run, status, trigger, rules)
       values ((select id from namespaces where name = $1), true, 'running', 'manual', '[]') returning id`,
      [org],
    );
    const busy = await api.call("startRetentionRun", owner.tokens.read_write, {
      params: { namespace: org },
      body: { dry_run: true },
    });
    expect([busy.status, busy.body.error.code]).toEqual([409, "CONFLICT"]);
    await db.query("update retention_runs set status = 'failed' where id = $1", [rows[0]!.id]);
    const started = await api.call("startRetentionRun", owner.tokens.read_write, {
      params: { namespace: org },
      body: {},
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ dry_run: true, trigger: "manual", triggered_by: owner.username });
    const run = await finished(org, owner.tokens.read, started.body.id);
    expect(run).toMatchObject({ status: "succeeded", deleted: 0, bytes_freed: 0, untagged_listed: true, results: [] });
    const list = await api.call("listRetentionRuns", owner.tokens.read, { params: { namespace: org } });
    expect(list.body.results.map((r: { id: string }) => r.id)).toEqual([started.body.id, rows[0]!.id]);
    expect(list.body.count).toBe(2);
  });
});

describe("schedules", () => {
  it("a due slot starts exactly one run, however many consoles claim it at once, and moves to the next slot", async () => {
    const { startDueRetentionRuns } = await import("@/lib/services/retention-run/start-scheduled");
    const nsId = "(select id from namespaces where name = $1)";
    await db.query(
      `update retention_policies set next_run_at = now() - interval '1 minute' where namespace_id = ${nsId}`,
      [org],
    );
    // Three consoles at once (and this console's own loop may be a fourth).
    await Promise.all([startDueRetentionRuns(), startDueRetentionRuns(), startDueRetentionRuns()]);
    const { rows } = await db.query<{ id: string; dry_run: boolean; scheduled_for: Date }>(
      `select id, dry_run, scheduled_for from retention_runs where namespace_id = ${nsId} and trigger = 'schedule'`,
      [org],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.dry_run).toBe(false);
    const policy = await api.call("getRetentionPolicy", owner.tokens.read, { params: { namespace: org } });
    const next = new Date(policy.body.next_run_at);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([3, 0]);
    const run = await finished(org, owner.tokens.read, rows[0]!.id);
    expect(run).toMatchObject({ status: "succeeded", trigger: "schedule", triggered_by: null });
    const audit = await db.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'retention_run_started' and metadata->>'runId' = $1`,
      [rows[0]!.id],
    );
    expect(audit.rows[0]!.n).toBe(1);
  });
});

describe("done when: retention keeps exactly what its rules say and frees what the dry run predicted", () => {
  let d: DockerDaemon;
  beforeAll(async () => {
    d = await startDockerDaemon();
  }, 60_000);
  afterAll(async () => {
    await d?.stop();
  });

  it(
    "with skopeo and docker pushes, known push and pull times, an immutable tag, an untagged manifest and indexes",
    { timeout: 300_000 },
    async () => {
      const ns = owner.username;
      const repo = `${ns}/app`;
      const target = (repository: string, tag: string) => ({
        registry: c.registryHost,
        repository,
        tag,
        username: owner.username,
        password: owner.password,
      });
      const seed = crypto.randomBytes(4).toString("hex");
      const [v1, b, cc, dd, e, u, f, other] = await Promise.all(
        ["v1", "b", "c", "d", "e", "u", "f", "other"].map((s) => uniqueImage(`${seed} ${s}`)),
      );
      const index = (name: string) =>
        buildMultiPlatformImage({
          platforms: ["amd64", "arm64"].map((architecture) => ({
            platform: { os: "linux", architecture },
            layers: [
              { files: { "p.txt": `${seed} ${name} ${architecture} ${crypto.randomBytes(64).toString("hex")}` } },
            ],
          })),
        });
      const [multi, multiOld] = await Promise.all([index("multi"), index("multi-old")]);
      expect(
        (
          await api.call("createImmutableTagRule", owner.tokens.read_write, {
            params: { namespace: ns },
            body: { repository_pattern: "app", tag_pattern: "v1.*" },
          })
        ).status,
      ).toBe(201);
      await pushImage(v1!, target(repo, "v1.0"));
      await pushImage(b!, target(repo, "b1"));
      await pushImage(cc!, target(repo, "c1"));
      await pushImage(dd!, target(repo, "d1"));
      await pushImage(dd!, target(repo, "d1-alias"));
      await pushImage(e!, target(repo, "e1"));
      // u becomes untagged when f takes its tag.
      await pushImage(u!, target(repo, "tmp"));
      await pushImage(f!, target(repo, "tmp"));
      await pushImage(multi, target(repo, "multi"));
      await pushImage(multiOld, target(repo, "multi-old"));
      await pushImage(other!, target(`${ns}/keep-me`, "old"));
      // And one docker push.
      const login = await d.docker(["login", c.registryHost, "-u", owner.username, "--password-stdin"], {
        input: owner.tokens.read_write,
      });
      expect(login.stdout + login.stderr).toContain("Login Succeeded");
      await d.docker(["tag", await d.ensureBaseImage(), `${c.registryHost}/${repo}:docker1`]);
      const pushed = await d.docker(["push", `${c.registryHost}/${repo}:docker1`]);
      expect(pushed.code, pushed.stderr).toBe(0);
      const docker1 = (await getRegistryClient().headManifest(repo, "docker1"))!.digest;

      // A webhook on the repository, to see the tag_deleted deliveries.
      const hook = await api.call("createWebhook", owner.tokens.read_write, {
        params: { namespace: ns, name: "app" },
        body: { name: "gone", url: "http://93.184.215.14/hooks/r", trigger: { type: "all" }, events: ["tag_deleted"] },
      });
      expect(hook.status).toBe(201);

      // Every tag indexed and described, then known push and pull times.
      const tags = ["v1.0", "b1", "c1", "d1", "d1-alias", "e1", "tmp", "multi", "multi-old", "docker1"];
      await expect
        .poll(
          async () =>
            (
              await db.query<{ name: string; digest: string }>(
                `select t.name, t.digest from repository_tags t join repositories r on r.id = t.repository_id
               join namespaces n on n.id = r.namespace_id where n.name = $1 and r.name = 'app' order by t.name`,
                [ns],
              )
            ).rows.map((r) => `${r.name}@${r.digest}`),
          { timeout: 30_000, interval: 200 },
        )
        .toEqual(
          [...tags].sort().map((t) => {
            const digest = {
              "v1.0": v1!.manifestDigest,
              b1: b!.manifestDigest,
              c1: cc!.manifestDigest,
              d1: dd!.manifestDigest,
              "d1-alias": dd!.manifestDigest,
              e1: e!.manifestDigest,
              tmp: f!.manifestDigest,
              multi: multi.indexDigest,
              "multi-old": multiOld.indexDigest,
              docker1,
            }[t];
            return `${t}@${digest}`;
          }),
        );
      const daysAgo: Record<string, [number, number | null]> = {
        multi: [1, null],
        docker1: [2, null],
        b1: [10, null],
        c1: [20, 1],
        d1: [30, null],
        "d1-alias": [31, 40],
        e1: [40, 9],
        "multi-old": [45, null],
        "v1.0": [50, null],
        tmp: [60, null],
      };
      for (const [tag, [pushedDays, pulledDays]] of Object.entries(daysAgo))
        await db.query(
          `update repository_tags set pushed_at = now() - make_interval(days => $3),
           last_pulled_at = case when $4::int is null then null else now() - make_interval(days => $4::int) end
         where repository_id = (select r.id from repositories r join namespaces n on n.id = r.namespace_id
           where n.name = $1 and r.name = 'app') and name = $2`,
          [ns, tag, pushedDays, pulledDays],
        );
      const storage = async () =>
        (await api.call("getNamespaceStorage", owner.tokens.read, { params: { namespace: ns } })).body as {
          unique_bytes: number;
          calculating: boolean;
        };
      await expect.poll(async () => (await storage()).calculating, { timeout: 30_000 }).toBe(false);
      const before = (await storage()).unique_bytes;

      // Rules: the 2 most recently pushed; c* pulled within 7 days; untagged ones pulled within a day (none).
      expect(
        (
          await putPolicy(ns, owner.tokens.read_write, {
            rules: [
              rule({ repository_pattern: "app", criterion: "latest_pushed", n: 2 }),
              rule({ repository_pattern: "app", tag_pattern: "c*", criterion: "pulled_within_days", n: 7 }),
              rule({
                repository_pattern: "app",
                tag_pattern: "no-tag-matches",
                include_untagged: true,
                criterion: "pulled_within_days",
                n: 1,
              }),
            ],
          })
        ).status,
      ).toBe(200);
      const start = async (dry: boolean) => {
        const res = await api.call("startRetentionRun", owner.tokens.read_write_delete, {
          params: { namespace: ns },
          body: { dry_run: dry },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(202);
        return finished(ns, owner.tokens.read, res.body.id);
      };
      const dry = await start(true);
      expect(dry.status).toBe("succeeded");
      // Only "app": no rule selects keep-me.
      expect(dry.results.map((r) => r.repository)).toEqual(["app"]);
      const [app] = dry.results;
      const kept = Object.fromEntries(app!.retained.map((a) => [a.tags.join(","), a.reasons!.join("; ")]));
      expect(Object.keys(kept).sort()).toEqual(["c1", "docker1", "multi", "v1.0"]);
      expect(kept["v1.0"]).toMatch(/^tag v1.0 is immutable/);
      expect(kept["c1"]).toBe("rule 2: keep those pulled within 7 days");
      expect(kept["multi"]).toBe("rule 1: keep the 2 most recently pushed");
      const deleted = app!.deleted.map((a) => `${a.kind}:${a.tags.join(",") || a.digest}`).sort();
      expect(deleted).toEqual(
        [
          "tagged:b1",
          "tagged:d1,d1-alias",
          "tagged:e1",
          "tagged:multi-old",
          "tagged:tmp",
          `untagged:${u!.manifestDigest}`,
          ...multiOld.images.map((i) => `child:${i.manifestDigest}`),
        ].sort(),
      );
      expect(dry.bytes_freed).toBeGreaterThan(0);
      expect(dry.bytes_freed).toBe(app!.bytes_freed);
      // A dry run deletes nothing.
      expect((await getRegistryClient().headManifest(repo, "b1"))?.digest).toBe(b!.manifestDigest);
      expect((await storage()).unique_bytes).toBe(before);

      const real = await start(false);
      expect(real.status).toBe("succeeded");
      const byDigest = (list: Array<{ digest: string }>) => [...list].sort((x, y) => x.digest.localeCompare(y.digest));
      expect(byDigest(real.results[0]!.deleted)).toEqual(byDigest(app!.deleted));
      expect(real.bytes_freed).toBe(dry.bytes_freed);
      // The registry serves exactly what was kept.
      const client = getRegistryClient();
      for (const t of ["v1.0", "c1", "multi", "docker1"]) expect(await client.headManifest(repo, t), t).not.toBeNull();
      for (const t of ["b1", "d1", "d1-alias", "e1", "tmp", "multi-old"])
        expect(await client.headManifest(repo, t), t).toBeNull();
      for (const digest of [u!.manifestDigest, ...multiOld.images.map((i) => i.manifestDigest)])
        expect(await client.headManifest(repo, digest), digest).toBeNull();
      for (const i of multi.images) expect(await client.headManifest(repo, i.manifestDigest)).not.toBeNull();
      expect(await client.headManifest(`${ns}/keep-me`, "old")).not.toBeNull();
      // The storage figures drop by what the dry run predicted, once the roll-up has counted the deletions.
      await expect
        .poll(
          async () => {
            const s = await storage();
            return s.calculating ? "calculating" : before - s.unique_bytes;
          },
          { timeout: 30_000, interval: 200 },
        )
        .toBe(dry.bytes_freed);
      // Audit entries name the run; tag_deleted webhooks for every tag that went.
      const audit = await db.query<{ target: string; actor_name: string }>(
        `select target, actor_name from audit_events where action = 'tags_deleted' and metadata->>'retentionRun' = $1`,
        [real.id],
      );
      expect(audit.rows).toHaveLength(1);
      expect(audit.rows[0]!.actor_name).toBe(owner.username);
      const hooks = await db.query<{ tag: string }>(
        "select tag from webhook_deliveries where webhook_id = $1 and event = 'tag_deleted'",
        [hook.body.id],
      );
      expect(hooks.rows.map((r) => r.tag).sort()).toEqual(["b1", "d1", "d1-alias", "e1", "multi-old", "tmp"]);
    },
  );
});

describe("bytes freed across repositories", () => {
  it(
    "a layer only two cleaned repositories share is freed once, and the run's total counts it",
    { timeout: 180_000 },
    async () => {
      const ns = stranger.username;
      const seed = crypto.randomBytes(6).toString("hex");
      const shared = { files: { "shared.bin": `${seed} shared ${crypto.randomBytes(4096).toString("hex")}` } };
      const own = (s: string) => ({ files: { "own.txt": `${seed} ${s}` } });
      const [one, two, keep] = await Promise.all([
        buildImage({ layers: [shared, own("one")] }),
        buildImage({ layers: [shared, own("two")] }),
        uniqueImage(`${seed} keep`),
      ]);
      const target = (repository: string, tag: string) => ({
        registry: c.registryHost,
        repository: `${ns}/${repository}`,
        tag,
        username: stranger.username,
        password: stranger.password,
      });
      await pushImage(one, target("one", "old"));
      await pushImage(two, target("two", "old"));
      await pushImage(keep, target("two", "keep"));
      const storage = async () =>
        (await api.call("getNamespaceStorage", stranger.tokens.read, { params: { namespace: ns } })).body as {
          unique_bytes: number;
          calculating: boolean;
        };
      await expect.poll(async () => (await storage()).calculating, { timeout: 30_000 }).toBe(false);
      const before = (await storage()).unique_bytes;
      expect(
        (
          await putPolicy(ns, stranger.tokens.read_write, {
            rules: [rule({ tag_pattern: "keep", criterion: "always", n: null })],
          })
        ).status,
      ).toBe(200);

      // The two plans of the impact query (unnest, and the analyzed scratch table a retention run
      // of thousands of tags takes) give the same figures.
      const { rows: repos } = await db.query<{ id: string; namespace_id: string }>(
        "select r.id, r.namespace_id from repositories r join namespaces n on n.id = r.namespace_id where n.name = $1",
        [ns],
      );
      const selection = repos.map((r) => ({ repositoryId: r.id, tags: ["old"] }));
      const [viaUnnest, viaScratch] = await Promise.all([
        getDeletionImpacts(repos[0]!.namespace_id, selection, false),
        getDeletionImpacts(repos[0]!.namespace_id, selection, true),
      ]);
      expect([...viaScratch.entries()].sort()).toEqual([...viaUnnest.entries()].sort());
      expect(viaScratch.namespaceTotal).toBe(viaUnnest.namespaceTotal);
      expect(viaUnnest.namespaceTotal).toBeGreaterThan(
        [...viaUnnest.values()].reduce((n, i) => n + i.namespaceBytes, 0),
      );

      const start = await api.call("startRetentionRun", stranger.tokens.read_write_delete, {
        params: { namespace: ns },
        body: { dry_run: false },
      });
      expect(start.status).toBe(202);
      const run = await finished(ns, stranger.tokens.read, start.body.id);
      expect(run.status).toBe("succeeded");
      // Each repository alone still sees the other holding the shared layer: neither counts it.
      const perRepository = run.results.reduce((n, r) => n + r.bytes_freed, 0);
      const sharedSize = one.layers[0]!.size;
      expect(run.bytes_freed).toBe(perRepository + sharedSize);
      await expect
        .poll(
          async () => {
            const s = await storage();
            return s.calculating ? "calculating" : before - s.unique_bytes;
          },
          { timeout: 30_000 },
        )
        .toBe(run.bytes_freed);
    },
  );
});
