"use client";

import { useActionState } from "react";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { FieldError, Label, Select } from "@/components/ui/field";
import { initialFormState } from "@/lib/actions/form-state";
import { setRetentionScheduleAction } from "@/lib/actions/retention";
import type { RetentionSchedule } from "@/lib/retention/schedule";

/** When the policy runs by itself: never, daily, weekly, or a cron expression (UTC). */
export function ScheduleForm({ namespace, schedule }: { namespace: string; schedule: RetentionSchedule }) {
  const [state, action] = useActionState(setRetentionScheduleAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="space-y-3" data-testid="retention-schedule">
      <FormMessage state={state} />
      <input type="hidden" name="namespace" value={namespace} />
      <div className="flex flex-wrap items-start gap-3">
        <Label text="Runs" className="min-w-48">
          {/* Keyed by the value: after a refused save React resets the form, and a select keeps its first default. */}
          <Select
            key={state.values?.scheduleKind ?? schedule.kind}
            name="scheduleKind"
            defaultValue={state.values?.scheduleKind ?? schedule.kind}
          >
            <option value="none">Only by hand</option>
            <option value="daily">Daily (00:00 UTC)</option>
            <option value="weekly">Weekly (Sunday 00:00 UTC)</option>
            <option value="cron">Cron expression</option>
          </Select>
          {errors.scheduleKind ? <FieldError>{errors.scheduleKind[0]}</FieldError> : null}
        </Label>
        <FormField
          className="min-w-56 flex-1"
          label="Cron (for “Cron expression”)"
          name="cron"
          placeholder="0 3 * * *"
          hint="minute hour day-of-month month day-of-week, in UTC"
          maxLength={100}
          defaultValue={state.values?.cron ?? (schedule.kind === "cron" ? schedule.cron : "")}
          errors={errors.cron}
        />
      </div>
      <SubmitButton variant="secondary">Save schedule</SubmitButton>
    </form>
  );
}
