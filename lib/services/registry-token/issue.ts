import "server-only";
import { grantedActions, type Principal } from "@/lib/authz/registry-access";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { findUserByLogin } from "@/lib/data/users";
import { getEnv } from "@/lib/env";
import { UnauthorizedError, ValidationError } from "@/lib/errors";
import { parseScopes } from "@/lib/registry/scope";
import { mintRegistryToken, type AccessEntry, type MintedToken } from "@/lib/registry/token-signer";

export type IssueTokenInput = {
  service: string;
  scopes: string[];
  credentials: { username: string; password: string } | null;
};

export type IssuedToken = MintedToken & { access: AccessEntry[]; subject: string };

async function authenticate(credentials: IssueTokenInput["credentials"]): Promise<Principal> {
  if (!credentials) return { kind: "anonymous" };
  const user = await findUserByLogin(credentials.username);
  // Verify against a dummy hash when the user is missing so both failures take the same time.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), credentials.password);
  if (!user || !ok) throw new UnauthorizedError("incorrect username or password");
  return { kind: "user", user };
}

/**
 * The registry's token service: authenticates the caller, then grants for each requested scope
 * the subset of actions the caller may perform. Asking for more than allowed is not an error: the
 * token carries less, and the registry answers 401/403 as clients expect.
 */
export async function issueRegistryToken(input: IssueTokenInput): Promise<IssuedToken> {
  const env = getEnv();
  if (input.service !== env.REGISTRY_SERVICE) throw new ValidationError(`unknown service "${input.service}"`, { service: [`expected "${env.REGISTRY_SERVICE}"`] });
  const principal = await authenticate(input.credentials);
  const access: AccessEntry[] = [];
  for (const scope of parseScopes(input.scopes)) {
    const actions = grantedActions(principal, scope);
    if (actions.length > 0) access.push({ type: scope.type, name: scope.name, actions });
  }
  const subject = principal.kind === "user" ? principal.user.username : "";
  return { ...mintRegistryToken(subject, access), access, subject };
}
