import type { HTMLAttributes } from "react";

const PADDING = { sm: "px-3 py-2", md: "px-4 py-2", lg: "px-4 py-3" } as const;

/**
 * A warning set apart in amber: a state that needs attention but is not an error of the form at
 * hand (the registry unreachable, read-only mode on, namespaces over a new quota). The caller gives
 * the role: `status` for what a save changed, `alert` for what just went wrong, `note` for an aside.
 */
export function Notice({
  as: Tag = "p",
  padding = "sm",
  className = "",
  ...props
}: HTMLAttributes<HTMLElement> & { as?: "p" | "div"; padding?: keyof typeof PADDING }) {
  return (
    <Tag
      className={`rounded-md border border-amber-200 bg-amber-50 text-sm text-amber-900 ${PADDING[padding]} ${className}`.trim()}
      {...props}
    />
  );
}
