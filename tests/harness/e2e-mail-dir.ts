import os from "node:os";
import path from "node:path";

/** Where the e2e web server's SMTP sink writes mail; derived from the port so tests find it. */
export function e2eMailDir(port: number | string): string {
  return path.join(os.tmpdir(), `dockyard-e2e-mail-${port}`);
}
