import { execFileSync } from "node:child_process";
import os from "node:os";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startConsoleInstance, type ConsoleInstance } from "@/tests/harness/console-instance";
import { createTestDatabase } from "@/tests/harness/test-database";
import { waitForRows } from "@/tests/helpers/db";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage } from "@/tests/helpers/oci-image";

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const f of cleanups.reverse()) await f().catch(() => undefined);
});

/** The web server the console spawned (scripts/web-server.ts), or null between a crash and its restart. */
function webServerPid(instance: ConsoleInstance): number | null {
  try {
    const out = execFileSync("pgrep", ["-P", String(instance.child.pid), "-f", "web-server.ts"], { encoding: "utf8" });
    return Number(out.trim().split("\n")[0]) || null;
  } catch {
    return null; // pgrep exits 1 when nothing matches
  }
}

/** Processes whose command line mentions the instance's data dir (its registry's config path). */
function processesOf(instance: ConsoleInstance): string[] {
  try {
    return execFileSync("pgrep", ["-af", instance.dataDir], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
  } catch {
    return [];
  }
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const TAGS_OF = `select t.name from repository_tags t join repositories r on r.id = t.repository_id
  join namespaces n on n.id = r.namespace_id where n.name || '/' || r.name = $1 order by t.name`;

async function startWithOwnDatabase(prefix: string) {
  const database = await createTestDatabase(prefix);
  cleanups.push(() => database.drop());
  const instance = await startConsoleInstance({ databaseUrl: database.url });
  cleanups.push(() => instance.stop());
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  cleanups.push(() => db.end());
  return { database, instance, db };
}

describe("an unclean stop of the web server", () => {
  it("is restarted, and reconciles the repositories touched since the last clean stop before it is ready", async () => {
    const { database, instance, db } = await startWithOwnDatabase("rcp_unclean");
    const { username, password } = instance.admin;
    const push = async (repository: string, tag: string) => {
      const image = await buildImage({ layers: [{ files: { "f.txt": `${repository}:${tag}` } }] });
      await pushImage(image, { registry: instance.registryHost, repository, tag, username, password });
    };
    const tagsOf = async (repository: string) => (await db.query<{ name: string }>(TAGS_OF, [repository])).rows;

    // Two repositories pushed through the front door: each is on the web server's run before the
    // registry saw the push.
    const crashed = `${username}/${uniqueName("crashed")}`;
    const elsewhere = `${username}/${uniqueName("elsewhere")}`;
    await push(crashed, "v1");
    await push(elsewhere, "v1");
    for (const repository of [crashed, elsewhere])
      await waitForRows(database.url, TAGS_OF, [repository], (rows) => rows.length === 1);
    const firstPid = webServerPid(instance);
    expect(firstPid).toBeGreaterThan(0);
    const {
      rows: [run],
    } = await db.query<{ id: string; pid: number; hostname: string }>(
      `select r.id, r.pid, r.hostname from console_runs r join console_run_repositories t on t.run_id = r.id
        where t.repository = $1`,
      [crashed],
    );
    expect(run).toMatchObject({ pid: firstPid, hostname: os.hostname() });

    // Index writes that never happened (the event was lost with the crash): the tags are in the
    // registry but not in the index.
    await db.query(
      `delete from repository_tags where repository_id in (select r.id from repositories r
        join namespaces n on n.id = r.namespace_id where n.name || '/' || r.name = any($1))`,
      [[crashed, elsewhere]],
    );
    // Other runs as the next start finds them: one on another host that stopped heartbeating a
    // while ago (dead, whatever its pid), which had touched `elsewhere`; one on another host still
    // heartbeating and one on this host whose process lives (this test's): both left alone.
    // `elsewhere` is left only on that run's list, so only the heartbeat rule can bring it back.
    await db.query("delete from console_run_repositories where run_id = $1 and repository = $2", [run!.id, elsewhere]);
    const {
      rows: [deadElsewhere],
    } = await db.query<{ id: string }>(
      `insert into console_runs (hostname, pid, heartbeat_at) values ('unclean-test-dead', 1, now() - interval '2 minutes')
        returning id`,
    );
    await db.query("insert into console_run_repositories (run_id, repository) values ($1, $2)", [
      deadElsewhere!.id,
      elsewhere,
    ]);
    const { rows: alive } = await db.query<{ id: string }>(
      `insert into console_runs (hostname, pid) values ('unclean-test-alive', 1), ($1, $2) returning id`,
      [os.hostname(), process.pid],
    );

    // The crash: the web server's run row stays behind, its pid gone.
    process.kill(firstPid!, "SIGKILL");
    await waitFor("web server restarted", () => instance.output().includes("[console] web server restarted"));
    expect((await fetch(`${instance.url}/api/health`)).status).toBe(200);
    const out = instance.output();
    expect(out).toContain("[console] the web server exited unexpectedly (SIGKILL); restarting");

    // Reconciled before it answered: the tags are back, by the unclean-stop reconcile.
    expect(await tagsOf(crashed)).toEqual([{ name: "v1" }]);
    expect(await tagsOf(elsewhere)).toEqual([{ name: "v1" }]);
    const { rows: reconciled } = await db.query<{ scope: string; status: string; tags_added: number }>(
      "select scope, status, tags_added from index_reconciliations where reason = 'unclean-stop' order by scope",
    );
    const [first, second] = [crashed, elsewhere].sort();
    expect(reconciled).toEqual([
      { scope: first, status: "succeeded", tags_added: 1 },
      { scope: second, status: "succeeded", tags_added: 1 },
    ]);
    expect(out).toContain("[web] unclean stop detected: reconciling 2 repositories touched since the last clean stop");
    expect(out).toContain(`[web] (1/2) ${first}: +1 ~0 -0`);
    expect(out).toContain(`[web] (2/2) ${second}: +1 ~0 -0`);
    // The progress lines come before the restarted server listens.
    expect(out.lastIndexOf("[web] (2/2)")).toBeLessThan(out.lastIndexOf("[web] listening on"));

    // The dead runs are gone with their lists; the live ones and the new run remain.
    const secondPid = webServerPid(instance);
    expect(secondPid).not.toBe(firstPid);
    const { rows: runs } = await db.query<{ id: string; pid: number }>("select id, pid from console_runs");
    expect(runs.map((r) => r.id).sort()).toEqual(
      [...alive.map((r) => r.id), runs.find((r) => r.pid === secondPid)!.id].sort(),
    );
    expect(
      (await db.query("select 1 from console_run_repositories where run_id = any($1)", [[run!.id, deadElsewhere!.id]]))
        .rowCount,
    ).toBe(0);

    // The new run records its own writes.
    await push(crashed, "v2");
    const { rows: touched } = await db.query<{ pid: number }>(
      `select r.pid from console_run_repositories t join console_runs r on r.id = t.run_id where t.repository = $1`,
      [crashed],
    );
    expect(touched).toEqual([{ pid: secondPid }]);

    // A clean stop stops the restarted web server and leaves no run of it behind.
    await db.query("delete from console_runs where id = any($1)", [alive.map((r) => r.id)]);
    expect(await instance.stop()).toBe(0);
    expect((await db.query("select id, hostname, pid from console_runs")).rows).toEqual([]);
    expect(processesOf(instance)).toEqual([]);
  }, 240_000);

  it("stops the whole console when the web server crashes more than 5 times in a minute", async () => {
    const { instance } = await startWithOwnDatabase("rcp_crashloop");
    const exited = new Promise<number | null>((resolve) => instance.child.once("exit", (code) => resolve(code)));
    let killed = 0;
    let last: number | null = null;
    // Each restart comes 500 ms after the crash; it is killed as soon as it appears.
    while (killed < 10) {
      const previous = last;
      let next: number | null = null;
      await waitFor("a new web server", () => {
        next = instance.child.exitCode === null ? webServerPid(instance) : null;
        return (next !== null && next !== previous) || instance.child.exitCode !== null;
      });
      const pid = next as number | null;
      if (pid === null) break;
      process.kill(pid, "SIGKILL");
      last = pid;
      killed += 1;
    }
    expect(await exited).toBe(1);
    expect(killed).toBe(6);
    expect(instance.output()).toContain("[console] the web server crashed more than 5 times in a minute: stopping");
    expect(processesOf(instance)).toEqual([]);
  }, 180_000);
});
