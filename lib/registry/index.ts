import "server-only";
import { getEnv } from "@/lib/env";
import { registryUpstream } from "@/lib/runtime/registry-upstream";
import { RegistryClient } from "./client";
import { CONSOLE_SUBJECT } from "./subject";
import { mintRegistryToken } from "./token-signer";

export { CONSOLE_SUBJECT };

let client: RegistryClient | undefined;

/** The console's registry client, authenticating with short-lived tokens it signs itself. */
export function getRegistryClient(): RegistryClient {
  if (client) return client;
  const env = getEnv();
  client = new RegistryClient({
    // Follows the door to the read-only registry during garbage collection (the console's own
    // reads, image pages, keep working while the read-write one restarts).
    baseUrl: () => registryUpstream(env.REGISTRY_URL),
    timeoutMs: env.REGISTRY_TIMEOUT_MS,
    authorize: (access, subject) => mintRegistryToken(subject ?? CONSOLE_SUBJECT, access, 60).token,
  });
  return client;
}

export { RegistryClient } from "./client";
