import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getRegistryClient } from "@/lib/registry";

export type ComponentHealth = { status: "up" | "down"; latencyMs: number | null; message: string | null };
export type Health = {
  status: "ok" | "degraded";
  checkedAt: string;
  database: ComponentHealth;
  registry: ComponentHealth & { host: string };
};

function elapsed(start: number) {
  return Math.round((performance.now() - start) * 10) / 10;
}

async function checkDatabase(): Promise<ComponentHealth> {
  const start = performance.now();
  try {
    await getDb().execute(sql`select 1`);
    return { status: "up", latencyMs: elapsed(start), message: null };
  } catch {
    return { status: "down", latencyMs: null, message: "The database did not answer." };
  }
}

async function checkRegistry(): Promise<ComponentHealth> {
  const start = performance.now();
  try {
    await getRegistryClient().ping();
    return { status: "up", latencyMs: elapsed(start), message: null };
  } catch (err) {
    // A registry that answers but rejects our token is as broken as one that is down: say which.
    const message =
      err instanceof AppError && err.code !== "REGISTRY_UNAVAILABLE"
        ? "The registry rejected the console's token."
        : "The registry is not reachable.";
    return { status: "down", latencyMs: null, message };
  }
}

/** Truthful health: each dependency checked now, in parallel; any one down means degraded, never a crash. */
export async function getHealth(): Promise<Health> {
  const [database, registry] = await Promise.all([checkDatabase(), checkRegistry()]);
  return {
    status: database.status === "up" && registry.status === "up" ? "ok" : "degraded",
    checkedAt: new Date().toISOString(),
    database,
    registry: { ...registry, host: getEnv().REGISTRY_PUBLIC_HOST },
  };
}
