"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";

/**
 * "Sign in" that comes back here afterwards. A 404 cannot tell a missing page from a private one
 * (on purpose), so an anonymous visitor is offered the way in; not-found pages get no params, so
 * the path is read on the client.
 */
export function SignInReturnLink({ className }: { className?: string }) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const back = `${pathname}${search ? `?${search}` : ""}`;
  return (
    <ButtonLink href={`/signin?callbackUrl=${encodeURIComponent(back)}`} className={className}>
      Sign in
    </ButtonLink>
  );
}
