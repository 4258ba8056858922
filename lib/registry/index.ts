import "server-only";
import { getEnv } from "@/lib/env";
import { RegistryClient } from "./client";
import { mintRegistryToken } from "./token-signer";

/** The token subject the console uses for its own registry calls; not a valid username, so no user can be it. */
export const CONSOLE_SUBJECT = "_console";

let client: RegistryClient | undefined;

/** The console's registry client, authenticating with short-lived tokens it signs itself. */
export function getRegistryClient(): RegistryClient {
  if (client) return client;
  const env = getEnv();
  client = new RegistryClient({
    baseUrl: env.REGISTRY_URL,
    timeoutMs: env.REGISTRY_TIMEOUT_MS,
    authorize: (access) => mintRegistryToken(CONSOLE_SUBJECT, access, 60).token,
  });
  return client;
}

export { RegistryClient } from "./client";
