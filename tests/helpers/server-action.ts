import { readFileSync } from "node:fs";
import path from "node:path";
import { clientAddress } from "./factory";

/**
 * Server actions called the way React calls them from a page (a `Next-Action` request whose body
 * is React's encoding of `(previousState, formData)`), so a test can invoke every action of the
 * production build by name with any session, origin and form fields.
 */
type ManifestEntry = { filename: string; exportedName: string; workers: Record<string, unknown> };

const ROOT = path.resolve(import.meta.dirname, "..", "..");
let cached: Map<string, { id: string; pages: string[] }> | null = null;

/** Every server action of the build: `file#export` → its id and the pages that may call it. */
export function buildActions(): Map<string, { id: string; pages: string[] }> {
  if (cached) return cached;
  const manifest = JSON.parse(
    readFileSync(
      path.join(ROOT, process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json"),
      "utf8",
    ),
  ).node as Record<string, ManifestEntry>;
  cached = new Map(
    Object.entries(manifest).map(([id, e]) => [
      `${e.filename}#${e.exportedName}`,
      { id, pages: Object.keys(e.workers) },
    ]),
  );
  return cached;
}

export type ActionFields = Record<string, string | string[]>;
export type ActionCall = { cookie?: string | null; origin?: string | null; path: string };
export type ActionResult = { status: number; body: string; location: string | null };

/** Calls action `id` on page `call.path` with `fields` as its form data. */
export async function callAction(
  consoleUrl: string,
  id: string,
  fields: ActionFields,
  call: ActionCall,
): Promise<ActionResult> {
  const body = new FormData();
  // React's reply encoding (what `encodeReply([prev, formData])` sends): the form's entries under
  // the prefix `_1_`, then part 0, the argument list, where `$K1` refers to them. Part 0 must come
  // last: the server decodes the arguments as soon as it arrives.
  for (const [k, v] of Object.entries(fields))
    for (const one of Array.isArray(v) ? v : [v]) body.append(`_1_${k}`, one);
  body.append("0", JSON.stringify([{ ok: false }, "$K1"]));
  const origin = call.origin === undefined ? consoleUrl : call.origin;
  const res = await fetch(`${consoleUrl}${call.path}`, {
    method: "POST",
    redirect: "manual",
    body,
    headers: {
      Accept: "text/x-component",
      "Next-Action": id,
      "X-Forwarded-For": clientAddress(),
      ...(origin ? { Origin: origin } : {}),
      ...(call.cookie ? { Cookie: call.cookie } : {}),
    },
  });
  return {
    status: res.status,
    body: await res.text(),
    location: res.headers.get("location") ?? res.headers.get("x-action-redirect"),
  };
}

/**
 * Calls the build's action `file#export` (see buildActions) on its own page, as a browser would,
 * when that page has a fixed address (/settings/…); otherwise on /explore, from where Next
 * forwards it to a page that has it.
 */
export async function callNamedAction(
  consoleUrl: string,
  key: string,
  fields: ActionFields,
  call: Omit<ActionCall, "path"> = {},
): Promise<ActionResult> {
  const action = buildActions().get(key);
  if (!action) throw new Error(`no action ${key} in the build`);
  const page = action.pages
    .map((p) =>
      p
        .replace(/^app/, "")
        .replace(/\/page$/, "")
        .replace(/\/\([^)]*\)/g, ""),
    )
    .find((p) => p && !p.includes("["));
  return callAction(consoleUrl, action.id, fields, { ...call, path: page ?? "/explore" });
}
