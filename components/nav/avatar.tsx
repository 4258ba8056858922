/** A round initial standing for an account or organization (no uploaded pictures yet). */
export function Avatar({ name, size = "md" }: { name: string; size?: "sm" | "md" }) {
  const box = size === "sm" ? "h-6 w-6 text-xs" : "h-8 w-8 text-sm";
  return (
    <span
      aria-hidden
      className={`grid shrink-0 place-items-center rounded-full bg-brand-100 font-semibold text-brand-700 uppercase ${box}`}
    >
      {name[0]}
    </span>
  );
}
