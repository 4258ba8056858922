import "server-only";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { webhookDeliveries } from "@/db/schema";
import { purposeMac } from "@/lib/security/crypto";
import { NotFoundError } from "@/lib/errors";

/**
 * A receiver reporting on a delivery through its callback_url (Docker Hub's webhook chains:
 * success, failure, error or pending, with a description). The MAC in the URL is the credential;
 * a wrong one answers exactly like an unknown delivery.
 */
export async function recordDeliveryCallback(
  deliveryId: string,
  mac: string,
  input: { state: string; description: string },
): Promise<void> {
  const expected = Buffer.from(purposeMac("webhook-callback", deliveryId));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given))
    throw new NotFoundError("Unknown delivery");
  const rows = await getDb()
    .update(webhookDeliveries)
    .set({ callbackState: input.state, callbackDescription: input.description || null })
    .where(eq(webhookDeliveries.id, deliveryId))
    .returning({ id: webhookDeliveries.id });
  if (rows.length === 0) throw new NotFoundError("Unknown delivery");
}
