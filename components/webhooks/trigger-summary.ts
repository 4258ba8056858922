/** "All tags", "Tags: latest, 1.0", "Tags matching ^v[0-9]+" */
export function triggerSummary(h: {
  triggerType: "all" | "tags" | "regex";
  triggerTags: string[];
  triggerPattern: string | null;
}): string {
  if (h.triggerType === "tags")
    return `Tags: ${h.triggerTags.slice(0, 5).join(", ")}${h.triggerTags.length > 5 ? ` +${h.triggerTags.length - 5}` : ""}`;
  if (h.triggerType === "regex") return `Tags matching ${h.triggerPattern}`;
  return "All tags";
}
