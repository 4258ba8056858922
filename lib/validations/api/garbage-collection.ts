import { z } from "zod";
import { pageQuery } from "./page-query";

export const gcRunParams = z.object({ id: z.uuid("Not a run id").describe("The run's id") });
export const gcRunListQuery = z.object(pageQuery);

export const gcRunResource = z.object({
  id: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed", "interrupted"]),
  trigger: z.enum(["manual", "schedule"]),
  requested_by: z.string().nullable().describe("Who started it; null for the schedule or a deleted account"),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  duration_seconds: z.number().nullable(),
  read_only_seconds: z.number().nullable().describe("How long pushes were refused"),
  predicted_bytes: z.number().nullable().describe("What the index called reclaimable when the run started"),
  bytes_before: z.number().nullable().describe("Bytes of blobs on disk before the sweep"),
  bytes_after: z.number().nullable(),
  bytes_freed: z.number().nullable(),
  blobs_removed: z.number().nullable(),
  error: z.string().nullable(),
});

export const gcRunDetail = gcRunResource.extend({
  log: z.string().describe("garbage-collect's output and the run's steps (the last 64 KiB)"),
});
