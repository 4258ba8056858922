import "server-only";
import { startDueRetentionRuns } from "@/lib/services/retention-run/start-scheduled";
import { repeatInBackground } from "./repeat";

/** Every `seconds`: starts the tag retention runs whose schedule is due (any console may; each slot runs once). */
export function startRetentionScheduler(seconds: number): void {
  repeatInBackground("retention schedule", () => startDueRetentionRuns(), seconds * 1000);
}
