"use client";

import { useActionState, useState } from "react";
import { FieldError, Select } from "@/components/ui/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { updateGcScheduleAction } from "@/lib/actions/garbage-collection";
import { WEEKDAYS, type GcSchedule } from "@/lib/validations/garbage-collection";

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Off, daily at an hour, or weekly on a day at an hour (UTC). */
export function GcScheduleForm({ current }: { current: GcSchedule | null }) {
  const [state, action] = useActionState(updateGcScheduleAction, initialFormState);
  const v = state.values ?? {};
  const [kind, setKind] = useState(v.kind ?? current?.kind ?? "off");
  const label = "block text-sm font-medium text-slate-800";
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor="field-kind" className={label}>
            Runs
          </label>
          <Select
            id="field-kind"
            name="kind"
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            className="mt-1 block w-full"
          >
            <option value="off">Only when started</option>
            <option value="daily">Daily</option>
            <option value="weekly">Weekly</option>
          </Select>
          {state.fieldErrors?.kind ? <FieldError>{state.fieldErrors.kind[0]}</FieldError> : null}
        </div>
        {kind === "weekly" ? (
          <div>
            <label htmlFor="field-day" className={label}>
              On
            </label>
            <Select
              id="field-day"
              name="day"
              defaultValue={v.day ?? (current?.kind === "weekly" ? String(current.day) : "0")}
              className="mt-1 block w-full"
            >
              {WEEKDAYS.map((d, i) => (
                <option key={d} value={i}>
                  {d}
                </option>
              ))}
            </Select>
            {state.fieldErrors?.day ? <FieldError>{state.fieldErrors.day[0]}</FieldError> : null}
          </div>
        ) : null}
        {kind !== "off" ? (
          <div>
            <label htmlFor="field-hour" className={label}>
              At (UTC)
            </label>
            <Select
              id="field-hour"
              name="hour"
              defaultValue={v.hour ?? String(current?.hour ?? 3)}
              className="mt-1 block w-full"
            >
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {`${String(h).padStart(2, "0")}:00`}
                </option>
              ))}
            </Select>
            {state.fieldErrors?.hour ? <FieldError>{state.fieldErrors.hour[0]}</FieldError> : null}
          </div>
        ) : null}
      </div>
      <SubmitButton>Save schedule</SubmitButton>
    </form>
  );
}
