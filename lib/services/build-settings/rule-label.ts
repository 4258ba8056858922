import type { BuildRuleInput } from "@/lib/validations/build-settings";

/** How the audit log names a rule: "tag /^v(\d+)$/ → {1}" (rules have no name of their own). */
export function ruleLabel(
  r: Pick<BuildRuleInput, "sourceType" | "sourceName" | "sourceRegex" | "tagTemplate">,
): string {
  const source = r.sourceRegex ? `/${r.sourceName}/` : r.sourceName;
  return `${r.sourceType} ${source} → ${r.tagTemplate}`.slice(0, 300);
}
