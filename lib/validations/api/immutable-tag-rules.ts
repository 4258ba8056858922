import { z } from "zod";
import { namespaceParam } from "@/lib/validations/api/repositories";

export const immutableRulePathParams = z.object({
  namespace: namespaceParam,
  id: z.uuid("Not a rule id").describe("The rule's id"),
});

export const createImmutableRuleBody = z.object({
  repository_pattern: z
    .string()
    .describe("Doublestar glob over the repository name inside the namespace (`**`, `app-*`, `team/**`)"),
  tag_pattern: z.string().describe("Doublestar glob over the tag (`v*`, `release-{1,2}.*`, `[0-9]*`)"),
});

export const immutableRuleResource = z.object({
  id: z.string(),
  repository_pattern: z.string(),
  tag_pattern: z.string(),
  created_by: z.string().nullable().describe("Who added it; null once that account is gone"),
  created_at: z.string(),
});

export const immutableRuleList = z.object({ items: z.array(immutableRuleResource) });
