import { z } from "zod";

/**
 * The bodies of the Git-host push webhooks that start builds (lib/builds/hooks/*): only the fields
 * a build needs are read, the rest of a host's (large) payload is ignored. A ref holds nothing a
 * Git ref name cannot (git check-ref-format): no spaces, control characters, ~ ^ : ? * [ \ or ..
 */
const sha = z
  .string()
  .regex(/^[0-9a-fA-F]{40}$/, "A commit is 40 hexadecimal characters")
  .transform((v) => v.toLowerCase());

const ref = z
  .string()
  .max(255, "At most 255 characters")
  .refine((v) => !/[\s~^:?*[\\\x00-\x1f\x7f]/.test(v) && !v.includes("..") && !/\/-/.test(v), {
    message: "Not a Git ref",
  });

const headCommit = z.object({ id: sha }).nullish();

// GitHub: `after` is the new commit; for an annotated tag it is the tag object, so the commit
// the tag points at is read from head_commit when there is one.
export const githubPushSchema = z.object({ ref, after: sha, deleted: z.boolean().optional(), head_commit: headCommit });

// GitLab: checkout_sha is the commit (the tag's commit for an annotated tag), null on deletion.
export const gitlabPushSchema = z.object({ ref, after: sha.optional(), checkout_sha: sha.nullish() });

// Gitea and Forgejo send GitHub's fields.
export const giteaPushSchema = githubPushSchema;

// Dockyard's own format, for any other sender (a CI job, a script).
export const genericPushSchema = z.object({
  ref: ref.refine((v) => /^refs\/(heads|tags)\/./.test(v), {
    message: "Name a branch (refs/heads/NAME) or a tag (refs/tags/NAME)",
  }),
  sha,
});
