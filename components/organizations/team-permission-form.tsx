"use client";

import { startTransition, useActionState, useState } from "react";
import { setTeamPermissionAction } from "@/lib/actions/organizations";
import { FormMessage } from "@/components/forms/form-message";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { initialFormState } from "@/lib/actions/form-state";

// Not exported: a server component importing a value from a client module gets a reference, not the object.
const PERMISSION_LABELS = { read: "Read-only", write: "Read & Write", admin: "Admin" } as const;
type Permission = keyof typeof PERMISSION_LABELS;

/**
 * One team grant's permission, changed on its own row. After a form action React resets the form
 * in the DOM — a select to its first option, controlled or not — which showed "Read-only" next to
 * a saved Read & Write. So, with JavaScript, the submit is dispatched by hand (no reset) and the
 * select keeps what was saved; without it the form still posts to the same action.
 */
export function TeamPermissionForm({
  org,
  teamId,
  repository,
  permission,
}: {
  org: string;
  teamId: string;
  repository: string;
  permission: Permission;
}) {
  const [state, action, pending] = useActionState(setTeamPermissionAction, initialFormState);
  const [value, setValue] = useState<Permission>(permission);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => action(data));
      }}
      noValidate
      className="flex flex-wrap items-start gap-2"
    >
      {state.message ? (
        <div className="w-full">
          <FormMessage state={state} />
        </div>
      ) : null}
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="repository" value={repository} />
      <Select
        name="permission"
        value={value}
        onChange={(e) => setValue(e.target.value as Permission)}
        aria-label={`Permission on ${repository}`}
      >
        {(Object.keys(PERMISSION_LABELS) as Permission[]).map((p) => (
          <option key={p} value={p}>
            {PERMISSION_LABELS[p]}
          </option>
        ))}
      </Select>
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
        <span aria-hidden>{pending ? "Saving…" : "Save"}</span>
        <span className="sr-only">Save permission on {repository}</span>
      </Button>
    </form>
  );
}
