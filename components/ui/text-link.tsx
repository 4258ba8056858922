import Link from "next/link";
import type { ComponentProps } from "react";

/** An inline link in running text or a table cell. */
export function TextLink({ className = "", ...props }: ComponentProps<typeof Link>) {
  return <Link className={`font-medium text-link hover:underline ${className}`.trim()} {...props} />;
}
