import type { Trigger } from "@/lib/webhooks/trigger";

/** A trigger as the webhooks table stores it (and back). */
export function triggerColumns(trigger: Trigger): {
  triggerType: Trigger["type"];
  triggerTags: string[];
  triggerPattern: string | null;
} {
  return {
    triggerType: trigger.type,
    triggerTags: trigger.type === "tags" ? trigger.tags : [],
    triggerPattern: trigger.type === "regex" ? trigger.pattern : null,
  };
}

export function triggerOf(row: {
  triggerType: Trigger["type"];
  triggerTags: string[];
  triggerPattern: string | null;
}): Trigger {
  if (row.triggerType === "tags") return { type: "tags", tags: row.triggerTags };
  if (row.triggerType === "regex" && row.triggerPattern) return { type: "regex", pattern: row.triggerPattern };
  return { type: "all" };
}
