"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";

/**
 * A button that shows a panel of links under it (the disclosure pattern: aria-expanded and
 * aria-controls, Tab walks into the panel). Escape closes it and gives focus back to the button;
 * so do a click outside, focus leaving it, and following one of its links (the panel is gone on
 * the next page, including a same-path link that only changes the query).
 */
export function DisclosureMenu({
  button,
  buttonLabel,
  buttonClassName = "",
  panelClassName = "",
  align = "right",
  children,
}: {
  button: ReactNode;
  /** The button's accessible name when its content is not text enough. */
  buttonLabel?: string;
  buttonClassName?: string;
  panelClassName?: string;
  align?: "left" | "right";
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      trigger.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <div
      ref={root}
      className="relative"
      onBlur={(e) => {
        if (!root.current?.contains(e.relatedTarget as Node | null) && e.relatedTarget) setOpen(false);
      }}
    >
      <button
        ref={trigger}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={buttonLabel}
        onClick={() => setOpen((o) => !o)}
        className={buttonClassName}
      >
        {button}
      </button>
      <div
        id={panelId}
        hidden={!open}
        onClick={(e) => {
          if ((e.target as HTMLElement).closest("a")) setOpen(false);
        }}
        className={`absolute z-20 mt-2 rounded-xl border border-slate-200 bg-surface p-2 text-sm shadow-lg ${align === "right" ? "right-0" : "left-0"} ${panelClassName}`}
      >
        {children}
      </div>
    </div>
  );
}
