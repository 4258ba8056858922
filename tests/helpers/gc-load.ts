/**
 * Client traffic for garbage-collection tests and the bench: real requests through the console's
 * front door, as docker makes them.
 */
export type PullTarget = {
  consoleUrl: string;
  repository: string;
  tag: string;
  /** config and layer digests of the image, fetched on every round. */
  blobs: string[];
  token: () => Promise<string>;
};

export type PullLoop = { stop: () => Promise<{ rounds: number; requests: number; failures: string[] }> };

/**
 * Pulls `target` over and over until stopped: GET /v2/, HEAD and GET of the manifest by tag, GET
 * of every blob, each checked (status 200, the body read whole). Any other answer or a connection
 * error is a failed pull, recorded with what happened.
 */
export function startPullLoop(target: PullTarget, concurrency = 2): PullLoop {
  let running = true;
  let rounds = 0;
  let requests = 0;
  const failures: string[] = [];
  const one = async (token: string) => {
    const auth = { authorization: `Bearer ${token}` };
    const check = async (what: string, res: Promise<Response>) => {
      requests += 1;
      try {
        const r = await res;
        const body = await r.arrayBuffer();
        if (r.status !== 200) failures.push(`${what}: ${r.status} ${Buffer.from(body).toString().slice(0, 200)}`);
      } catch (err) {
        failures.push(`${what}: ${err instanceof Error ? `${err.message} ${String(err.cause ?? "")}` : String(err)}`);
      }
    };
    const base = `${target.consoleUrl}/v2/${target.repository}`;
    const accept = { accept: "application/vnd.oci.image.manifest.v1+json" };
    await check("GET /v2/", fetch(`${target.consoleUrl}/v2/`, { headers: auth }));
    await check(
      "HEAD manifest",
      fetch(`${base}/manifests/${target.tag}`, { method: "HEAD", headers: { ...auth, ...accept } }),
    );
    await check("GET manifest", fetch(`${base}/manifests/${target.tag}`, { headers: { ...auth, ...accept } }));
    for (const d of target.blobs)
      await check(`GET blob ${d.slice(0, 19)}`, fetch(`${base}/blobs/${d}`, { headers: auth }));
    rounds += 1;
  };
  const workers = Array.from({ length: concurrency }, async () => {
    while (running) {
      let token: string;
      try {
        token = await target.token();
      } catch (err) {
        failures.push(`token: ${String(err)}`);
        continue;
      }
      await one(token);
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(workers);
      return { rounds, requests, failures };
    },
  };
}

export type PushProbe = { status: number; retryAfter: string | null; body: string; at: number };

/**
 * Starts a blob upload (the first request of every push) and answers what the door said; an
 * accepted upload is cancelled again so nothing is left behind.
 */
export async function probePush(consoleUrl: string, repository: string, token: string): Promise<PushProbe> {
  const res = await fetch(`${consoleUrl}/v2/${repository}/blobs/uploads/`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-length": "0" },
  });
  const body = await res.text();
  const location = res.headers.get("location");
  if (res.status === 202 && location)
    await fetch(new URL(location, consoleUrl), { method: "DELETE", headers: { authorization: `Bearer ${token}` } })
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body, at: Date.now() };
}

/** A registry token from the console's token service for the operator (Basic auth), for `scope`. */
export async function registryToken(
  consoleUrl: string,
  scope: string,
  creds: { username: string; password: string },
): Promise<string> {
  const url = new URL("/api/registry/token", consoleUrl);
  url.searchParams.set("service", "registry-console");
  url.searchParams.set("scope", scope);
  const res = await fetch(url, {
    headers: { authorization: `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}` },
  });
  if (res.status !== 200) throw new Error(`token: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
