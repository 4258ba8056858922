"use client";

import { useActionState, useState } from "react";
import { createWebhookAction, updateWebhookAction } from "@/lib/actions/webhooks";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { FieldError } from "@/components/ui/field";
import { initialFormState } from "@/lib/actions/form-state";

export type WebhookFormValues = {
  webhookName: string;
  url: string;
  triggerType: "all" | "tags" | "regex";
  triggerTags: string;
  triggerPattern: string;
  events: string[];
};

const EVENTS = [
  { value: "push", label: "Push", hint: "a tag is created or points at a new image" },
  { value: "tag_deleted", label: "Tag deleted", hint: "a tag is removed from the registry" },
  { value: "repository_deleted", label: "Repository deleted", hint: "sent once, to webhooks that trigger on all tags" },
  { value: "build_succeeded", label: "Build succeeded", hint: "an automated build pushed its image" },
  { value: "build_failed", label: "Build failed", hint: "an automated build failed or was interrupted" },
];

const TRIGGERS = [
  { value: "all", label: "All tags" },
  { value: "tags", label: "Only these tags" },
  { value: "regex", label: "Tags matching a regular expression" },
] as const;

/** Create or edit a webhook; the trigger's extra field appears for the chosen kind. Values survive a failed submit. */
export function WebhookForm({
  namespace,
  name,
  webhookId,
  initial,
}: {
  namespace: string;
  name: string;
  webhookId?: string;
  initial?: WebhookFormValues;
}) {
  const [state, action] = useActionState(webhookId ? updateWebhookAction : createWebhookAction, initialFormState);
  const v = state.values;
  const [trigger, setTrigger] = useState<string>(v?.triggerType ?? initial?.triggerType ?? "all");
  const errors = state.fieldErrors ?? {};
  // React resets a form after its action runs, back to the inputs' *default* state: keeping the
  // choices in state and rendering them as defaults makes them survive a failed submit.
  const [events, setEvents] = useState<string[]>(initial?.events ?? ["push"]);
  return (
    <form action={action} noValidate className="space-y-5">
      <FormMessage state={state} />
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="name" value={name} />
      {webhookId ? <input type="hidden" name="webhookId" value={webhookId} /> : null}
      <FormField
        label="Name"
        name="webhookName"
        maxLength={64}
        placeholder="deploy-staging"
        defaultValue={v?.webhookName ?? initial?.webhookName}
        errors={errors.webhookName}
        hint="2–64 characters: letters, digits, - and _, starting with a letter."
      />
      <FormField
        label="Webhook URL"
        name="url"
        type="url"
        maxLength={2000}
        placeholder="https://ci.example.com/hooks/registry"
        defaultValue={v?.url ?? initial?.url}
        errors={errors.url}
        hint="We POST a JSON payload here. Only public addresses, unless your site operator allows private ones."
      />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Trigger</legend>
        <div className="mt-2 space-y-2">
          {TRIGGERS.map((t) => (
            <label key={t.value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="triggerType"
                value={t.value}
                defaultChecked={trigger === t.value}
                onChange={() => setTrigger(t.value)}
              />
              {t.label}
            </label>
          ))}
        </div>
        {errors.triggerType ? <FieldError>{errors.triggerType[0]}</FieldError> : null}
      </fieldset>
      {trigger === "tags" ? (
        <FormField
          label="Tags"
          name="triggerTags"
          placeholder="latest; 1.0; stable"
          defaultValue={v?.triggerTags ?? initial?.triggerTags}
          errors={errors.triggerTags}
          hint="Separate tags with semicolons. Up to 50."
        />
      ) : null}
      {trigger === "regex" ? (
        <FormField
          label="Tag pattern"
          name="triggerPattern"
          placeholder="^v[0-9]+\.[0-9]+\.[0-9]+$"
          spellCheck={false}
          defaultValue={v?.triggerPattern ?? initial?.triggerPattern}
          errors={errors.triggerPattern}
          hint="RE2 syntax (no look-around or back-references), matched anywhere in the tag: anchor it with ^ and $ to match the whole tag."
        />
      ) : null}
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Events</legend>
        <div className="mt-2 space-y-2">
          {EVENTS.map((e) => (
            <label key={e.value} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name="events"
                value={e.value}
                defaultChecked={events.includes(e.value)}
                onChange={(ev) =>
                  setEvents((cur) => (ev.target.checked ? [...cur, e.value] : cur.filter((x) => x !== e.value)))
                }
                className="mt-0.5"
              />
              <span>
                {e.label} <span className="text-slate-500">— {e.hint}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.events ? <FieldError>{errors.events[0]}</FieldError> : null}
      </fieldset>
      <SubmitButton pendingText={webhookId ? "Saving…" : "Creating…"}>
        {webhookId ? "Save webhook" : "Create webhook"}
      </SubmitButton>
    </form>
  );
}
