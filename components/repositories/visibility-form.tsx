"use client";

import { setRepositoryVisibilityAction } from "@/lib/actions/repository";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/**
 * Switching visibility asks first, in the kit's dialog, since it changes who can pull at once; the
 * dialog stays open with the action's error if it is refused.
 */
export function VisibilityForm({
  namespace,
  name,
  visibility,
}: {
  namespace: string;
  name: string;
  visibility: "public" | "private";
}) {
  const next = visibility === "public" ? "private" : "public";
  const label = next === "private" ? "Make private" : "Make public";
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        This repository is <span className="font-medium">{visibility}</span>.{" "}
        {next === "private"
          ? "Making it private stops anonymous and other users' pulls with their next token."
          : "Making it public lets anyone pull it, signed in or not."}
      </p>
      <ConfirmDialog
        trigger={label}
        title={`Make ${namespace}/${name} ${next}?`}
        description={
          next === "private"
            ? "Only you, collaborators and teams with access will be able to see and pull it. Anonymous pulls and other users' pulls stop with their next registry token (within 5 minutes)."
            : "Anyone will be able to see it and pull it, signed in or not, and it will be listed in Explore."
        }
        confirmLabel={label}
        variant={next === "private" ? "primary" : "danger"}
        formAction={setRepositoryVisibilityAction}
        testId="visibility-dialog"
        fields={
          <>
            <input type="hidden" name="namespace" value={namespace} />
            <input type="hidden" name="name" value={name} />
            <input type="hidden" name="visibility" value={next} />
          </>
        }
      />
    </div>
  );
}
