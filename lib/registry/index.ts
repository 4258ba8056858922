import "server-only";
import { getEnv } from "@/lib/env";
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
    baseUrl: env.REGISTRY_URL,
    timeoutMs: env.REGISTRY_TIMEOUT_MS,
    authorize: (access, subject) => mintRegistryToken(subject ?? CONSOLE_SUBJECT, access, 60).token,
  });
  return client;
}

export { RegistryClient } from "./client";
