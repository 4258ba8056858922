import "server-only";
import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db";
import { buildRules } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";

/** The repository's rule, locked for the change; a rule of another repository is not found either. */
export async function findBuildRule(tx: Transaction, repositoryId: string, ruleId: string) {
  const [rule] = await tx
    .select()
    .from(buildRules)
    .where(and(eq(buildRules.id, ruleId), eq(buildRules.repositoryId, repositoryId)))
    .for("update");
  if (!rule) throw new NotFoundError("That build rule does not exist.");
  return rule;
}
