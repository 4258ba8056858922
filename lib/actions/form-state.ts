/** What every server action returns to its form (shared by client components, so no server imports). */
export type FormState<T = unknown> = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  // What the person typed (never passwords), so a failed submit keeps their input.
  values?: Record<string, string>;
  data?: T;
};

export const initialFormState: FormState<never> = { ok: false };
