"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/safe-action";
import { actorOf } from "@/lib/auth/actor";
import { requireGcStarter } from "@/lib/authz/garbage-collection";
import { requestGarbageCollection } from "@/lib/services/registry-gc/request";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { describeGcSchedule, gcScheduleSchema, startGcSchema } from "@/lib/validations/garbage-collection";

const PAGE = "/admin/storage/garbage-collection";

export const startGarbageCollectionAction = formAction({
  schema: startGcSchema,
  handler: async (_input, { user, ip }) => {
    await requestGarbageCollection(actorOf(user, ip));
    revalidatePath(PAGE);
    return {
      ok: true,
      message: "Garbage collection queued: pushes get 503 while it sweeps, pulls keep working.",
    };
  },
});

export const updateGcScheduleAction = formAction({
  schema: gcScheduleSchema,
  handler: async (schedule, { user, ip }) => {
    const actor = actorOf(user, ip);
    // A schedule nobody can run is refused as the button is (an external registry).
    requireGcStarter(user);
    const value = schedule ? { ...schedule, since: new Date().toISOString() } : null;
    const display = describeGcSchedule(schedule);
    await updateSiteSetting(actor, "registry.gc_schedule", value, display);
    revalidatePath(PAGE);
    return {
      ok: true,
      message: schedule ? `Garbage collection runs ${display}.` : "Garbage collection runs only when you start it.",
    };
  },
});
