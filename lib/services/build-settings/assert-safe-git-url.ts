import "server-only";
import net from "node:net";
import { parseGitUrl } from "@/lib/builds/git-url";
import { getSiteSetting } from "@/lib/data/site-settings";
import { ValidationError } from "@/lib/errors";
import { isPublicAddress, resolveWebhookTarget, UnresolvedHostError, UnsafeTargetError } from "@/lib/webhooks/ssrf";

/**
 * Refuses, as a field error on `gitUrl`, a source whose host is or resolves to a loopback,
 * private, link-local or reserved address, unless the operator allows private Git hosts
 * (`builds.allow_private_git`). The webhooks' SSRF rules, applied to the Git host; a host that
 * does not resolve yet is saved (the build will report it), as a webhook's is.
 */
export async function assertSafeGitUrl(gitUrl: string): Promise<void> {
  const parsed = parseGitUrl(gitUrl);
  if ("error" in parsed)
    throw new ValidationError("Please correct the highlighted fields.", { gitUrl: [parsed.error] });
  if (await getSiteSetting("builds.allow_private_git")) return;
  const host = parsed.host;
  const refuse = () => {
    throw new ValidationError("Please correct the highlighted fields.", {
      gitUrl: [
        `${host} is a loopback, private, link-local or reserved address. Builds may only fetch from public Git hosts unless a site operator allows private ones.`,
      ],
    });
  };
  if (net.isIP(host)) {
    if (!isPublicAddress(host)) refuse();
    return;
  }
  try {
    await resolveWebhookTarget(`https://${host}/`, false);
  } catch (err) {
    if (err instanceof UnsafeTargetError) refuse();
    if (err instanceof UnresolvedHostError) return;
    throw err;
  }
}
