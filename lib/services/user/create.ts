import "server-only";
import { eq, or } from "drizzle-orm";
import { getDb, transaction } from "@/db";
import { namespaces, users } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { hashPassword } from "@/lib/security/password";
import { ValidationError } from "@/lib/errors";
import type { SignUpInput } from "@/lib/validations/account";

const TAKEN_NAME = "This name is already taken";
const TAKEN_EMAIL = "An account with this email already exists";

function isUniqueViolation(err: unknown): err is { code: string; constraint?: string } {
  const e = (err as { cause?: unknown })?.cause ?? err;
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "23505";
}

/**
 * Creates a user and their personal namespace in one transaction. The namespace table is shared
 * with organizations, so a username can never equal an organization's name.
 */
export async function createUser(
  input: SignUpInput & { isAdmin?: boolean; emailVerified?: boolean },
): Promise<{ id: string; username: string }> {
  const db = getDb();
  const taken = await db
    .select({ username: users.username, email: users.email })
    .from(users)
    .where(or(eq(users.username, input.username), eq(users.email, input.email)));
  const nsTaken = await db
    .select({ id: namespaces.id })
    .from(namespaces)
    .where(eq(namespaces.name, input.username))
    .limit(1);
  const fieldErrors: Record<string, string[]> = {};
  if (nsTaken.length > 0) fieldErrors.username = [TAKEN_NAME];
  if (taken.some((t) => t.email === input.email)) fieldErrors.email = [TAKEN_EMAIL];
  if (Object.keys(fieldErrors).length > 0)
    throw new ValidationError("Please correct the highlighted fields.", fieldErrors);

  const passwordHash = await hashPassword(input.password);
  try {
    return await transaction(async (tx) => {
      const [ns] = await tx
        .insert(namespaces)
        .values({ name: input.username, kind: "user" })
        .returning({ id: namespaces.id });
      const [user] = await tx
        .insert(users)
        .values({
          namespaceId: ns!.id,
          username: input.username,
          email: input.email,
          passwordHash,
          isAdmin: input.isAdmin ?? false,
          emailVerifiedAt: input.emailVerified ? new Date() : null,
        })
        .returning({ id: users.id, username: users.username });
      accessChanged(tx);
      return user!;
    });
  } catch (err) {
    // Two sign-ups racing for the same name: the unique index decides, and the loser gets a field error.
    if (isUniqueViolation(err)) {
      const onEmail = String(
        (err as { constraint?: string }).constraint ??
          (err as { cause?: { constraint?: string } }).cause?.constraint ??
          "",
      ).includes("email");
      throw new ValidationError(
        "Please correct the highlighted fields.",
        onEmail ? { email: [TAKEN_EMAIL] } : { username: [TAKEN_NAME] },
      );
    }
    throw err;
  }
}
