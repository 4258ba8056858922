/**
 * Reclaims disk space of deleted images: runs `docker-registry garbage-collect` on the registry the
 * console manages, but only while that registry is stopped (GC on a live registry can delete blobs
 * of pushes in flight). Never passes --delete-untagged: it would delete the platform manifests of
 * multi-platform images. Usage: npm run registry:gc [-- --dry-run]
 *
 * The offline way, for a console that is stopped: while it runs, Admin → Garbage collection (or
 * POST /api/v1/admin/garbage-collection) collects without stopping pulls (lib/jobs/registry-gc.ts).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { parse } from "yaml";
import { REGISTRY_BINARY, registryEnv } from "@/lib/runtime/registry-process";

const dataDir = path.resolve(process.env.DATA_DIR ?? ".data");
const configFile = path.join(dataDir, "registry", "config.yml");
const dryRun = process.argv.includes("--dry-run");

function listening(addr: string): Promise<boolean> {
  const [host, port] = [addr.slice(0, addr.lastIndexOf(":")), Number(addr.slice(addr.lastIndexOf(":") + 1))];
  return new Promise((resolve) => {
    const s = net.connect(port, host);
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

async function main() {
  if (!fs.existsSync(configFile)) {
    console.error(
      `No registry config at ${configFile}: start the console once (bash scripts/start.sh) or set DATA_DIR.`,
    );
    process.exit(2);
  }
  const config = parse(fs.readFileSync(configFile, "utf8")) as { http?: { addr?: string } };
  const addr = config.http?.addr ?? "127.0.0.1:5001";
  if (await listening(addr)) {
    console.error(
      `The registry is running on ${addr}. While the console runs, use Admin → Garbage collection instead (pulls keep working); or stop the console (Ctrl-C) first: garbage collection must not run while images are pushed.`,
    );
    process.exit(3);
  }
  const args = ["garbage-collect", ...(dryRun ? ["--dry-run"] : []), configFile];
  console.log(`$ ${REGISTRY_BINARY} ${args.join(" ")}`);
  const r = spawnSync(REGISTRY_BINARY, args, { stdio: "inherit", env: registryEnv() });
  process.exit(r.status ?? 1);
}

void main();
