import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** How long a web server may go without answering /api/health or reporting progress while it starts. */
const START_PATIENCE_MS = 60_000;

export type WebServerProcess = {
  child: ChildProcess;
  /** When it last said it is still starting (scripts/web-server.ts sends one per repository it reconciles). */
  lastProgressAt: number;
};

/**
 * Runs scripts/web-server.ts (Next.js and the front door) with `env`. It gets an IPC channel only
 * to report start-up progress: after an unclean stop it reconciles repositories before it listens,
 * which may take longer than a plain start, and the console must not take that for a hang.
 */
export function startWebServer(root: string, env: NodeJS.ProcessEnv): WebServerProcess {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts", "web-server.ts")],
    { env, stdio: ["inherit", "inherit", "inherit", "ipc"] },
  );
  const web: WebServerProcess = { child, lastProgressAt: Date.now() };
  child.on("message", () => (web.lastProgressAt = Date.now()));
  return web;
}

/**
 * Waits until the web server at `url` answers /api/health (200, or 503 when a dependency is down:
 * it is serving either way). Fails when it exits first, or when it goes START_PATIENCE_MS without
 * answering or reporting progress.
 */
export async function waitForWebServer(url: string, web: WebServerProcess): Promise<{ status: string }> {
  const exited = () => web.child.exitCode !== null || web.child.signalCode !== null;
  while (!exited() && Date.now() < web.lastProgressAt + START_PATIENCE_MS) {
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200 || res.status === 503) return (await res.json()) as { status: string };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (exited()) {
    const how = web.child.signalCode ?? `code ${web.child.exitCode}`;
    throw new Error(`the web server exited (${how}) before it answered ${url}/api/health`);
  }
  throw new Error(`the web server did not answer ${url}/api/health within ${START_PATIENCE_MS / 1000} s`);
}
