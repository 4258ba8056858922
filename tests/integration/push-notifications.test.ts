import crypto from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { NOTIFICATION_KINDS } from "@/db/schema/notifications";
import { markAllNotificationsRead } from "@/lib/services/notification/mark-all-read";
import { setNotificationPreferences } from "@/lib/services/notification/set-preferences";
import { createRepository } from "@/lib/services/repository/create";
import { createUser } from "@/lib/services/user/create";
import { uniqueName } from "@/tests/helpers/factory";
import { sessionCookie } from "@/tests/helpers/session";

/**
 * Push notifications from the registry's event envelopes, posted to the real endpoint as the
 * registry posts them: pushes to one repository by one actor gather into one notification (its
 * count and title grow), also when envelopes arrive at the same time; your own pushes stay quiet
 * unless you ask for them.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

async function ownerWithRepository(name = "load") {
  const username = uniqueName("pn");
  const user = await createUser({ username, email: `${username}@example.test`, password: `pw-${username}-x` });
  await createRepository(
    { kind: "user", userId: user.id, isAdmin: false },
    { namespace: username, name, description: "", visibility: "private" },
  );
  return { ...user, username, repository: `${username}/${name}` };
}

/** One envelope of manifest pushes, each a tag, as the registry sends them. */
function pushEnvelope(repository: string, actor: string, tags: string[]) {
  return {
    events: tags.map((tag) => ({
      id: crypto.randomUUID(),
      timestamp: new Date().toISOString(),
      action: "push",
      target: {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        size: 400,
        digest: `sha256:${crypto.createHash("sha256").update(tag).digest("hex")}`,
        length: 400,
        repository,
        url: "http://x",
        tag,
      },
      request: { id: "r", addr: "127.0.0.1:1", host: "h", method: "PUT", useragent: "docker/28.2.2" },
      actor: { name: actor },
      source: { addr: "a", instanceID: "i" },
    })),
  };
}

async function post(body: unknown): Promise<void> {
  const res = await fetch(new URL("/api/registry/events", c.url), {
    method: "POST",
    headers: {
      Authorization: `Bearer ${c.eventsSecret}`,
      "Content-Type": "application/vnd.docker.distribution.events.v1+json",
    },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.text()).toBe(200);
}

const pushNotifications = async (userId: string) =>
  (
    await db.query<{ kind: string; title: string; body: string; link: string; group_count: number; read: boolean }>(
      `select kind, title, body, link, group_count, read_at is not null as read from notifications
       where user_id = $1 and kind in ('repository_push', 'own_push') order by created_at, title`,
      [userId],
    )
  ).rows;

describe("push notifications", () => {
  it("60 envelopes of one tag each, pushed by one actor, are one notification that counts them; a replay adds nothing", async () => {
    const o = await ownerWithRepository();
    const first = pushEnvelope(o.repository, "ci-bot", ["t0"]);
    await post(first);
    expect(await pushNotifications(o.id)).toMatchObject([
      { title: `${o.repository}:t0 was pushed`, link: `/r/${o.repository}/tags/t0`, group_count: 1 },
    ]);
    for (let i = 1; i < 60; i++) await post(pushEnvelope(o.repository, "ci-bot", [`t${i}`]));
    await post(first);
    await post(pushEnvelope(o.repository, "ci-bot", ["t59"])); // the same tag again: no new name
    const rows = await pushNotifications(o.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "repository_push",
      title: `60 tags pushed to ${o.repository}`,
      link: `/r/${o.repository}/tags`,
      group_count: 60,
      read: false,
    });
    expect(rows[0]!.body).toBe(
      `t59, t58, t57, t56, t55, t54, t53, t52, t51, t50 and 50 more were pushed to ${o.repository} by ci-bot.`,
    );
  });

  it("envelopes arriving at once still make one notification per actor, with an exact count", async () => {
    const o = await ownerWithRepository();
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => post(pushEnvelope(o.repository, "ci-bot", [`a${i}`, `b${i}`]))),
      ...Array.from({ length: 10 }, (_, i) => post(pushEnvelope(o.repository, "release-bot", [`r${i}`]))),
    ]);
    const rows = await pushNotifications(o.id);
    expect(rows.map((r) => r.title).sort()).toEqual([
      `10 tags pushed to ${o.repository}`,
      `80 tags pushed to ${o.repository}`,
    ]);
    expect(rows.find((r) => r.group_count === 80)!.body).toMatch(/ by ci-bot\.$/);
    expect(rows.find((r) => r.group_count === 10)!.body).toMatch(/ by release-bot\.$/);
  });

  it("a group that was read is closed: the next push starts a new notification", async () => {
    const o = await ownerWithRepository();
    await post(pushEnvelope(o.repository, "ci-bot", ["1.0", "1.1"]));
    await markAllNotificationsRead(o.id);
    await post(pushEnvelope(o.repository, "ci-bot", ["1.2"]));
    expect(await pushNotifications(o.id)).toMatchObject([
      { title: `2 tags pushed to ${o.repository}`, read: true },
      { title: `${o.repository}:1.2 was pushed`, read: false },
    ]);
  });

  it("your own pushes do not notify you by default (as on Docker Hub); turned on in settings, they are grouped too", async () => {
    const o = await ownerWithRepository();
    await post(pushEnvelope(o.repository, o.username, ["mine"]));
    expect(await pushNotifications(o.id)).toEqual([]);
    await setNotificationPreferences(o.id, { email: [], inApp: [...NOTIFICATION_KINDS] });
    await Promise.all([1, 2, 3].map((i) => post(pushEnvelope(o.repository, o.username, [`v${i}`]))));
    expect(await pushNotifications(o.id)).toMatchObject([
      { kind: "own_push", title: `3 tags pushed to ${o.repository}`, group_count: 3 },
    ]);
  });

  it("the bell's dropdown reads the latest, newest first, with the unread count (GET /api/notifications/recent); 401 signed out", async () => {
    const o = await ownerWithRepository();
    // Signing in first: its own notice (a new sign-in) is the oldest item.
    const cookie = await sessionCookie(c.url, o.id);
    await post(pushEnvelope(o.repository, "ci-bot", ["one"]));
    await post(pushEnvelope(o.repository, "other-bot", ["x", "y"]));
    const signedOut = await fetch(`${c.url}/api/notifications/recent`);
    expect(signedOut.status).toBe(401);
    const res = await fetch(`${c.url}/api/notifications/recent`, {
      headers: { Cookie: cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { unread: number; items: Array<{ title: string; unread: boolean }> };
    expect(body.unread).toBe(body.items.length);
    expect(body.items.map((i) => i.title).slice(0, 2)).toEqual([
      `2 tags pushed to ${o.repository}`,
      `${o.repository}:one was pushed`,
    ]);
    expect(body.items.every((i) => i.unread)).toBe(true);
  });
});
