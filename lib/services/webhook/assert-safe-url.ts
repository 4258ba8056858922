import "server-only";
import { allowPrivateWebhookTargets } from "@/lib/data/site-settings";
import { ValidationError } from "@/lib/errors";
import { checkWebhookTargetForSave, UnsafeTargetError } from "@/lib/webhooks/ssrf";

/**
 * Refuses, as a field error on `url`, a webhook URL that is a non-public address or resolves to
 * one (unless the operator allows those). A host that does not resolve yet is saved: the answer
 * names it, so the page can warn that deliveries fail until its DNS record exists.
 */
export async function assertSafeWebhookUrl(url: string): Promise<{ unresolvedHost: string | null }> {
  try {
    return await checkWebhookTargetForSave(url, await allowPrivateWebhookTargets());
  } catch (err) {
    if (err instanceof UnsafeTargetError)
      throw new ValidationError("Please correct the highlighted fields.", { url: [err.message] });
    throw err;
  }
}
