import type { Metadata } from "next";
import { Suspense } from "react";
import { SignInReturnLink } from "@/components/auth/sign-in-return-link";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Page not found" };

export default async function NotFound() {
  // A private repository is a 404 to anyone without access, so a signed-out visitor may simply
  // need to sign in: say so, and come back here afterwards.
  const user = await getCurrentUser();
  return (
    <Card className="mx-auto max-w-xl text-center">
      {/* A notFound() thrown while a layout's generateMetadata runs leaves the page without any
          title (the metadata export above only covers unmatched URLs); React puts this one in <head>. */}
      <title>Page not found · Dockyard</title>
      <p className="text-sm font-medium text-link">404</p>
      <h1 className="mt-1 text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is nothing here, or you do not have access to it.</p>
      {user ? null : (
        <p className="mt-1 text-sm text-slate-600" data-testid="not-found-sign-in-hint">
          If it is private, sign in with an account that has access.
        </p>
      )}
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        {user ? null : (
          <Suspense fallback={<ButtonLink href="/signin">Sign in</ButtonLink>}>
            <SignInReturnLink />
          </Suspense>
        )}
        <ButtonLink href="/" variant={user ? "primary" : "secondary"}>
          Go home
        </ButtonLink>
      </div>
    </Card>
  );
}
