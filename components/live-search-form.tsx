"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useTransition, type ComponentProps, type FormEvent } from "react";

const DEBOUNCE_MS = 300;

type Field = HTMLInputElement | HTMLSelectElement;

function fieldsOf(form: HTMLFormElement): Field[] {
  return Array.from(form.elements).filter(
    (el): el is Field => (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) && el.name !== "",
  );
}

const isTyped = (el: EventTarget) =>
  el instanceof HTMLInputElement && ["text", "search", ""].includes(el.getAttribute("type") ?? "");

/**
 * A GET filter form that applies as you type: text fields after a pause (300 ms), selects at once,
 * each by router.replace (the URL stays the source of truth, and typing does not fill the history).
 * Without JS it is the plain form it wraps, so its submit button keeps working. A new filter drops
 * `page`; anything else in the URL that the form has no field for (page_size, ns, …) is kept.
 */
export function LiveSearchForm({
  action,
  children,
  ...props
}: Omit<ComponentProps<"form">, "action"> & { action: string }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [pending, startTransition] = useTransition();

  useEffect(() => () => clearTimeout(timer.current), []);

  // A link elsewhere on the page (Clear filters, Show all) changes the URL without remounting the form:
  // show what the URL now says, except in the field being typed into.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    for (const el of fieldsOf(form)) {
      if (el === document.activeElement || (el instanceof HTMLInputElement && el.type === "hidden")) continue;
      const fallback = el instanceof HTMLSelectElement ? (el.options[0]?.value ?? "") : "";
      el.value = searchParams.get(el.name) ?? fallback;
    }
  }, [searchParams]);

  function apply() {
    const form = formRef.current;
    if (!form) return;
    const fields = fieldsOf(form);
    const names = new Set(fields.map((el) => el.name));
    const params = new URLSearchParams();
    for (const [key, value] of new URLSearchParams(window.location.search))
      if (!names.has(key) && key !== "page") params.append(key, value);
    for (const el of fields) if (el.value.trim() !== "") params.set(el.name, el.value);
    const url = params.size > 0 ? `${action}?${params}` : action;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    startTransition(() => router.replace(url, { scroll: false }));
  }

  function schedule(event: FormEvent<HTMLFormElement>) {
    clearTimeout(timer.current);
    if (isTyped(event.target)) timer.current = setTimeout(apply, DEBOUNCE_MS);
    else apply();
  }

  return (
    <form
      {...props}
      ref={formRef}
      action={action}
      aria-busy={pending || undefined}
      onChange={schedule}
      onSubmit={(event) => {
        event.preventDefault();
        clearTimeout(timer.current);
        apply();
      }}
    >
      {children}
    </form>
  );
}
