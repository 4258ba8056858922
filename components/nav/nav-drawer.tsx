"use client";

import { useId, useRef, useState, type ReactNode } from "react";

/**
 * The phone header's menu button and the drawer it opens: a native modal <dialog>, so the page
 * behind is inert, focus moves into the drawer and Escape closes it; closing gives focus back to
 * the button. Following a link or tapping the backdrop closes it too.
 */
export function NavDrawer({ children }: { children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const id = useId();
  const titleId = `${id}-title`;
  const close = () => dialog.current?.close();
  return (
    <>
      <button
        ref={trigger}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        aria-haspopup="dialog"
        onClick={() => {
          dialog.current?.showModal();
          setOpen(true);
        }}
        className="rounded-md p-1.5 text-slate-700 hover:bg-slate-100"
      >
        <span className="sr-only">Menu</span>
        <svg aria-hidden viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} className="h-6 w-6">
          <path strokeLinecap="round" d="M4 7h16M4 12h16M4 17h16" />
        </svg>
      </button>
      <dialog
        ref={dialog}
        id={id}
        aria-labelledby={titleId}
        onClose={() => {
          setOpen(false);
          trigger.current?.focus();
        }}
        onClick={(e) => {
          // A click on the dialog element itself is on the backdrop (the panel fills it otherwise).
          if (e.target === dialog.current || (e.target as HTMLElement).closest("a")) close();
        }}
        className="m-0 ml-auto h-dvh max-h-none w-80 max-w-[85vw] border-0 bg-surface p-0 text-sm shadow-xl backdrop:bg-black/50"
      >
        <div className="flex h-full flex-col overflow-y-auto">
          <div className="flex h-14 shrink-0 items-center justify-between border-b border-slate-200 px-4">
            <h2 id={titleId} className="font-semibold">
              Menu
            </h2>
            <button
              type="button"
              onClick={close}
              aria-label="Close menu"
              className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100"
            >
              <svg
                aria-hidden
                viewBox="0 0 24 24"
                fill="none"
                stroke="currentColor"
                strokeWidth={1.8}
                className="h-5 w-5"
              >
                <path strokeLinecap="round" d="M6 6l12 12M18 6L6 18" />
              </svg>
            </button>
          </div>
          <div className="p-3">{children}</div>
        </div>
      </dialog>
    </>
  );
}
