import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import type { ProvidedConsole } from "@/tests/harness/global-setup";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { createOrganization } from "@/lib/services/organization/create";
import { createRepository } from "@/lib/services/repository/create";
import { addTeamMember } from "@/lib/services/team/add-member";
import { createTeam } from "@/lib/services/team/create";
import { setTeamRepositoryPermission } from "@/lib/services/team/set-repository-permission";
import { joinOrganization, newUser, type TestUser } from "./accounts";
import { uniqueName } from "./factory";
import { sessionCookie } from "./session";

/**
 * The people of the server-action matrix and the organization they act on. The users are made
 * once per file; each world is a new organization (so an allowed delete or leave in one case
 * cannot change the next), with `pub` and `priv` repositories and three teams granting
 * Read-only, Read & Write and Admin on both.
 */
// "signed out admin": a cookie of the team admin's from a session since ended (signed out, or ended
// by a password change, 2FA change or deactivation): it must act for nobody.
export const ORG_ACTORS = [
  "anonymous",
  "signed out admin",
  "outsider",
  "reader",
  "writer",
  "admin",
  "owner",
  "operator",
] as const;
export type OrgActor = (typeof ORG_ACTORS)[number];
export type Person = TestUser & { cookie: string };

export async function person(prefix: string): Promise<Person> {
  const u = await newUser(prefix);
  return { ...u, cookie: "" };
}

export async function signedIn(consoleUrl: string, u: TestUser): Promise<Person> {
  return { ...u, cookie: await sessionCookie(consoleUrl, u.id) };
}

/** A cookie of `u`'s whose session has ended (revoked as signing out does), while `u` stays active. */
export async function signedOut(consoleUrl: string, db: pg.Pool, u: TestUser): Promise<Person> {
  const p = await signedIn(consoleUrl, u);
  await db.query(
    "update sessions set revoked_at = now() where id = (select id from sessions where user_id = $1 order by created_at desc limit 1)",
    [u.id],
  );
  return p;
}

export type Cast = Record<Exclude<OrgActor, "anonymous">, Person>;

export async function makeCast(
  consoleUrl: string,
  db: pg.Pool,
  operator: { username: string; password: string },
): Promise<Cast> {
  const [outsider, reader, writer, admin, owner] = await Promise.all(["ax", "ar", "aw", "aa", "ao"].map(newUser));
  const op = (await db.query<{ id: string }>("select id from users where username = $1", [operator.username])).rows[0]!;
  const people = {
    outsider: outsider!,
    reader: reader!,
    writer: writer!,
    admin: admin!,
    owner: owner!,
    operator: { id: op.id, username: operator.username, password: operator.password, email: "" },
  };
  const cast = {} as Cast;
  for (const [k, u] of Object.entries(people)) cast[k as keyof Cast] = await signedIn(consoleUrl, u);
  cast["signed out admin"] = await signedOut(consoleUrl, db, admin!);
  return cast;
}

/**
 * What a server-action test file needs: a pool on the console's database and the cast, filled in
 * before its tests run (the object is filled, not replaced, so it can be destructured at once).
 * Webhook targets in the tables are loopback addresses, so the operator allows those.
 */
export function actionFixtures(c: ProvidedConsole): { db: pg.Pool; cast: Cast } {
  const f = { db: new pg.Pool({ connectionString: c.databaseUrl, max: 3 }), cast: {} as Cast };
  beforeAll(async () => {
    Object.assign(f.cast, await makeCast(c.url, f.db, c.admin));
    await updateSiteSetting(
      { kind: "user", userId: f.cast.operator.id, isAdmin: true },
      "webhooks.allow_private_targets",
      true,
    );
  });
  afterAll(() => f.db.end());
  return f;
}

export type World = { org: string; teams: { readers: string; writers: string; admins: string } };

export async function makeWorld(cast: Cast): Promise<World> {
  const org = uniqueName("aorg");
  const owner = cast.owner;
  await createOrganization(owner.id, { name: org, displayName: "" });
  const ownerActor = { kind: "user" as const, userId: owner.id, isAdmin: false };
  for (const [name, visibility] of [
    ["pub", "public"],
    ["priv", "private"],
  ] as const)
    await createRepository(ownerActor, { namespace: org, name, description: "", visibility });
  for (const u of [cast.reader, cast.writer, cast.admin]) await joinOrganization(org, owner, u);
  const teams = {} as World["teams"];
  for (const [name, u, permission] of [
    ["readers", cast.reader, "read"],
    ["writers", cast.writer, "write"],
    ["admins", cast.admin, "admin"],
  ] as const) {
    const team = await createTeam({ org, actorId: owner.id, name, description: "" });
    await addTeamMember({ org, actorId: owner.id, teamId: team.id, username: u.username });
    for (const repository of ["pub", "priv"])
      await setTeamRepositoryPermission({ org, actorId: owner.id, teamId: team.id, repository, permission });
    teams[name] = team.id;
  }
  return { org, teams };
}

/** Every row of `table` matching `where`, as one JSON string: any change to any column shows. */
export async function snapshot(db: pg.Pool, table: string, where: string, params: unknown[]): Promise<string> {
  const { rows } = await db.query(
    `select coalesce(jsonb_agg(to_jsonb(t) order by t::text), '[]'::jsonb)::text as s from ${table} t where ${where}`,
    params,
  );
  return rows[0].s as string;
}

/**
 * The form state an action answered with: row 1 of React's reply, `1:{"ok":…}`. It may follow a
 * length-prefixed text row (a long string such as a QR code) with no newline between them.
 */
export function formStateOf(
  body: string,
): { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; data?: Record<string, unknown> } | null {
  const at = body.indexOf('1:{"ok":');
  if (at < 0) return null;
  try {
    return JSON.parse(body.slice(at + 2).split("\n")[0]!);
  } catch {
    return null;
  }
}
