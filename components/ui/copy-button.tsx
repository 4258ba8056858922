"use client";

import { useState } from "react";
import { buttonClass } from "./button-styles";

/** Copies `value`; says "Copied" for a moment so people know it worked (or "Copy failed" if not allowed). */
export function CopyButton({
  value,
  label = "Copy",
  className = "",
}: {
  value: string;
  label?: string;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      className={buttonClass("secondary", `shrink-0 ${className}`, "sm")}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setState("copied");
        } catch {
          setState("failed");
        }
        setTimeout(() => setState("idle"), 1500);
      }}
      aria-label={`${label}: ${value}`}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}
    </button>
  );
}
