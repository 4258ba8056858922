import "server-only";
import crypto from "node:crypto";
import type { RegistryEventInput } from "@/lib/validations/registry-events";
import { recordRegistryEvents, type RecordResult } from "./record";

export type DoorManifestWrite = {
  method: "PUT" | "DELETE";
  /** `namespace/name` */
  repository: string;
  reference: string;
  byDigest: boolean;
  /** PUT: the digest the registry stored (its Docker-Content-Digest answer). */
  digest: string | null;
  mediaType: string | null;
  size: number | null;
  /** The account in the client's registry token. */
  actor: string | null;
};

/**
 * Records a manifest PUT or DELETE the front door passed and the registry accepted, as an event of
 * its own (id `door-…`), through the same path as the registry's notifications: the tag moves and
 * its webhooks and notifications are queued in one transaction, before the client hears the
 * registry's answer. The registry's notification of the same write arrives later with another id
 * and changes nothing, so it only matters when this did not happen (the console died in between,
 * and the client, having seen a failure, retries).
 */
export async function recordDoorWrite(write: DoorManifestWrite): Promise<RecordResult> {
  const digest = write.byDigest ? write.reference : write.digest;
  const event: RegistryEventInput = {
    id: `door-${crypto.randomUUID()}`,
    timestamp: new Date().toISOString(),
    action: write.method === "PUT" ? "push" : "delete",
    target: {
      repository: write.repository,
      ...(digest ? { digest } : {}),
      ...(write.byDigest ? {} : { tag: write.reference }),
      ...(write.mediaType ? { mediaType: write.mediaType } : {}),
      ...(write.size !== null ? { size: write.size } : {}),
    },
    request: { method: write.method },
    actor: { name: write.actor ?? "" },
    source: { instanceID: "front-door" },
  };
  return recordRegistryEvents({ events: [event] });
}
