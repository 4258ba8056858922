import "server-only";
import { allowPrivateWebhookTargets } from "@/lib/data/site-settings";
import { ValidationError } from "@/lib/errors";
import { resolveWebhookTarget, UnsafeTargetError } from "@/lib/webhooks/ssrf";

/** Refuses, as a field error on `url`, a webhook URL that resolves to a non-public address (unless the operator allows those). */
export async function assertSafeWebhookUrl(url: string): Promise<void> {
  try {
    await resolveWebhookTarget(url, await allowPrivateWebhookTargets());
  } catch (err) {
    if (err instanceof UnsafeTargetError)
      throw new ValidationError("Please correct the highlighted fields.", { url: [err.message] });
    throw err;
  }
}
