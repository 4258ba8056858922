import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { storageReservations } from "@/db/schema";

/** The registry refused the push the reservation was for: what it reserved is free again at once. */
export async function releaseReservation(id: string): Promise<void> {
  await getDb().delete(storageReservations).where(eq(storageReservations.id, id));
}
