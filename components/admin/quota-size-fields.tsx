import { FormField } from "@/components/forms/form-field";
import { FieldError, Select } from "@/components/ui/field";
import { QUOTA_UNITS } from "@/lib/validations/site-settings";

/**
 * A storage quota's size: an amount and a unit (MB, GB, TB; base 1000 as every byte figure), as
 * the site default's form and a namespace's own quota form both take it. `amount` and `unit` are
 * what to show: the submitted values after a refused save, else the saved quota.
 */
export function QuotaSizeFields({
  amount,
  unit,
  hint,
  errors,
}: {
  amount: string;
  unit: string;
  hint?: string;
  errors?: { amount?: string[]; unit?: string[] };
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <FormField
        label="Quota"
        name="amount"
        inputMode="decimal"
        hint={hint}
        defaultValue={amount}
        errors={errors?.amount}
      />
      <div>
        <label htmlFor="field-unit" className="block text-sm font-medium text-slate-800">
          Unit
        </label>
        <Select id="field-unit" name="unit" defaultValue={unit} className="mt-1 block w-full">
          {Object.keys(QUOTA_UNITS).map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </Select>
        {errors?.unit ? <FieldError>{errors.unit[0]}</FieldError> : null}
      </div>
    </div>
  );
}
