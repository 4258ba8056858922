import "server-only";
import { grantForScope, type Principal, type RepositoryToCreate } from "@/lib/authz/registry-access";
import { limits } from "@/lib/services/rate-limit/limits";
import { findUserByLogin } from "@/lib/data/users";
import { getEnv } from "@/lib/env";
import { UnauthorizedError, ValidationError } from "@/lib/errors";
import { parseScopes } from "@/lib/registry/scope";
import { mintRegistryToken, type AccessEntry, type MintedToken } from "@/lib/registry/token-signer";
import { authenticatePersonalAccessToken, looksLikeToken } from "@/lib/services/personal-access-token/authenticate";
import { assertNotLimited, takeSlot } from "@/lib/services/rate-limit/consume";
import { issueRefreshToken } from "@/lib/services/registry-refresh-token/issue";
import { redeemRefreshToken } from "@/lib/services/registry-refresh-token/redeem";
import { checkPassword } from "@/lib/services/session/verify-credentials";
import { recordAudit } from "@/lib/services/audit-event/record";
import { UNKNOWN_IP } from "@/lib/http/client-ip";
import { authenticateBuildCredential, looksLikeBuildCredential } from "@/lib/builds/push-credential";
import { createPushedRepositories } from "./create-pushed-repositories";

export const TWO_FACTOR_PASSWORD_REFUSED =
  "Two-factor authentication is enabled for this account: use a personal access token instead of your password (Settings → Personal access tokens).";

const TOKEN_REFUSED: Record<string, string> = {
  unknown: "incorrect username or password",
  inactive: "this personal access token is deactivated",
  expired: "this personal access token has expired",
  account_deactivated: "this account has been deactivated",
};

export type Credentials =
  { kind: "basic"; username: string; password: string } | { kind: "refresh"; refreshToken: string } | null;

export type IssueTokenInput = {
  service: string;
  scopes: string[];
  credentials: Credentials;
  ip: string;
  offline?: boolean;
  clientId?: string | null;
  userAgent?: string | null;
};

export type IssuedToken = MintedToken & { access: AccessEntry[]; subject: string; refreshToken?: string };

type Authenticated = { principal: Principal; personalAccessTokenId: string | null };

async function refuse(
  kind: string,
  detail: string,
  userId: string | null,
  ip: string,
  message: string,
): Promise<never> {
  await recordAudit({ actorId: userId, action: kind, target: detail, ip });
  throw new UnauthorizedError(message);
}

/** Username + password, username + personal access token, or a refresh token from an earlier login. */
async function authenticate(credentials: Credentials, ip: string): Promise<Authenticated> {
  if (!credentials) return { principal: { kind: "anonymous" }, personalAccessTokenId: null };
  if (credentials.kind === "refresh") {
    const r = await redeemRefreshToken(credentials.refreshToken, ip === UNKNOWN_IP ? null : ip);
    if (!r)
      return refuse(
        "registry_login_failed",
        "refresh token refused",
        null,
        ip,
        "the refresh token is invalid or revoked; log in again",
      );
    return {
      principal: { kind: "user", user: r.user, tokenScope: r.tokenScope },
      personalAccessTokenId: r.personalAccessTokenId,
    };
  }
  if (looksLikeBuildCredential(credentials.password)) {
    const build = await authenticateBuildCredential(credentials.username, credentials.password);
    if (!build)
      return refuse(
        "registry_login_failed",
        "build credential refused",
        null,
        ip,
        "this build credential is invalid, or its build has ended",
      );
    return {
      principal: { kind: "build", buildId: build.buildId, repository: build.repository, subject: build.subject },
      personalAccessTokenId: null,
    };
  }
  if (looksLikeToken(credentials.password)) {
    const address = limits.loginAddress(ip);
    await assertNotLimited(address);
    const check = await authenticatePersonalAccessToken(credentials.password);
    const login = credentials.username.trim().toLowerCase();
    if (!check.ok || (login !== check.principal.user.username && login !== check.principal.user.email)) {
      // A refusal is given only within the address's failure slots (see takeSlots).
      await takeSlot(address);
      const reason = check.ok ? "unknown" : check.reason;
      return refuse(
        "registry_login_failed",
        `personal access token refused: ${reason}`,
        check.ok ? check.principal.user.id : check.userId,
        ip,
        TOKEN_REFUSED[reason]!,
      );
    }
    const { user, token } = check.principal;
    return { principal: { kind: "user", user, tokenScope: token.scope }, personalAccessTokenId: token.id };
  }
  let user;
  try {
    user = await checkPassword(credentials.username, credentials.password, ip);
  } catch (err) {
    // Only after a refusal, so a successful login pays no extra lookup; the owner's audit log shows it.
    const known = await findUserByLogin(credentials.username.slice(0, 320));
    await recordAudit({
      actorId: known?.id ?? null,
      action: "registry_login_failed",
      target: `password refused for "${credentials.username.slice(0, 100)}"`,
      ip,
    });
    throw err;
  }
  // The one refusal that differs from a wrong password: only the right password reaches it, and
  // the account's failure limit (taken inside checkPassword) bounds how often anyone can try.
  if (user.totpEnabledAt)
    return refuse("registry_login_failed", "password used with 2FA enabled", user.id, ip, TWO_FACTOR_PASSWORD_REFUSED);
  return { principal: { kind: "user", user, tokenScope: null }, personalAccessTokenId: null };
}

/**
 * The registry's token service (distribution token spec): authenticates the caller, then grants
 * for each requested scope what lib/authz allows. Asking for more than allowed is not an error:
 * the token carries less, and the registry answers 401/403 as clients expect.
 */
export async function issueRegistryToken(input: IssueTokenInput): Promise<IssuedToken> {
  const env = getEnv();
  if (input.service !== env.REGISTRY_SERVICE)
    throw new ValidationError(`unknown service "${input.service}"`, {
      service: [`expected "${env.REGISTRY_SERVICE}"`],
    });
  const { principal, personalAccessTokenId } = await authenticate(input.credentials, input.ip);
  const access: AccessEntry[] = [];
  const toCreate: RepositoryToCreate[] = [];
  for (const scope of parseScopes(input.scopes)) {
    const grant = await grantForScope(principal, scope);
    if (grant.actions.length > 0) access.push({ type: scope.type, name: scope.name, actions: grant.actions });
    if (grant.create) toCreate.push(grant.create);
  }
  if (principal.kind === "user")
    await createPushedRepositories(toCreate, principal.user.id, input.ip === UNKNOWN_IP ? null : input.ip);
  const subject =
    principal.kind === "user" ? principal.user.username : principal.kind === "build" ? principal.subject : "";
  const minted = mintRegistryToken(subject, access);
  const refreshToken =
    input.offline && principal.kind === "user" && input.credentials?.kind === "basic"
      ? await issueRefreshToken({
          userId: principal.user.id,
          personalAccessTokenId,
          clientId: input.clientId ?? null,
          userAgent: input.userAgent ?? null,
          ip: input.ip === UNKNOWN_IP ? null : input.ip,
        })
      : undefined;
  return { ...minted, access, subject, refreshToken };
}
