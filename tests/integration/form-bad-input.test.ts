import { describe, expect, inject, it } from "vitest";
import { formStateOf, actionFixtures, makeWorld, type OrgActor } from "@/tests/helpers/action-world";
import { ORG_ROWS } from "@/tests/helpers/action-org-rows";
import { SELF_ROWS } from "@/tests/helpers/action-self-rows";
import { callNamedAction, type ActionFields, type ActionResult } from "@/tests/helpers/server-action";

/**
 * Every field of every website form (the server-action tables of action-matrix.test.ts), sent by
 * someone allowed to use the form, with hostile values: empty, 1 MB, unicode, control characters,
 * SQL, HTML/JS, path traversal, and a list where one value belongs. Each answer is a form error or
 * a success, never a 500; a value the action stores is stored exactly as sent (nothing trimmed
 * into something else, nothing half-written); control characters and oversized values are
 * refused and stored nowhere.
 */
const c = inject("console");
const { db, cast } = actionFixtures(c);

const HOSTILE: Array<[string, string | string[], "refused" | "exact"]> = [
  ["empty", "", "exact"],
  ["1 MB", "a".repeat(1 << 20), "refused"],
  ["unicode", "名前 ✓ 🐳 café", "exact"],
  ["NUL", "a\u0000b", "refused"],
  ["bell and escape", "a\u0007\u001b[31mb", "refused"],
  ["SQL", "x'); drop table users; --", "exact"],
  ["HTML/JS", `<script>alert(1)</script><img src=x onerror=alert(1)>`, "exact"],
  ["path traversal", "../../../etc/passwd", "exact"],
  ["a list", ["one", "two"], "exact"],
];

// Fields whose value is checked or hashed, never stored as typed.
const NOT_VERBATIM = /^(newPassword|confirmPassword|currentPassword|code|enrollment|confirmation) /;

const send = (key: string, fields: ActionFields, cookie: string) => callNamedAction(c.url, key, fields, { cookie });

/** Whether `snapshot` (JSON) holds `value` exactly, as JSON writes a string. */
const holds = (snapshot: string, value: string | string[]) =>
  (Array.isArray(value) ? value : [value]).every((v) => snapshot.includes(JSON.stringify(v).slice(1, -1)));

function check(
  label: string,
  res: ActionResult,
  before: string,
  after: string,
  value: string | string[],
  expectation: "refused" | "exact",
) {
  expect(res.status, `${label}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
  if (expectation === "refused") {
    expect(after, `${label}: stored`).toBe(before);
    const state = formStateOf(res.body);
    expect(state?.ok, `${label}: ${res.body.slice(0, 200)}`).toBe(false);
    expect(state?.message, label).toBeTruthy();
    return;
  }
  if (after !== before && value !== "" && !NOT_VERBATIM.test(label))
    expect(holds(after, value), `${label}: changed, but not to exactly what was sent: ${after.slice(0, 400)}`).toBe(
      true,
    );
}

describe("hostile values in every form field", () => {
  for (const row of ORG_ROWS) {
    it(row.action.split("#")[1]!, { timeout: 300_000 }, async () => {
      const allowed = (
        Array.isArray(row.allowed) ? row.allowed : (row.allowed as Record<"public", readonly OrgActor[]>).public
      )[0] as Exclude<OrgActor, "anonymous">;
      const caller = cast[allowed];
      const w = await makeWorld(cast);
      const t = (await row.prepare?.({ w, repo: "pub", cast, db, c })) ?? {};
      const x = { w, repo: "pub", t, caller, cast, db };
      for (const field of Object.keys(row.fields(x))) {
        for (const [name, value, expectation] of HOSTILE) {
          const before = await row.state(x);
          const res = await send(row.action, { ...row.fields(x), [field]: value }, caller.cookie);
          check(`${field} = ${name}`, res, before, await row.state(x, res), value, expectation);
        }
      }
    });
  }

  for (const row of SELF_ROWS) {
    it(row.action.split("#")[1]!, { timeout: 300_000 }, async () => {
      const { victim, outsider } = await row.people(c.url, db);
      const t = (await row.prepare?.({ victim, outsider, db, c })) ?? {};
      const x = { victim, caller: victim, t, db };
      for (const field of Object.keys(row.fields(x))) {
        for (const [name, value, expectation] of HOSTILE) {
          const before = await row.state(x);
          const res = await send(row.action, { ...row.fields(x), [field]: value }, victim.cookie);
          check(`${field} = ${name}`, res, before, await row.state(x, res), value, expectation);
        }
      }
    });
  }
});

// The tag page's button is disabled until a tag is ticked, but the action is the guard: a request
// with no tags at all (an old page, a hand-made post) is a form error naming the selection.
describe("deleting tags without a selection", () => {
  it("answers “Select at least one tag” and deletes nothing", { timeout: 120_000 }, async () => {
    const row = ORG_ROWS.find((r) => r.action.endsWith("#deleteTagsAction"))!;
    const w = await makeWorld(cast);
    const t = (await row.prepare?.({ w, repo: "pub", cast, db, c })) ?? {};
    const x = { w, repo: "pub", t, caller: cast.owner, cast, db };
    const { tags: _tags, ...withoutTags } = row.fields(x);
    const before = await row.state(x);
    const res = await send(row.action, withoutTags, cast.owner.cookie);
    expect(res.status).toBeLessThan(500);
    const state = formStateOf(res.body);
    expect(state?.ok).toBe(false);
    expect(state?.fieldErrors?.tags).toEqual(["Select at least one tag"]);
    expect(await row.state(x, res)).toBe(before);
    expect(before).toMatch(/"name": ?"1"/);
  });
});
