"use client";

import { useFormStatus } from "react-dom";
import type { ReactNode } from "react";

const VARIANTS = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/60",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-600/60",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 disabled:opacity-60",
} as const;

export function SubmitButton({ children, pendingText, variant = "primary", className = "" }: { children: ReactNode; pendingText?: string; variant?: keyof typeof VARIANTS; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-busy={pending} className={`rounded-md px-4 py-2 text-sm font-medium ${VARIANTS[variant]} ${className}`}>
      {pending ? (pendingText ?? "Saving…") : children}
    </button>
  );
}
