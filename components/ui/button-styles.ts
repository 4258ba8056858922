/**
 * The console's button looks, in one place: buttons, dialog buttons and links styled as buttons use these.
 * Filled buttons darken on hover with a filter, not a darker step: in the dark theme the 700 steps are
 * light text colours (app/theme.css).
 */
export const BUTTON_VARIANTS = {
  primary: "bg-brand-600 text-white hover:brightness-90 disabled:bg-brand-600/60 disabled:brightness-100",
  danger: "bg-red-600 text-white hover:brightness-90 disabled:bg-red-600/60 disabled:brightness-100",
  secondary: "border border-slate-300 bg-surface text-slate-800 hover:bg-slate-50 disabled:opacity-60",
  // A destructive action that only asks first (row "Delete", "Sign out everywhere"): red, not filled,
  // so a column of them does not shout; the confirming button is `danger`.
  dangerOutline: "border border-red-300 bg-surface text-red-700 hover:bg-red-50 disabled:opacity-60",
} as const;

export const BUTTON_SIZES = {
  sm: "rounded-md px-2.5 py-1 text-xs",
  md: "rounded-md px-4 py-2 text-sm",
} as const;

export type ButtonVariant = keyof typeof BUTTON_VARIANTS;
export type ButtonSize = keyof typeof BUTTON_SIZES;

export function buttonClass(variant: ButtonVariant = "primary", extra = "", size: ButtonSize = "md"): string {
  return `inline-flex items-center justify-center gap-1.5 font-medium whitespace-nowrap ${BUTTON_SIZES[size]} ${BUTTON_VARIANTS[variant]} ${extra}`.trim();
}
